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
 * How long a claim is held while Slack is asked. Well above the Web API client's timeout, so a live
 * sender always records its outcome first; once it runs out the sender is taken to be gone (killed
 * mid-call) and the next attempt checks Slack's history before sending again.
 */
export const DELIVERY_LEASE_SECONDS = 30;

/**
 * The outcome of a claim:
 * - claimed: this caller may send, as attempt `attempts`, first tried at `since` (`ageMs` ago, on
 *   Postgres's clock); `verify` when an earlier attempt may have reached Slack (its
 *   answer was lost, or its sender died), so the DM history must be checked first;
 * - held: another attempt holds a live lease, which runs out in `retryInMs`;
 * - done: already sent, or failed for good.
 */
export type ClaimResult = { state: 'claimed'; id: string; verify: boolean; since: Date; ageMs: number; attempts: number } | { state: 'held'; retryInMs: number } | { state: 'done' };

/**
 * Claims the right to send one message. A row released for a retry (nothing was posted), left
 * 'unknown', or whose lease ran out can be claimed again; the lease is read on Postgres's clock.
 */
export async function claimDelivery(db: Db, claim: DeliveryClaim): Promise<ClaimResult> {
  const lease = sql<Date>`now() + make_interval(secs => ${DELIVERY_LEASE_SECONDS})`;
  const inserted = await db
    .insertInto('delivery')
    .values({
      workspace_id: claim.workspaceId,
      person_id: claim.personId,
      dedupe_key: claim.dedupeKey,
      kind: claim.kind,
      status: 'sending',
      lease_until: lease,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning(['id', 'created_at'])
    .executeTakeFirst();
  if (inserted) return { state: 'claimed', id: inserted.id, verify: false, since: inserted.created_at, ageMs: 0, attempts: 1 };
  // The status before the update says whether an earlier attempt may have posted the message.
  const reclaimed = await sql<{ id: string; created_at: Date; age_ms: number; attempts: number; old_status: string }>`
    update delivery d
       set status = 'sending', attempts = d.attempts + 1, last_error = null, lease_until = ${lease}
      from (select id, status as old_status from delivery where dedupe_key = ${claim.dedupeKey} for update) prev
     where d.id = prev.id
       and (d.status in ('retry', 'unknown') or (d.status = 'sending' and d.lease_until < now()))
    returning d.id, d.created_at, extract(epoch from now() - d.created_at) * 1000 as age_ms, d.attempts, prev.old_status`.execute(db);
  const row = reclaimed.rows[0];
  if (row) return { state: 'claimed', id: row.id, verify: row.old_status !== 'retry', since: row.created_at, ageMs: Number(row.age_ms), attempts: row.attempts };
  const current = await db
    .selectFrom('delivery')
    .select(['status', sql<number>`greatest(0, extract(epoch from lease_until - now()) * 1000)`.as('left_ms')])
    .where('dedupe_key', '=', claim.dedupeKey)
    .executeTakeFirst();
  if (current?.status === 'sending') return { state: 'held', retryInMs: Math.ceil(Number(current.left_ms ?? 0)) };
  if (current === undefined || current.status === 'retry' || current.status === 'unknown') {
    // Released or deleted between the two statements: the caller simply tries again.
    return { state: 'held', retryInMs: 0 };
  }
  return { state: 'done' };
}

export async function markDeliverySent(db: Db, id: string, at: Date, message: { channel: string; ts: string }): Promise<void> {
  await db
    .updateTable('delivery')
    .set({ status: 'sent', sent_at: at, slack_channel: message.channel, slack_ts: message.ts, lease_until: null })
    .where('id', '=', id)
    .execute();
}

/** Nothing reached the person: a later attempt may claim the delivery again. */
export async function releaseDelivery(db: Db, id: string, error: string): Promise<void> {
  await db.updateTable('delivery').set({ status: 'retry', last_error: error }).where('id', '=', id).execute();
}

/**
 * Slack's answer was lost: the message may or may not be in the DM. The next attempt checks the
 * history before anything else. `counted`: a new lost answer (not a history check that failed).
 */
export async function markDeliveryUnknown(db: Db, id: string, error: string, counted = true): Promise<void> {
  await db
    .updateTable('delivery')
    .set((eb) => ({ status: 'unknown', last_error: error, ...(counted ? { unknown_outcomes: eb('unknown_outcomes', '+', 1) } : {}) }))
    .where('id', '=', id)
    .execute();
}

/** Given up for good: never sent again, kept for admins to see. */
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

/**
 * The message stopped being useful before Slack took it: stop retrying, and keep it for admins to
 * see. Only a row waiting for a retry is closed; one being sent or already sent is left alone.
 */
export async function giveUpDelivery(db: Db, dedupeKey: string, error: string): Promise<void> {
  await db
    .updateTable('delivery')
    .set({ status: 'failed', last_error: error })
    .where('dedupe_key', '=', dedupeKey)
    .where((eb) => eb.or([eb('status', 'in', ['retry', 'unknown']), eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', sql<Date>`now()`)])]))
    .execute();
}

export interface DeliveryProblem {
  personId: string;
  kind: string;
  status: DeliveryStatus;
  lastError: string | null;
  createdAt: Date;
}

/**
 * Messages that failed for good, or that nobody has tried to send for an hour (their job was lost
 * and nothing picked them up again), newest first. One still being retried through an outage is not
 * a problem yet. The window is read on Postgres's clock, which wrote `created_at` and `lease_until`.
 */
function problems(db: Db, workspaceId: string, withinDays: number) {
  return db
    .selectFrom('delivery')
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>', sql<Date>`now() - make_interval(days => ${withinDays})`)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '<>', 'sent'), eb(eb.fn.coalesce('lease_until', 'created_at'), '<', sql<Date>`now() - interval '1 hour'`)])]));
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
