import type { DirectoryProfile, SlackTeam } from '../domain/person';

/** Where people's profiles come from (Slack's users.info and users.list in production). */
export interface Directory {
  fetchProfile(workspaceId: string, slackUserId: string): Promise<DirectoryProfile | undefined>;
  /** Everyone in the workspace, deactivated accounts and bots included, a page at a time. */
  listProfiles(workspaceId: string): AsyncIterable<DirectoryProfile[]>;
  /** The workspaces Cadence serves: the bot token's team, or every active installation. */
  workspaceIds(): Promise<string[]>;
  /** The Slack workspaces of an organization installed org-wide; none for any other workspace (or when not told). */
  listTeams?(workspaceId: string): Promise<SlackTeam[]>;
}

/**
 * Whether Cadence still acts for a workspace: false once it was uninstalled or its token revoked.
 * Services take it optionally; unset, every workspace is served (a single bot token).
 */
export interface ServedWorkspaces {
  serves(workspaceId: string): Promise<boolean>;
}

/** A rendered message; `blocks` stay opaque to the domain. */
export interface OutboundMessage {
  text: string;
  blocks?: readonly unknown[];
}

/** Where a message sits in Slack. */
export interface PostedMessage {
  channel: string;
  ts: string;
}

/**
 * Sends direct messages, each tagged with its ledger key so Slack's own copy can be found again.
 * Throws PermanentError when retrying cannot help, RateLimitedError or NotDeliveredError when
 * nothing was posted and a retry is safe; any other error leaves it unknown whether the message
 * arrived, which `findDm` answers.
 */
export interface Notifier {
  sendDm(workspaceId: string, slackUserId: string, message: OutboundMessage, ledgerKey: string): Promise<PostedMessage>;
  /**
   * The message tagged `ledgerKey` in the app's DM with this person, posted at or after `since`;
   * undefined when Slack has none. Throws like `sendDm` when Slack cannot be asked.
   */
  findDm(workspaceId: string, slackUserId: string, ledgerKey: string, since: Date): Promise<PostedMessage | undefined>;
}
