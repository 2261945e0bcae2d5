import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { CheckinPeriodStatus, CheckinRow } from '../db/schema';
import type { Checkin, CheckinAnswers } from '../domain/checkin';
import { periodOfReminderKey, REMINDER_DELIVERY_KINDS } from '../domain/checkin-reminder';

export interface CheckinPeriod {
  id: string;
  workspaceId: string;
  personId: string;
  period: string;
  status: CheckinPeriodStatus;
}

export interface PeriodKey {
  workspaceId: string;
  personId: string;
  period: string;
}

/**
 * Records periods as pending where they are new and returns every one of them with its status,
 * new or not (a check-in made before the nudge has already settled its period).
 */
export async function recordPeriods(db: Db, keys: readonly PeriodKey[], at: DateTime): Promise<CheckinPeriod[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .insertInto('checkin_period')
    .values(keys.map((key) => ({ workspace_id: key.workspaceId, person_id: key.personId, period: key.period, created_at: at.toJSDate() })))
    // A no-op update, so that existing rows are returned too.
    .onConflict((oc) => oc.columns(['person_id', 'period']).doUpdateSet((eb) => ({ period: eb.ref('excluded.period') })))
    .returning(['id', 'workspace_id', 'person_id', 'period', 'status'])
    .execute();
  return rows.map((row) => ({ id: row.id, workspaceId: row.workspace_id, personId: row.person_id, period: row.period, status: row.status }));
}

export async function findPeriodForUpdate(tx: Db, id: string): Promise<CheckinPeriod | undefined> {
  const row = await tx.selectFrom('checkin_period').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row && { id: row.id, workspaceId: row.workspace_id, personId: row.person_id, period: row.period, status: row.status };
}

export async function settlePeriod(db: Db, id: string, status: Exclude<CheckinPeriodStatus, 'pending'>, at: DateTime): Promise<void> {
  await db.updateTable('checkin_period').set({ status, settled_at: at.toJSDate() }).where('id', '=', id).execute();
}

function rowToCheckin(row: CheckinRow & { period: string }): Checkin {
  return {
    periodId: row.period_id,
    period: row.period,
    wins: row.wins,
    blockers: row.blockers,
    confidence: row.confidence,
    mood: row.mood,
    moodShared: row.mood_shared,
  };
}

export async function findCheckin(db: Db, personId: string, period: string): Promise<Checkin | undefined> {
  const row = await db
    .selectFrom('checkin as c')
    .innerJoin('checkin_period as p', 'p.id', 'c.period_id')
    .selectAll('c')
    .select('p.period')
    .where('p.person_id', '=', personId)
    .where('p.period', '=', period)
    .executeTakeFirst();
  return row && rowToCheckin(row);
}

/** Stores the period's check-in, replacing an earlier answer for the same period. */
export async function saveCheckin(db: Db, periodId: string, answers: CheckinAnswers, at: DateTime): Promise<void> {
  const values = {
    wins: answers.wins,
    blockers: answers.blockers,
    confidence: answers.confidence,
    mood: answers.mood,
    mood_shared: answers.moodShared,
    updated_at: at.toJSDate(),
  };
  await db
    .insertInto('checkin')
    .values({ period_id: periodId, created_at: at.toJSDate(), ...values })
    .onConflict((oc) => oc.column('period_id').doUpdateSet(values))
    .execute();
}

export interface CheckinRecord extends Checkin {
  createdAt: DateTime;
  updatedAt: DateTime;
}

/** A person's check-ins, oldest first: for their data export. */
export async function listCheckinsOf(db: Db, personId: string): Promise<CheckinRecord[]> {
  const rows = await db
    .selectFrom('checkin as c')
    .innerJoin('checkin_period as p', 'p.id', 'c.period_id')
    .selectAll('c')
    .select('p.period')
    .where('p.person_id', '=', personId)
    .orderBy('p.period')
    .execute();
  return rows.map((row) => ({
    ...rowToCheckin(row),
    createdAt: DateTime.fromJSDate(row.created_at, { zone: 'utc' }),
    updatedAt: DateTime.fromJSDate(row.updated_at, { zone: 'utc' }),
  }));
}

/** Everything check-in related about a person: periods (with their check-ins and reminders) and schedule. */
export async function deleteCheckinDataOf(db: Db, personId: string): Promise<void> {
  await db.deleteFrom('checkin_period').where('person_id', '=', personId).execute();
  await db.deleteFrom('checkin_schedule').where('person_id', '=', personId).execute();
}

/** The check-ins of these people for periods in [from, to], newest period first: for the manager digest. */
export async function listCheckinsInWindow(db: Db, personIds: readonly string[], window: { from: string; to: string }): Promise<Array<Checkin & { personId: string }>> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('checkin as c')
    .innerJoin('checkin_period as p', 'p.id', 'c.period_id')
    .selectAll('c')
    .select(['p.period', 'p.person_id'])
    .where('p.person_id', 'in', personIds)
    .where('p.period', '>=', window.from)
    .where('p.period', '<=', window.to)
    .orderBy('p.period', 'desc')
    .execute();
  return rows.map((row) => ({ ...rowToCheckin(row), personId: row.person_id }));
}

/**
 * The period whose nudge (or follow-up) was posted as `ts` in `channel` to the person: what a reply
 * in that DM thread answers. Undefined for any other message.
 */
export async function findPeriodByReminderMessage(db: Db, personId: string, message: { channel: string; ts: string }): Promise<CheckinPeriod | undefined> {
  const sent = await db
    .selectFrom('delivery')
    .select('dedupe_key')
    .where('person_id', '=', personId)
    .where('slack_channel', '=', message.channel)
    .where('slack_ts', '=', message.ts)
    .where('kind', 'in', REMINDER_DELIVERY_KINDS)
    .executeTakeFirst();
  const period = sent && periodOfReminderKey(sent.dedupe_key);
  if (!period) return undefined;
  const row = await db.selectFrom('checkin_period').selectAll().where('person_id', '=', personId).where('period', '=', period).executeTakeFirst();
  return row && { id: row.id, workspaceId: row.workspace_id, personId: row.person_id, period: row.period, status: row.status };
}

/** The replies recorded for a period so far; the caller holds the period's row lock. */
export async function findPeriodNote(db: Db, periodId: string): Promise<string | null> {
  const row = await db.selectFrom('checkin_period').select('note').where('id', '=', periodId).executeTakeFirst();
  return row?.note ?? null;
}

export async function setPeriodNote(db: Db, periodId: string, note: string): Promise<void> {
  await db.updateTable('checkin_period').set({ note }).where('id', '=', periodId).execute();
}

/** A person's replies in nudge threads, by period, oldest first: for their data export. */
export async function listPeriodNotesOf(db: Db, personId: string): Promise<Array<{ period: string; note: string }>> {
  const rows = await db.selectFrom('checkin_period').select(['period', 'note']).where('person_id', '=', personId).where('note', 'is not', null).orderBy('period').execute();
  return rows.flatMap((row) => (row.note === null ? [] : [{ period: row.period, note: row.note }]));
}
