/**
 * Shapes shared by the emulator's state, its Web API methods, the driver and the test helpers.
 * Stored objects use Slack's own wire shapes (snake_case) so a test can compare them with what the
 * bot sent or what Slack documents, without a translation layer in between.
 */
import type { Block } from '@slack/types';

/** A person (or bot user) in a workspace, as a test declares it. */
export interface PersonSpec {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  /** IANA zone, e.g. "Europe/London". Defaults to UTC; `null` means Slack reports no zone at all. */
  tz?: string | null;
  isBot?: boolean;
  /** A deactivated account: still listed, `deleted: true`, cannot be messaged. */
  deleted?: boolean;
  title?: string;
  isAdmin?: boolean;
}

export interface WorkspaceSpec {
  teamId: string;
  name: string;
  /** Subdomain; defaults to a slug of the name. */
  domain?: string;
  botToken: string;
  botUserId: string;
  /** B… id Slack gives the app's bot; defaults to one derived from botUserId. */
  botId?: string;
  appId: string;
  /** Name of the bot user (auth.test `user`). Defaults to "cadence". */
  botName?: string;
  people?: PersonSpec[];
  /** When false, views.publish answers `not_enabled` (the Home tab is off in the app config). */
  homeTabEnabled?: boolean;
  /** The Enterprise Grid organization (EnterpriseSpec.id) the workspace belongs to. */
  enterpriseId?: string;
  /** When false, posting in the app's DMs answers `messages_tab_disabled` (Messages tab off in the app config). */
  messagesTabEnabled?: boolean;
}

/**
 * An Enterprise Grid organization, for org-wide installs. Its workspaces name it in their
 * `enterpriseId` and take its `botUserId` (the org's app has one bot user across the org).
 */
export interface EnterpriseSpec {
  /** E… */
  id: string;
  name: string;
  domain?: string;
  /** The org-wide install's bot token (its workspaces keep their own for per-workspace installs). */
  botToken: string;
  botUserId: string;
  botId?: string;
  appId: string;
}

/** A message as Slack stores it in a conversation. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  channel: string;
  /** Author: the bot user id for the app's messages, a person's id for theirs. */
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  text: string;
  blocks?: Block[];
  thread_ts?: string;
  metadata?: unknown;
  edited?: { user: string; ts: string };
}

/** Where an ephemeral message came from, so a test can tell a `respond()` from a postEphemeral. */
export type EphemeralSource = 'chat.postEphemeral' | 'response_url' | 'command_ack';

/** A message only `user` can see. Slack keeps no copy; the emulator does, for assertions. */
export interface EphemeralMessage {
  ts: string;
  channel: string;
  /** The person who sees it. */
  user: string;
  text: string;
  blocks?: Block[];
  thread_ts?: string;
  source: EphemeralSource;
}

/** A view as the Web API returns it (views.open etc.) and as payloads carry it. */
export interface SlackView {
  id: string;
  team_id: string;
  type: string;
  hash: string;
  callback_id: string;
  external_id: string;
  private_metadata: string;
  blocks: Block[];
  state: { values: Record<string, Record<string, unknown>> };
  root_view_id: string | null;
  previous_view_id: string | null;
  clear_on_close: boolean;
  notify_on_close: boolean;
  app_id: string;
  bot_id: string;
  app_installed_team_id: string;
  [key: string]: unknown;
}

/** What a Web API method answers: HTTP 200 with `{ok}` unless a fault or rate limit says otherwise. */
export type ApiBody = { ok: boolean; error?: string } & Record<string, unknown>;

/** One recorded request to the emulator, for assertions. */
export interface RecordedCall {
  /** Web API method name, or "response_url" for posts to a response URL. */
  method: string;
  /** Parsed parameters (JSON-string fields such as `blocks` and `view` decoded), token removed. */
  params: Record<string, unknown>;
  teamId: string | undefined;
  /** Set for a call made with an org-wide install's token. */
  enterpriseId?: string;
  status: number;
  response: ApiBody;
  /** Emulator clock (ms) when it was answered. */
  at: number;
}

export type JsonRecord = Record<string, unknown>;
