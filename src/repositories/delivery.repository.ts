import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { DeliveryStatus } from '../db/schema';

export interface DeliveryClaim {
  workspaceId: string;
  personId: string;
  dedupeKey: string;
  kind: string;
}

/**
 * Claims the right to send one message. Returns the delivery id when this caller may send,
 * undefined when the message was already sent, is being sent, or failed for good.
 * A delivery released with `releaseDelivery` (Slack refused it, nothing was posted) can be claimed again.
 */
export async function claimDelivery(db: Db, claim: DeliveryClaim): Promise<string | undefined> {
  const inserted = await db
    .insertInto('delivery')
    .values({
      workspace_id: claim.workspaceId,
      person_id: claim.personId,
      dedupe_key: claim.dedupeKey,
      kind: claim.kind,
      status: 'sending',
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  const reclaimed = await db
    .updateTable('delivery')
    .set({ status: 'sending', attempts: sql`attempts + 1`, last_error: null })
    .where('dedupe_key', '=', claim.dedupeKey)
    .where('status', '=', 'retry')
    .returning('id')
    .executeTakeFirst();
  return reclaimed?.id;
}

export async function markDeliverySent(db: Db, id: string, at: Date, message: { channel: string; ts: string }): Promise<void> {
  await db
    .updateTable('delivery')
    .set({ status: 'sent', sent_at: at, slack_channel: message.channel, slack_ts: message.ts })
    .where('id', '=', id)
    .execute();
}

/** Nothing reached the person: a later attempt may claim the delivery again. */
export async function releaseDelivery(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('delivery').set({ status: 'retry', last_error: error }).where('id', '=', id).execute();
}

/** Given up for good (or unknown whether it arrived): never sent again, kept for admins to see. */
export async function failDelivery(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('delivery').set({ status: 'failed', last_error: error }).where('id', '=', id).execute();
}

export interface DeliveryRecord {
  kind: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

/** What Cadence sent (or tried to send) someone, oldest first. */
export async function listDeliveriesTo(db: Db, personId: string): Promise<DeliveryRecord[]> {
  const rows = await db
    .selectFrom('delivery')
    .select(['kind', 'status', 'created_at', 'sent_at'])
    .where('person_id', '=', personId)
    .orderBy('created_at')
    .execute();
  return rows.map((row) => ({ kind: row.kind, status: row.status, createdAt: row.created_at, sentAt: row.sent_at }));
}

export async function deleteDeliveriesTo(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('delivery').where('person_id', '=', personId).execute();
}

/** Where a sent message sits in Slack, so it can be updated in place (buttons replaced by an outcome). */
export async function findSentMessage(db: Db, dedupeKey: string): Promise<{ channel: string; ts: string } | undefined> {
  const row = await db
    .selectFrom('delivery')
    .select(['slack_channel', 'slack_ts'])
    .where('dedupe_key', '=', dedupeKey)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  return row?.slack_channel && row.slack_ts ? { channel: row.slack_channel, ts: row.slack_ts } : undefined;
}

/** Whether the message at `channel`/`ts` is one of `kind` that Cadence sent to this person. */
export async function isSentMessageOf(db: Db, message: { personId: string; kind: string; channel: string; ts: string }): Promise<boolean> {
  const row = await db
    .selectFrom('delivery')
    .select('id')
    .where('person_id', '=', message.personId)
    .where('kind', '=', message.kind)
    .where('slack_channel', '=', message.channel)
    .where('slack_ts', '=', message.ts)
    .executeTakeFirst();
  return row !== undefined;
}

/** Where a dedupe key's ledger row stands; undefined when nothing was ever claimed under it. */
export async function findDeliveryStatus(db: Db, dedupeKey: string): Promise<DeliveryStatus | undefined> {
  const row = await db.selectFrom('delivery').select('status').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
  return row?.status;
}

/** Slack kept refusing a message that never arrived: stop retrying it, and keep it for admins to see. */
export async function giveUpDelivery(db: Db, dedupeKey: string, error: string): Promise<void> {
  await db.updateTable('delivery').set({ status: 'failed', last_error: error }).where('dedupe_key', '=', dedupeKey).where('status', '=', 'retry').execute();
}

export interface DeliveryProblem {
  personId: string;
  kind: string;
  status: DeliveryStatus;
  lastError: string | null;
  createdAt: Date;
}

/**
 * Messages that failed for good, or whose send has hung for an hour (a crash between the claim and
 * Slack's answer), newest first. The window is read on Postgres's clock, which wrote `created_at`.
 */
function problems(db: Db, workspaceId: string, withinDays: number) {
  return db
    .selectFrom('delivery')
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>', sql<Date>`now() - make_interval(days => ${withinDays})`)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '<>', 'sent'), eb('created_at', '<', sql<Date>`now() - interval '1 hour'`)])]));
}

export async function listDeliveryProblems(db: Db, workspaceId: string, withinDays: number, limit: number): Promise<DeliveryProblem[]> {
  const rows = await problems(db, workspaceId, withinDays)
    .select(['person_id', 'kind', 'status', 'last_error', 'created_at'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ personId: row.person_id, kind: row.kind, status: row.status, lastError: row.last_error, createdAt: row.created_at }));
}

export async function countDeliveryProblems(db: Db, workspaceId: string, withinDays: number): Promise<number> {
  const row = await problems(db, workspaceId, withinDays).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return row?.n ?? 0;
}
