import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { CheckinPeriodStatus } from '../db/schema';
import type { Reminder, ReminderKind, ReminderRef, ReminderState, ScheduledReminder } from '../domain/checkin-reminder';
import type { PeriodKey } from './checkin.repository';
import { isoText } from './iso-text';

export interface ReminderWithPeriod extends Reminder {
  periodStatus: CheckinPeriodStatus;
}

export interface NewReminder {
  periodId: string;
  kind: ReminderKind;
  seq: number;
  dueAt: DateTime;
}

const utc = (date: Date) => DateTime.fromJSDate(date, { zone: 'utc' });

function reminders(db: Db) {
  return db
    .selectFrom('checkin_reminder as r')
    .innerJoin('checkin_period as p', 'p.id', 'r.period_id')
    .select(['r.id', 'r.period_id', 'r.kind', 'r.seq', 'r.due_at', 'r.state', 'p.workspace_id', 'p.person_id', 'p.period', 'p.status']);
}

type Row = Awaited<ReturnType<ReturnType<typeof reminders>['executeTakeFirstOrThrow']>>;

function rowToReminder(row: Row): ReminderWithPeriod {
  return {
    id: row.id,
    periodId: row.period_id,
    workspaceId: row.workspace_id,
    personId: row.person_id,
    period: row.period,
    kind: row.kind,
    seq: row.seq,
    dueAt: utc(row.due_at),
    state: row.state,
    periodStatus: row.status,
  };
}

/** Adds reminders that do not exist yet; returns the ones this call added. */
export async function insertReminders(db: Db, rows: readonly NewReminder[], at: DateTime): Promise<Array<Pick<Reminder, 'periodId' | 'kind' | 'seq' | 'dueAt'>>> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insertInto('checkin_reminder')
    .values(rows.map((row) => ({ period_id: row.periodId, kind: row.kind, seq: row.seq, due_at: row.dueAt.toJSDate(), created_at: at.toJSDate() })))
    .onConflict((oc) => oc.columns(['period_id', 'kind', 'seq']).doNothing())
    .returning(['period_id', 'kind', 'seq', 'due_at'])
    .execute();
  return inserted.map((row) => ({ periodId: row.period_id, kind: row.kind, seq: row.seq, dueAt: utc(row.due_at) }));
}

/** A period the dispatcher found due, with when its nudge goes out (undefined: no nudge). */
export interface DuePeriod extends PeriodKey {
  nudgeAt: DateTime | undefined;
}

/**
 * The dispatcher's write, in one statement: records each period (each once) as pending where it is
 * new, and adds the nudge of each period that is still pending (a check-in made before the nudge
 * has settled it) and has a `nudgeAt`. Returns how many periods there were and the nudges it added.
 */
export async function recordDuePeriods(db: Db, due: readonly DuePeriod[], at: DateTime): Promise<{ periods: number; nudges: ScheduledReminder[] }> {
  if (due.length === 0) return { periods: 0, nudges: [] };
  // One array per column, unnested by Postgres: four parameters however many periods (a batch has
  // hundreds); instants as ISO text. The periods' no-op update returns those that exist too. Nudges
  // go in in the caller's order and come back as positions in `due`, whose due times are the
  // caller's rather than parsed back.
  const iso = isoText();
  const created = at.toJSDate();
  const { rows } = await sql<{ periods: number; added: number[] }>`
    with due as (
      select * from unnest(
        ${due.map((d) => d.workspaceId)}::text[], ${due.map((d) => d.personId)}::uuid[], ${due.map((d) => d.period)}::date[],
        ${due.map((d) => (d.nudgeAt ? iso(d.nudgeAt) : null))}::timestamptz[]
      ) with ordinality as d(workspace_id, person_id, period, nudge_at, n)
    ), recorded as (
      insert into checkin_period (workspace_id, person_id, period, created_at)
      select workspace_id, person_id, period, ${created}::timestamptz from due
      on conflict (person_id, period) do update set period = excluded.period
      returning id, person_id, period, status
    ), nudged as (
      insert into checkin_reminder (period_id, kind, seq, due_at, created_at)
      select r.id, 'nudge', 0, d.nudge_at, ${created}::timestamptz
      from recorded r join due d on d.person_id = r.person_id and d.period = r.period
      where r.status = 'pending' and d.nudge_at is not null
      order by d.n
      on conflict (period_id, kind, seq) do nothing
      returning period_id
    )
    select (select count(*) from recorded)::int4 as periods,
      array(select d.n::int4 from nudged x join recorded r on r.id = x.period_id join due d on d.person_id = r.person_id and d.period = r.period order by d.n) as added`.execute(db);
  const [result] = rows;
  const nudges = (result?.added ?? []).flatMap((n): ScheduledReminder[] => {
    const d = due[n - 1];
    return d?.nudgeAt ? [{ personId: d.personId, period: d.period, kind: 'nudge', seq: 0, dueAt: d.nudgeAt }] : [];
  });
  return { periods: result?.periods ?? 0, nudges };
}

export async function findReminder(db: Db, ref: ReminderRef): Promise<ReminderWithPeriod | undefined> {
  const row = await reminders(db)
    .where('p.person_id', '=', ref.personId)
    .where('p.period', '=', ref.period)
    .where('r.kind', '=', ref.kind)
    .where('r.seq', '=', ref.seq)
    .executeTakeFirst();
  return row && rowToReminder(row);
}

export async function findReminderById(db: Db, id: string): Promise<ReminderWithPeriod | undefined> {
  const row = await reminders(db).where('r.id', '=', id).executeTakeFirst();
  return row && rowToReminder(row);
}

/** The period's latest nudge round, so a snooze adds the next one and a second click on an old DM adds none. */
export async function latestNudge(db: Db, periodId: string): Promise<ReminderWithPeriod | undefined> {
  const row = await reminders(db).where('r.period_id', '=', periodId).where('r.kind', '=', 'nudge').orderBy('r.seq', 'desc').executeTakeFirst();
  return row && rowToReminder(row);
}

/** Closes a reminder that is still scheduled; one settled meanwhile (sent, skipped) is left as it is. */
export async function settleReminder(db: Db, id: string, state: Exclude<ReminderState, 'scheduled' | 'sent'>, outcome: string, at: DateTime): Promise<void> {
  await db
    .updateTable('checkin_reminder')
    .set({ state, outcome, settled_at: at.toJSDate() })
    .where('id', '=', id)
    .where('state', '=', 'scheduled')
    .execute();
}

/** The DM is in Slack: whatever else happened to the row meanwhile (a skip clicked mid-send), it was sent. */
export async function markReminderSent(db: Db, id: string, at: DateTime): Promise<void> {
  await db.updateTable('checkin_reminder').set({ state: 'sent', outcome: null, settled_at: at.toJSDate() }).where('id', '=', id).execute();
}

export async function skipScheduledReminders(db: Db, periodId: string, outcome: string, at: DateTime): Promise<void> {
  await db
    .updateTable('checkin_reminder')
    .set({ state: 'skipped', outcome, settled_at: at.toJSDate() })
    .where('period_id', '=', periodId)
    .where('state', '=', 'scheduled')
    .execute();
}

/** Moves a scheduled reminder to a later moment (its job is re-timed by the caller). */
export async function rescheduleReminder(db: Db, id: string, dueAt: DateTime): Promise<void> {
  await db.updateTable('checkin_reminder').set({ due_at: dueAt.toJSDate() }).where('id', '=', id).where('state', '=', 'scheduled').execute();
}

/** Pushes the period's scheduled follow-up to `notBefore` if it is earlier; returns the follow-up's due time. */
export async function postponeFollowUp(db: Db, periodId: string, notBefore: DateTime): Promise<DateTime | undefined> {
  const row = await db
    .updateTable('checkin_reminder')
    .set({ due_at: sql<Date>`greatest(due_at, ${notBefore.toJSDate()})` })
    .where('period_id', '=', periodId)
    .where('kind', '=', 'follow_up')
    .where('state', '=', 'scheduled')
    .returning('due_at')
    .executeTakeFirst();
  return row && utc(row.due_at);
}

/** Where a page of scheduled reminders ended; the next page starts after it. */
export interface ReminderCursor {
  dueAt: DateTime;
  id: string;
}

/** Scheduled reminders, soonest first, a page at a time (the partial index on due_at serves it). */
export async function listScheduledReminders(db: Db, after: ReminderCursor | null, limit: number): Promise<ReminderWithPeriod[]> {
  let query = reminders(db).where('r.state', '=', 'scheduled').orderBy('r.due_at').orderBy('r.id').limit(limit);
  if (after !== null) query = query.where((eb) => eb(eb.refTuple('r.due_at', 'r.id'), '>', eb.tuple(after.dueAt.toJSDate(), after.id)));
  return (await query.execute()).map(rowToReminder);
}
