import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { FeedbackStepRow } from '../db/schema';
import type { FeedbackStep, FeedbackStepKind, FeedbackStepState } from '../domain/feedback';

function rowToStep(row: FeedbackStepRow): FeedbackStep {
  return {
    id: row.id,
    requestId: row.request_id,
    invitationId: row.invitation_id,
    recipientId: row.recipient_id,
    kind: row.kind,
    dueAt: DateTime.fromJSDate(row.due_at, { zone: 'utc' }),
    state: row.state,
  };
}

export interface NewFeedbackStep {
  requestId: string;
  invitationId: string | null;
  recipientId: string | null;
  kind: FeedbackStepKind;
  dueAt: Date;
}

export async function insertSteps(tx: Db, steps: readonly NewFeedbackStep[]): Promise<FeedbackStep[]> {
  if (steps.length === 0) return [];
  const rows = await tx
    .insertInto('feedback_step')
    .values(
      steps.map((step) => ({
        request_id: step.requestId,
        invitation_id: step.invitationId,
        recipient_id: step.recipientId,
        kind: step.kind,
        due_at: step.dueAt,
      })),
    )
    .returningAll()
    .execute();
  return rows.map(rowToStep);
}

export async function findStep(db: Db, id: string): Promise<FeedbackStep | undefined> {
  const row = await db.selectFrom('feedback_step').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToStep(row);
}

export async function listStepsOf(db: Db, requestId: string): Promise<FeedbackStep[]> {
  const rows = await db.selectFrom('feedback_step').selectAll().where('request_id', '=', requestId).orderBy('due_at').execute();
  return rows.map(rowToStep);
}

/** Settles a scheduled step; false when another run settled it first. */
export async function settleStep(db: Db, id: string, state: Exclude<FeedbackStepState, 'scheduled'>, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('feedback_step')
    .set({ state, settled_at: at })
    .where('id', '=', id)
    .where('state', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels what is still scheduled of these kinds for a request (nothing already sent changes). */
export async function cancelSteps(tx: Db, requestId: string, kinds: readonly FeedbackStepKind[], at: Date): Promise<void> {
  if (kinds.length === 0) return;
  await tx
    .updateTable('feedback_step')
    .set({ state: 'cancelled', settled_at: at })
    .where('request_id', '=', requestId)
    .where('kind', 'in', [...kinds])
    .where('state', '=', 'scheduled')
    .execute();
}

/** Scheduled steps due in [from, until), soonest first: what the reconciler makes sure is queued. */
export async function listScheduledSteps(db: Db, from: Date, until: Date, limit: number): Promise<FeedbackStep[]> {
  const rows = await db
    .selectFrom('feedback_step')
    .selectAll()
    .where('state', '=', 'scheduled')
    .where('due_at', '>=', from)
    .where('due_at', '<', until)
    .orderBy('due_at')
    .limit(limit)
    .execute();
  return rows.map(rowToStep);
}

/** Steps addressed to someone, for an erasure: their messages are theirs. */
export async function deleteStepsTo(tx: Db, personId: string): Promise<void> {
  await tx.deleteFrom('feedback_step').where('recipient_id', '=', personId).execute();
}

/** Cancels what is still scheduled for one peer: they answered or declined, nothing is left to chase. */
export async function cancelInvitationSteps(tx: Db, invitationId: string, at: Date): Promise<void> {
  await tx
    .updateTable('feedback_step')
    .set({ state: 'cancelled', settled_at: at })
    .where('invitation_id', '=', invitationId)
    .where('state', '=', 'scheduled')
    .execute();
}

/** The step that carried a given message to one peer, if it went out. */
export async function findDoneStep(db: Db, invitationId: string, kind: FeedbackStepKind): Promise<FeedbackStep | undefined> {
  const row = await db
    .selectFrom('feedback_step')
    .selectAll()
    .where('invitation_id', '=', invitationId)
    .where('kind', '=', kind)
    .where('state', '=', 'done')
    .executeTakeFirst();
  return row && rowToStep(row);
}

/** Every step planned for one peer, whatever became of it, soonest first. */
export async function listInvitationSteps(db: Db, invitationId: string): Promise<FeedbackStep[]> {
  const rows = await db.selectFrom('feedback_step').selectAll().where('invitation_id', '=', invitationId).orderBy('due_at').execute();
  return rows.map(rowToStep);
}
