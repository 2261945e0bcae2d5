/**
 * The sandbox's conversations (each DM's messages, their blocks and buttons, thread replies) kept
 * in Cadence's own database, in a schema of their own, so a restart of `npm start` finds them as
 * Slack would: goals and the DMs about them live and go together (delete ./data and both are gone;
 * point DATABASE_URL elsewhere and neither follows). Ephemeral messages, open modals and Home tabs
 * are not kept: Slack keeps none of them across a reload either, and the bot republishes Home.
 *
 * Web API calls change the emulator synchronously; the writes follow in order on one queue, so the
 * bot's calls never wait for the store. `close()` waits for what is queued.
 */
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Logger } from '../../src/lib/logger';
import type { SlackMessage } from '../emulator/types';
import type { MessageChange, Workspace } from '../emulator/workspace';

// Only the fields the page and the driver rely on are checked; the rest is kept as stored.
const storedMessage = z.looseObject({ type: z.literal('message'), ts: z.string(), channel: z.string(), user: z.string(), team: z.string(), text: z.string() });

export interface ConversationStore {
  close(): Promise<void>;
}

async function ensureTable<DB>(db: Kysely<DB>): Promise<void> {
  await sql`create schema if not exists sandbox`.execute(db);
  await sql`create table if not exists sandbox.message (
    team_id text not null,
    channel text not null,
    ts text not null,
    message jsonb not null,
    primary key (team_id, channel, ts)
  )`.execute(db);
}

async function load<DB>(db: Kysely<DB>, teamId: string, logger: Logger): Promise<SlackMessage[]> {
  const rows = await sql<{ message: unknown }>`select message from sandbox.message where team_id = ${teamId}`.execute(db);
  const messages: SlackMessage[] = [];
  for (const row of rows.rows) {
    const parsed = storedMessage.safeParse(row.message);
    if (parsed.success) messages.push(parsed.data as SlackMessage);
    else logger.warn({ issues: parsed.error.issues }, 'a stored sandbox message could not be read and was left out');
  }
  return messages;
}

function write<DB>(db: Kysely<DB>, teamId: string, change: MessageChange): Promise<unknown> {
  const { message } = change;
  if (change.kind === 'deleted') {
    return sql`delete from sandbox.message where team_id = ${teamId} and channel = ${message.channel} and ts = ${message.ts}`.execute(db);
  }
  return sql`insert into sandbox.message (team_id, channel, ts, message) values (${teamId}, ${message.channel}, ${message.ts}, ${JSON.stringify(message)}::jsonb)
    on conflict (team_id, channel, ts) do update set message = excluded.message`.execute(db);
}

/**
 * Puts the workspace's stored messages back into it, then keeps every later change. Call it before
 * anything can post (Cadence's workers and web role), so nothing new is posted before the old.
 */
export async function keepConversations<DB>(db: Kysely<DB>, workspace: Workspace, logger: Logger): Promise<ConversationStore> {
  await ensureTable(db);
  workspace.restoreMessages(await load(db, workspace.teamId, logger));
  let queue: Promise<unknown> = Promise.resolve();
  const unsubscribe = workspace.onMessageChange((change) => {
    // The message as it is now: a later edit must not change what an earlier write stores.
    const snapshot: MessageChange = { kind: change.kind, message: structuredClone(change.message) };
    queue = queue
      .then(() => write(db, workspace.teamId, snapshot))
      .catch((error: unknown) => logger.warn({ err: error, ts: snapshot.message.ts }, 'a sandbox message could not be saved; it will be missing after a restart'));
  });
  return {
    async close() {
      unsubscribe();
      await queue;
    },
  };
}
