/**
 * Plays the people using the bot: sends correctly signed slash commands, clicks, submissions and
 * events to the bot's real HTTP endpoint (Bolt's `/slack/events`), and applies what Slack would do
 * with the bot's answers to the emulator's state (a submission's ack moves the view stack, a
 * command's ack body becomes a message).
 */
import { randomUUID } from 'node:crypto';
import { stringify as formEncode } from 'node:querystring';
import type { SlackEmulator } from '../emulator/emulator';
import { asBlocks, isRecord, stringField } from '../emulator/json';
import { renderMessage } from '../emulator/methods/chat';
import type { JsonRecord, SlackMessage, SlackView } from '../emulator/types';
import { checkMessage } from '../emulator/validation';
import type { Workspace } from '../emulator/workspace';
import { applySubmissionAck, type SubmissionOutcome } from './acks';
import { findElement, type LocatedElement } from './blocks';
import { buttonAction, elementState, type InputValue } from './element-values';
import * as payloads from './payloads';
import type { Actor } from './payloads';
import { signedHeaders } from './signing';
import { buildViewState, clientSideProblems, SlackClientValidationError, type SubmitValues, type ViewStateValues } from './view-state';

export interface SlackDriverOptions {
  emulator: SlackEmulator;
  /** The bot's endpoint, e.g. `http://127.0.0.1:PORT/slack/events`. */
  botUrl: string;
  signingSecret: string;
  /** Act in this workspace; by default the workspace the named person belongs to. */
  teamId?: string;
  /** Give up on the bot after this long (Slack itself stops waiting after 3 s). Default 15 s. */
  requestTimeoutMs?: number;
}

export interface DriverResponse {
  status: number;
  /** JSON-parsed when the bot answered JSON, else the text ('' for an empty ack). */
  body: unknown;
}

export interface CommandResult extends DriverResponse {
  triggerId: string;
  responseUrl: string;
  /** Set when the ack carried a message Slack would refuse (it is then not recorded). */
  ackError?: string;
}

export interface InteractionResult extends DriverResponse {
  triggerId: string;
  /** Only for message surfaces; modals and the Home tab get none. */
  responseUrl?: string;
}

export interface SubmitResult extends DriverResponse {
  /** The view as submitted, state included. */
  view: SlackView;
  outcome: SubmissionOutcome;
}

export interface EventResult extends DriverResponse {
  eventId: string;
}

/** Where the clicked element is: a message (a stored DM or ephemeral, by channel and ts) or a view. */
export type ActionSource =
  | { message: { channel: string; ts: string } }
  | { viewId: string }
  /** The person's top modal. */
  | { modal: true }
  /** The person's published Home tab. */
  | { home: true };

type Surface =
  | { kind: 'message'; channel: string; message: JsonRecord; blocks: readonly unknown[]; ephemeral: boolean }
  | { kind: 'view'; view: SlackView };

export interface RawRequest {
  body: string;
  contentType: string;
  headers?: Record<string, string>;
  /** Sign with this Unix time instead of now (to test stale requests). */
  timestampSeconds?: number;
  /** Sign with this secret instead of the driver's (to test rejection). */
  signingSecret?: string;
}

export class SlackDriver {
  private readonly emulator: SlackEmulator;
  private lastEvent: string | undefined;

  constructor(private readonly options: SlackDriverOptions) {
    this.emulator = options.emulator;
  }

  // ---- slash commands ----

  async command(input: { user: string; command: string; text?: string }): Promise<CommandResult> {
    const { body, triggerId, responseUrl } = this.prepareCommand(input);
    const actor = this.actor(input.user);
    const response = await this.sendForm(body);
    const ackError = this.showCommandAck(actor, actor.ws.dmChannelId(input.user), response);
    return { ...response, triggerId, responseUrl, ...(ackError !== undefined ? { ackError } : {}) };
  }

  /**
   * A slash command's form body, its trigger and response URL issued, for a sender elsewhere to sign
   * and post (the bench times acks from a process that does not also answer the bot's API calls).
   */
  prepareCommand(input: { user: string; command: string; text?: string }): { body: string; triggerId: string; responseUrl: string } {
    const actor = this.actor(input.user);
    const triggerId = this.emulator.issueTrigger(input.user, this.options.teamId);
    const responseUrl = this.emulator.issueResponseUrl({ teamId: this.options.teamId, userId: input.user, channel: actor.ws.dmChannelId(input.user) });
    const form = payloads.commandForm(actor, { command: input.command, text: input.text ?? '', triggerId, responseUrl });
    return { body: formEncode(form), triggerId, responseUrl };
  }

  // ---- interactivity ----

  /**
   * Click a button the bot rendered; block_id, value and text come from the element itself. In a
   * view, `values` (input block_id -> value) is what the person has typed so far: Slack sends the
   * view's current state with every block_actions.
   */
  async clickButton(input: { user: string; actionId: string; blockId?: string; value?: string; source: ActionSource; values?: SubmitValues }): Promise<InteractionResult> {
    return this.act(input, (element) => {
      if (element.elementType !== 'button') throw new Error(`${element.blockId}/${element.actionId} is a ${element.elementType}, not a button; use selectOption`);
      return buttonAction(element, input.value);
    });
  }

  /**
   * Choose in a select, radio group, checkbox group, overflow menu, date or time picker: `value`
   * is an option value (looked up in the element's options), a user id, a date… or a list of them.
   */
  async selectOption(input: { user: string; actionId: string; blockId?: string; value: InputValue; source: ActionSource; values?: SubmitValues }): Promise<InteractionResult> {
    return this.act(input, (element) => elementState(element, input.value), input.value);
  }

  /**
   * Submit the person's open (top) modal. `values` maps input block_id -> value; inputs not named
   * keep their initial value or stay empty. Throws SlackClientValidationError when the Slack client
   * itself would refuse to submit (a required input empty, a length or number rule broken).
   */
  async submitView(input: { user: string; values?: SubmitValues; skipClientValidation?: boolean }): Promise<SubmitResult> {
    const actor = this.actor(input.user);
    const open = actor.ws.views.topModal(input.user);
    if (!open) throw new Error(`${input.user} has no open modal to submit.\n${this.emulator.describeRecentCalls()}`);
    const state = this.withFileObjects(buildViewState(open, input.values ?? {}), actor.ws.teamId);
    if (input.skipClientValidation !== true) {
      const problems = clientSideProblems(open, state);
      if (Object.keys(problems).length > 0) throw new SlackClientValidationError(problems);
    }
    const view: SlackView = { ...open, state: { values: state } };
    const triggerId = this.emulator.issueTrigger(input.user, this.options.teamId);
    const response = await this.sendPayload(payloads.viewSubmission(actor, { view, triggerId }));
    const outcome = applySubmissionAck(actor.ws, input.user, open, response.status, response.body);
    this.emulator.notifyChange();
    return { ...response, view, outcome };
  }

  /** A person uploads a file, as a file_input does before submit; give its id as the input's value. */
  uploadFile(input: { user: string; name: string; content: Buffer | string }): string {
    return this.emulator.uploadFile({ ...input, teamId: this.actor(input.user).ws.teamId });
  }

  /** Slack reports a file_input with the full file objects, not just their ids. */
  private withFileObjects(state: ViewStateValues, teamId: string): ViewStateValues {
    for (const actions of Object.values(state))
      for (const entry of Object.values(actions)) if (entry.type === 'file_input' && Array.isArray(entry.files)) entry.files = this.emulator.fileObjects(entry.files.map(String), teamId);
    return state;
  }

  /**
   * The person closes their top modal with its close button. Slack tells the app only when the
   * view has `notify_on_close`; then the result carries the bot's answer, else `sent: false`.
   */
  async closeView(input: { user: string }): Promise<{ sent: false } | (DriverResponse & { sent: true })> {
    const actor = this.actor(input.user);
    const open = actor.ws.views.topModal(input.user);
    if (!open) throw new Error(`${input.user} has no open modal to close`);
    const isCleared = open.clear_on_close;
    if (isCleared) actor.ws.views.clearModals(input.user);
    else actor.ws.views.closeModal(input.user, open.id);
    this.emulator.notifyChange();
    if (!open.notify_on_close) return { sent: false };
    const response = await this.sendPayload(payloads.viewClosed(actor, { view: open, isCleared }));
    return { ...response, sent: true };
  }

  // ---- events ----

  async appHomeOpened(input: { user: string; tab?: 'home' | 'messages' }): Promise<EventResult> {
    const actor = this.actor(input.user);
    const tab = input.tab ?? 'home';
    const event: JsonRecord = {
      type: 'app_home_opened',
      user: input.user,
      channel: actor.ws.dmChannelId(input.user),
      tab,
      event_ts: this.nowSeconds(),
    };
    const home = actor.ws.views.home(input.user);
    if (tab === 'home' && home) event.view = home;
    return this.sendEvent(actor.ws, event);
  }

  /** The person writes to the app in their DM (a message.im event); the message is recorded too. */
  async sendDm(input: { user: string; text: string; threadTs?: string }): Promise<EventResult & { message: SlackMessage }> {
    const actor = this.actor(input.user);
    const channel = actor.ws.dmChannelId(input.user);
    const message = actor.ws.post({
      channel,
      user: input.user,
      text: input.text,
      ...(input.threadTs !== undefined ? { threadTs: input.threadTs } : {}),
      asBot: false,
    });
    this.emulator.notifyChange();
    const event: JsonRecord = {
      type: 'message',
      channel,
      user: input.user,
      text: input.text,
      ts: message.ts,
      event_ts: message.ts,
      channel_type: 'im',
      client_msg_id: randomUUID(),
      team: actor.ws.teamId,
      blocks: [{ type: 'rich_text', block_id: randomUUID().slice(0, 5), elements: [{ type: 'rich_text_section', elements: payloads.richTextElements(input.text) }] }],
    };
    if (input.threadTs !== undefined) {
      // Slack names the thread's author in every reply.
      const parent = actor.ws.findMessage(channel, input.threadTs);
      event.thread_ts = input.threadTs;
      if (parent) event.parent_user_id = parent.user;
    }
    return { ...(await this.sendEvent(actor.ws, event)), message };
  }

  /**
   * Someone removes the app from a workspace, or (an E… id) from the organization it is installed
   * in org-wide: its token stops working, and Slack sends the app tokens_revoked (the bot's token)
   * then app_uninstalled, as it does (an org's from one of its workspaces).
   */
  async uninstallApp(id: string): Promise<{ tokensRevoked: EventResult; appUninstalled: EventResult }> {
    const ws = this.emulator.isEnterprise(id) ? this.emulator.enterprise(id).teams()[0] : this.emulator.workspace(id);
    if (!ws) throw new Error(`Organization ${id} has no workspace to send its events from`);
    this.emulator.uninstall(id);
    const tokensRevoked = await this.sendEvent(ws, { type: 'tokens_revoked', tokens: { oauth: [], bot: [ws.botUserId] } });
    const appUninstalled = await this.sendEvent(ws, { type: 'app_uninstalled' });
    return { tokensRevoked, appUninstalled };
  }

  /** Any event, wrapped in an event_callback envelope for the given (or default) workspace. */
  async sendEvent(ws: Workspace, event: JsonRecord): Promise<EventResult> {
    const envelope = payloads.eventEnvelope(ws, event, this.emulator.now());
    const body = JSON.stringify(envelope);
    this.lastEvent = body;
    const response = await this.sendRaw({ body, contentType: 'application/json' });
    return { ...response, eventId: String(envelope.event_id) };
  }

  /** Slack's retry of the last event: same body and event_id, with X-Slack-Retry-Num/-Reason. */
  async resendLastEvent(input: { retryNum?: number; retryReason?: string } = {}): Promise<DriverResponse> {
    if (this.lastEvent === undefined) throw new Error('No event has been sent yet');
    return this.sendRaw({
      body: this.lastEvent,
      contentType: 'application/json',
      headers: { 'X-Slack-Retry-Num': String(input.retryNum ?? 1), 'X-Slack-Retry-Reason': input.retryReason ?? 'http_timeout' },
    });
  }

  async urlVerification(challenge: string = randomUUID()): Promise<DriverResponse & { challenge: string }> {
    const body = JSON.stringify({ token: payloads.VERIFICATION_TOKEN, challenge, type: 'url_verification' });
    return { ...(await this.sendRaw({ body, contentType: 'application/json' })), challenge };
  }

  // ---- transport ----

  /** A signed POST of an exact body: the building block, and the way to send malformed requests. */
  async sendRaw(request: RawRequest): Promise<DriverResponse> {
    const timestamp = request.timestampSeconds ?? Math.floor(Date.now() / 1000);
    const secret = request.signingSecret ?? this.options.signingSecret;
    const response = await fetch(this.options.botUrl, {
      method: 'POST',
      headers: { 'Content-Type': request.contentType, ...signedHeaders(secret, timestamp, request.body), ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 15_000),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').includes('json') && text !== '';
    let body: unknown = text;
    if (isJson) {
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        body = text;
      }
    }
    return { status: response.status, body };
  }

  private sendForm(form: string): Promise<DriverResponse> {
    // Exactly this content type: Bolt parses a form only without a `; charset=` suffix.
    return this.sendRaw({ body: form, contentType: 'application/x-www-form-urlencoded' });
  }

  private sendPayload(payload: JsonRecord): Promise<DriverResponse> {
    return this.sendForm(formEncode({ payload: JSON.stringify(payload) }));
  }

  // ---- helpers ----

  private actor(userId: string): Actor {
    const ws = this.options.teamId !== undefined ? this.emulator.workspace(this.options.teamId) : this.emulator.workspaceOfUser(userId);
    const person = ws.person(userId);
    if (!person) throw new Error(`No person ${userId} in workspace ${ws.teamId}`);
    if (person.deleted) throw new Error(`${userId} is deactivated and cannot use Slack`);
    if (person.isBot) throw new Error(`${userId} is a bot user; the driver plays people`);
    return { ws, person };
  }

  private nowSeconds(): string {
    return (this.emulator.now() / 1000).toFixed(6);
  }

  private async act(
    input: { user: string; actionId: string; blockId?: string; source: ActionSource; values?: SubmitValues },
    describeAction: (element: LocatedElement) => JsonRecord,
    /** For stateful elements: the new value, which the view's state must reflect. */
    newValue?: InputValue,
  ): Promise<InteractionResult> {
    const actor = this.actor(input.user);
    const surface = this.surface(actor, input.source);
    const blocks = surface.kind === 'message' ? surface.blocks : surface.view.blocks;
    const where = surface.kind === 'message' ? `message ${surface.channel}/${String(surface.message.ts)}` : `view ${surface.view.id}`;
    const element = findElement(blocks, { actionId: input.actionId, ...(input.blockId !== undefined ? { blockId: input.blockId } : {}) }, where);
    const action: JsonRecord = { action_id: element.actionId, block_id: element.blockId, ...describeAction(element) };
    const triggerId = this.emulator.issueTrigger(input.user, this.options.teamId);
    const nowMs = this.emulator.now();

    if (surface.kind === 'view') {
      const changed = newValue === undefined ? undefined : { element, state: elementState(element, newValue) };
      const view: SlackView = { ...surface.view, state: { values: buildViewState(surface.view, input.values ?? {}, changed) } };
      const response = await this.sendPayload(payloads.viewBlockActions(actor, { action, triggerId, nowMs, view }));
      return { ...response, triggerId };
    }
    const responseUrl = this.emulator.issueResponseUrl({
      teamId: this.options.teamId,
      userId: input.user,
      channel: surface.channel,
      original: { ts: String(surface.message.ts), ephemeral: surface.ephemeral },
    });
    const response = await this.sendPayload(
      payloads.messageBlockActions(actor, { action, triggerId, nowMs, channel: surface.channel, message: surface.message, ephemeral: surface.ephemeral, responseUrl }),
    );
    return { ...response, triggerId, responseUrl };
  }

  private surface(actor: Actor, source: ActionSource): Surface {
    if ('message' in source) return this.messageSurface(actor, source.message);
    const { ws, person } = actor;
    if ('home' in source) {
      const home = ws.views.home(person.id);
      if (!home) throw new Error(`${person.id} has no published Home tab`);
      return { kind: 'view', view: home };
    }
    const top = ws.views.topModal(person.id);
    if ('modal' in source) {
      if (!top) throw new Error(`${person.id} has no open modal`);
      return { kind: 'view', view: top };
    }
    const entry = ws.views.get(source.viewId);
    if (!entry || entry.userId !== person.id) throw new Error(`${person.id} has no open view ${source.viewId}`);
    // Only the top of a modal stack is on screen; the views below cannot be clicked.
    if (entry.view.type !== 'home' && entry.view.id !== top?.id) throw new Error(`View ${source.viewId} is under another modal; ${person.id} cannot reach it`);
    return { kind: 'view', view: entry.view };
  }

  private messageSurface({ ws, person }: Actor, ref: { channel: string; ts: string }): Surface {
    const channel = ws.resolveChannel(ref.channel)?.channel ?? ref.channel;
    if (channel !== ws.dmChannelId(person.id)) throw new Error(`${person.id} cannot see messages in ${ref.channel}; only their DM with the app`);
    const message = ws.findMessage(channel, ref.ts);
    if (message) return { kind: 'message', channel, message: renderMessage(message), blocks: message.blocks ?? [], ephemeral: false };
    const ephemeral = ws.findEphemeral(channel, ref.ts);
    if (ephemeral && ephemeral.user === person.id) {
      const rendered = { type: 'message', ts: ephemeral.ts, text: ephemeral.text, blocks: ephemeral.blocks ?? [] };
      return { kind: 'message', channel, message: rendered, blocks: ephemeral.blocks ?? [], ephemeral: true };
    }
    throw new Error(`No message ${ref.ts} in ${channel} (deleted, or never posted)`);
  }

  /** Slack shows a command's ack body to the person: ephemeral unless response_type is in_channel. */
  private showCommandAck(actor: Actor, channel: string, response: DriverResponse): string | undefined {
    if (response.status !== 200 || response.body === '') return undefined;
    const body: JsonRecord = isRecord(response.body) ? response.body : { text: String(response.body) };
    const problem = checkMessage({ text: body.text, blocks: body.blocks });
    if (problem) return String(problem.error);
    const text = stringField(body, 'text') ?? '';
    const blocks = body.blocks !== undefined ? { blocks: asBlocks(body.blocks) } : {};
    if (stringField(body, 'response_type') === 'in_channel') {
      actor.ws.post({ channel, user: actor.ws.botUserId, text, ...blocks, asBot: true });
    } else {
      actor.ws.postEphemeral({ channel, user: actor.person.id, text, ...blocks, source: 'command_ack' });
    }
    this.emulator.notifyChange();
    return undefined;
  }
}
