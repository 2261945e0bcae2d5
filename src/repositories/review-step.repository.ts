import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { ReviewStep, ReviewStepRecordKind, ReviewStepState } from '../domain/review';
import { REVIEW_ITEMS, type ReviewItem } from '../domain/review-cycle';

interface StepRow {
  id: string;
  participant_id: string;
  item: string;
  kind: string;
  due_at: Date;
  state: ReviewStepState;
}

function rowToStep(row: StepRow): ReviewStep {
  if (!(REVIEW_ITEMS as readonly string[]).includes(row.item)) throw new Error(`review step ${row.id} has an unknown item ${row.item}`);
  return { id: row.id, participantId: row.participant_id, item: row.item as ReviewItem, kind: row.kind as ReviewStepRecordKind, dueAt: DateTime.fromJSDate(row.due_at, { zone: 'utc' }), state: row.state };
}

export interface NewReviewStep {
  participantId: string;
  item: ReviewItem;
  kind: ReviewStepRecordKind;
  dueAt: Date;
  /** Set for an HR nudge: at most one per item and day. */
  nudgeDay?: string;
}

/** Inserts steps; an HR nudge already made today for the same item is left out. */
export async function insertReviewSteps(tx: Db, steps: readonly NewReviewStep[]): Promise<ReviewStep[]> {
  if (steps.length === 0) return [];
  const rows = await tx
    .insertInto('review_step')
    .values(steps.map((s) => ({ participant_id: s.participantId, item: s.item, kind: s.kind, due_at: s.dueAt, nudge_day: s.nudgeDay ?? null })))
    .onConflict((oc) => oc.columns(['participant_id', 'item', 'nudge_day']).where('nudge_day', 'is not', null).doNothing())
    .returningAll()
    .execute();
  return rows.map(rowToStep);
}

export async function findReviewStep(db: Db, id: string): Promise<ReviewStep | undefined> {
  const row = await db.selectFrom('review_step').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToStep(row);
}

export async function listReviewStepsOf(db: Db, participantIds: readonly string[]): Promise<ReviewStep[]> {
  if (participantIds.length === 0) return [];
  const rows = await db.selectFrom('review_step').selectAll().where('participant_id', 'in', [...participantIds]).orderBy('due_at').execute();
  return rows.map(rowToStep);
}

/** Settles a scheduled step; false when another run settled it first. */
export async function settleReviewStep(db: Db, id: string, state: Exclude<ReviewStepState, 'scheduled'>, at: Date): Promise<boolean> {
  const result = await db.updateTable('review_step').set({ state, settled_at: at }).where('id', '=', id).where('state', '=', 'scheduled').executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels what is still scheduled for some participants, optionally only some kinds or items. */
export async function cancelReviewSteps(
  tx: Db,
  participantIds: readonly string[],
  at: Date,
  only: { kinds?: readonly ReviewStepRecordKind[]; items?: readonly ReviewItem[] } = {},
): Promise<void> {
  if (participantIds.length === 0) return;
  let query = tx
    .updateTable('review_step')
    .set({ state: 'cancelled', settled_at: at })
    .where('participant_id', 'in', [...participantIds])
    .where('state', '=', 'scheduled');
  if (only.kinds) query = query.where('kind', 'in', [...only.kinds]);
  if (only.items) query = query.where('item', 'in', [...only.items]);
  await query.execute();
}

/** Cancels these steps if they are still scheduled. */
export async function cancelReviewStepsByIds(tx: Db, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.updateTable('review_step').set({ state: 'cancelled', settled_at: at }).where('id', 'in', [...ids]).where('state', '=', 'scheduled').execute();
}

/** Scheduled steps due in [from, until), soonest first: what the reconciler makes sure is queued. */
export async function listScheduledReviewSteps(db: Db, from: Date, until: Date, limit: number): Promise<ReviewStep[]> {
  const rows = await db
    .selectFrom('review_step')
    .selectAll()
    .where('state', '=', 'scheduled')
    .where('due_at', '>=', from)
    .where('due_at', '<', until)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map(rowToStep);
}
