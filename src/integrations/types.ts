import type { GoalStatus } from '../domain/goal';

/** A goal as it is sent out: no ids but the key, nothing the owner's managers could not already read. */
export interface GoalDocument {
  kind: 'goal';
  title: string;
  description: string | null;
  owner: { name: string; email: string | null };
  dueOn: string | null;
  status: GoalStatus;
  /** 0–100. */
  progress: number;
  keyResults: Array<{ title: string; progress: number; current: number; target: number; unit: string | null }>;
  /** Opens the goal's workspace in Slack. */
  slackUrl: string;
}

/** A review's agreed next steps for one employee. */
export interface NextStepsDocument {
  kind: 'next_steps';
  title: string;
  steps: string[];
  owner: { name: string; email: string | null };
  slackUrl: string;
}

export type PushDocument = GoalDocument | NextStepsDocument;

/** What one push carries besides the document: how the tool can find it again, and its order. */
export interface PushEnvelope {
  /** Cadence's id for the item, stored on it so an outcome-unknown create can be looked up. */
  key: string;
  /** 1 for the create, then one more per update sent (webhooks: `sequence`). */
  sequence: number;
  document: PushDocument;
}

export interface CreatedItem {
  id: string;
  url: string | null;
}

/** One connection's tool, with its secret already opened. */
export interface PushTarget {
  /**
   * Checks the token and the target (database, project, board); returns a name for it and any
   * settings learned on the way (a board's column mapping).
   */
  check(): Promise<{ target: string; learned?: Record<string, unknown> }>;
  create(envelope: PushEnvelope): Promise<CreatedItem>;
  update(externalId: string, envelope: PushEnvelope): Promise<void>;
  /**
   * The item created earlier under `key`, when the tool can search for it; `'unsupported'` when it
   * cannot (a create is then simply retried: webhook receivers dedupe on the event id).
   */
  find(key: string): Promise<CreatedItem | undefined | 'unsupported'>;
}

/** A transcript as a source hands it over, before it is matched to a conversation. */
export interface IncomingTranscript {
  externalId: string;
  title: string;
  metAt: Date;
  attendeeEmails: string[];
  segments: Array<{ speaker: string | null; text: string; startSeconds: number | null }>;
}

/** A meeting recorder that announces transcripts by webhook and is then asked for them (Fireflies). */
export interface TranscriptFetcher {
  /** Checks the key. */
  check(): Promise<void>;
  /** One meeting's transcript; undefined when the tool has none under that id. */
  fetch(meetingId: string): Promise<IncomingTranscript | undefined>;
}

/** A notes tool Cadence polls (Granola): every meeting updated after `since`, all pages. */
export interface TranscriptPoller {
  check(): Promise<void>;
  updatedAfter(since: Date): Promise<IncomingTranscript[]>;
}
