/**
 * The state of one Slack workspace as the app sees it: the team, its bot, the people, the app's DM
 * with each person, the messages in those DMs, ephemeral messages, views and triggers.
 * Only direct messages exist: Cadence talks to people one to one, so channels are out of scope and
 * anything that is not a person's DM with the app is `channel_not_found`.
 */
import type { Block } from '@slack/types';
import { assignIds } from './block-ids';
import type { Enterprise } from './enterprise';
import { FileStore } from './files';
import { MessageTsClock } from './ids';
import { toPerson, type Person } from './people';
import { TriggerStore } from './triggers';
import type { EphemeralMessage, EphemeralSource, PersonSpec, SlackMessage, WorkspaceSpec } from './types';
import { ViewStore } from './view-store';

export interface PostInput {
  channel: string;
  user: string;
  text: string;
  blocks?: Block[];
  threadTs?: string;
  metadata?: unknown;
  /** Set for the app's own messages. */
  asBot: boolean;
}

/** A stored message was posted or edited (`saved`, its current state) or deleted. */
export interface MessageChange {
  kind: 'saved' | 'deleted';
  message: SlackMessage;
}

export class Workspace {
  readonly teamId: string;
  readonly name: string;
  readonly domain: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly botName: string;
  readonly appId: string;
  /** The Enterprise Grid organization the workspace belongs to, if any. */
  readonly enterprise: Enterprise | undefined;
  homeTabEnabled = true;
  /** The app was uninstalled (or its token revoked): every call with the bot token answers token_revoked. */
  tokenRevoked = false;
  messagesTabEnabled = true;
  readonly views: ViewStore;
  readonly triggers: TriggerStore;
  readonly files: FileStore;
  private readonly people = new Map<string, Person>();
  private messages: SlackMessage[] = [];
  private ephemerals: EphemeralMessage[] = [];
  private readonly messageListeners = new Set<(change: MessageChange) => void>();

  constructor(
    private readonly spec: WorkspaceSpec,
    private readonly now: () => number,
    private readonly tsClock: MessageTsClock,
    enterprise?: Enterprise,
  ) {
    this.enterprise = enterprise;
    this.teamId = spec.teamId;
    this.name = spec.name;
    this.domain = spec.domain ?? spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    this.botToken = spec.botToken;
    this.botUserId = spec.botUserId;
    this.botId = spec.botId ?? `B${spec.botUserId.slice(1)}`;
    this.botName = spec.botName ?? 'cadence';
    this.appId = spec.appId;
    this.views = new ViewStore({ teamId: this.teamId, appId: this.appId, botId: this.botId, now });
    this.triggers = new TriggerStore(now);
    this.files = new FileStore(now);
    this.resetPeople();
  }

  private resetPeople(): void {
    this.people.clear();
    // The bot is a user too: users.list shows it (is_bot) and code must filter it out.
    this.setPerson({ id: this.botUserId, name: this.botName, realName: 'Cadence', isBot: true });
    for (const person of this.spec.people ?? []) this.setPerson(person);
    this.homeTabEnabled = this.spec.homeTabEnabled ?? true;
    this.messagesTabEnabled = this.spec.messagesTabEnabled ?? true;
  }

  // ---- people ----

  setPerson(spec: PersonSpec): Person {
    const person = toPerson(spec);
    this.people.set(person.id, person);
    return person;
  }

  person(userId: string): Person | undefined {
    return this.people.get(userId);
  }

  /** Everyone, in a stable order (by id) so cursor pagination is deterministic. */
  allPeople(): Person[] {
    return [...this.people.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  // ---- conversations ----

  /** The app's DM with a person. Deterministic so a test can predict it: U0ALICE -> D0ALICE. */
  dmChannelId(userId: string): string {
    return `D${userId.slice(1)}`;
  }

  /**
   * Resolves a `channel` argument the way chat.postMessage does: a person's id means the app's DM
   * with them; a D… id must be one of the app's DMs.
   */
  resolveChannel(channel: string): { channel: string; person: Person } | undefined {
    const direct = this.people.get(channel);
    if (direct && !direct.isBot) return { channel: this.dmChannelId(direct.id), person: direct };
    if (!channel.startsWith('D')) return undefined;
    for (const person of this.people.values()) {
      if (!person.isBot && this.dmChannelId(person.id) === channel) return { channel, person };
    }
    return undefined;
  }

  // ---- messages ----

  post(input: PostInput): SlackMessage {
    const message: SlackMessage = {
      type: 'message',
      ts: this.tsClock.next(),
      channel: input.channel,
      user: input.user,
      team: this.teamId,
      text: input.text,
    };
    if (input.asBot) {
      message.bot_id = this.botId;
      message.app_id = this.appId;
    }
    if (input.blocks !== undefined) message.blocks = assignIds(input.blocks);
    if (input.threadTs !== undefined) message.thread_ts = input.threadTs;
    if (input.metadata !== undefined) message.metadata = input.metadata;
    this.messages.push(message);
    this.messageChanged('saved', message);
    return message;
  }

  findMessage(channel: string, ts: string): SlackMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  updateMessage(message: SlackMessage, change: { text?: string; blocks?: Block[] }): SlackMessage {
    if (change.text !== undefined) message.text = change.text;
    if (change.blocks !== undefined) message.blocks = assignIds(change.blocks);
    message.edited = { user: this.botUserId, ts: this.tsClock.next() };
    this.messageChanged('saved', message);
    return message;
  }

  /** replace_original through a response_url: the whole message is replaced, blocks included. */
  replaceMessage(message: SlackMessage, change: { text: string; blocks?: Block[] }): SlackMessage {
    message.text = change.text;
    if (change.blocks === undefined) delete message.blocks;
    else message.blocks = assignIds(change.blocks);
    message.edited = { user: this.botUserId, ts: this.tsClock.next() };
    this.messageChanged('saved', message);
    return message;
  }

  deleteMessage(message: SlackMessage): void {
    this.messages = this.messages.filter((m) => m !== message);
    this.messageChanged('deleted', message);
  }

  /** Calls `listener` after every post, edit and deletion of a stored message; returns the unsubscribe. */
  onMessageChange(listener: (change: MessageChange) => void): () => void {
    this.messageListeners.add(listener);
    return () => void this.messageListeners.delete(listener);
  }

  /**
   * Puts back the messages of an earlier run (kept by the sandbox), oldest first, before anything
   * new is posted; new messages get later timestamps than any of them.
   */
  restoreMessages(messages: readonly SlackMessage[]): void {
    this.messages = [...messages].sort((a, b) => Number(a.ts) - Number(b.ts));
    for (const message of this.messages) {
      this.tsClock.passed(message.ts);
      if (message.edited) this.tsClock.passed(message.edited.ts);
    }
  }

  private messageChanged(kind: MessageChange['kind'], message: SlackMessage): void {
    for (const listener of this.messageListeners) listener({ kind, message });
  }

  /** Every message in the app's DM with a person (theirs and the app's), oldest first. */
  conversation(userId: string): SlackMessage[] {
    const channel = this.dmChannelId(userId);
    return this.messages.filter((m) => m.channel === channel);
  }

  allMessages(): readonly SlackMessage[] {
    return this.messages;
  }

  // ---- ephemeral messages ----

  postEphemeral(input: { channel: string; user: string; text: string; blocks?: Block[]; threadTs?: string; source: EphemeralSource }): EphemeralMessage {
    const message: EphemeralMessage = {
      ts: this.tsClock.next(),
      channel: input.channel,
      user: input.user,
      text: input.text,
      source: input.source,
    };
    if (input.blocks !== undefined) message.blocks = assignIds(input.blocks);
    if (input.threadTs !== undefined) message.thread_ts = input.threadTs;
    this.ephemerals.push(message);
    return message;
  }

  findEphemeral(channel: string, ts: string): EphemeralMessage | undefined {
    return this.ephemerals.find((m) => m.channel === channel && m.ts === ts);
  }

  replaceEphemeral(message: EphemeralMessage, change: { text: string; blocks?: Block[] }): void {
    message.text = change.text;
    if (change.blocks === undefined) delete message.blocks;
    else message.blocks = assignIds(change.blocks);
  }

  deleteEphemeral(message: EphemeralMessage): void {
    this.ephemerals = this.ephemerals.filter((m) => m !== message);
  }

  ephemeralsFor(userId: string): EphemeralMessage[] {
    return this.ephemerals.filter((m) => m.user === userId);
  }

  /** Back to the state the spec describes: its people, no messages, views or triggers. */
  reset(): void {
    this.resetPeople();
    this.tokenRevoked = false;
    this.messages = [];
    this.ephemerals = [];
    this.views.reset();
    this.triggers.reset();
    this.files.reset();
  }

  nowMs(): number {
    return this.now();
  }
}
