import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { Person } from '../domain/person';
import type { PersonalSettings } from '../domain/settings';
import { workspaceServed } from './installation.repository';
import { isoText } from './iso-text';
import { rowToPerson } from './person.repository';
import { rowToPersonalSettings } from './settings.repository';

/** A person as the scheduler sees them: who they are, their own settings, and where their schedule stands. */
export interface DueSubject {
  person: Pick<Person, 'id' | 'workspaceId' | 'homeTeamId' | 'timezone' | 'isBot' | 'deactivated' | 'erased'>;
  personal: PersonalSettings;
  lastPeriod: string | null;
  next: { period: string; dueAt: DateTime } | null;
}

/** The same with the whole person, for one who is about to be messaged. */
export interface ScheduleSubject extends DueSubject {
  person: Person;
}

export interface ScheduleRow {
  personId: string;
  workspaceId: string;
  timezone: string;
  active: boolean;
  next: { period: string; dueAt: DateTime } | null;
  lastPeriod: string | null;
}

/** The schedule's own columns, its due time as epoch milliseconds: no Date parsed per row. */
const scheduleColumns = ['s.last_period', 's.next_period', sql<number | null>`(extract(epoch from s.next_due_at) * 1000)::int8`.as('next_due_ms')] as const;

interface ScheduleColumns {
  last_period: string | null;
  next_period: string | null;
  next_due_ms: number | null;
}

/**
 * The schedule of each row of one query. Rows due at the same instant (most of a tick) share one
 * DateTime, which is immutable: making one costs more than everything else done with a row.
 */
function scheduleStates(): (row: ScheduleColumns) => DueSubject['next'] {
  const instants = new Map<number, DateTime>();
  return (row) => {
    if (row.next_due_ms === null || !row.next_period) return null;
    let dueAt = instants.get(row.next_due_ms);
    if (!dueAt) instants.set(row.next_due_ms, (dueAt = DateTime.fromMillis(row.next_due_ms, { zone: 'utc' })));
    return { period: row.next_period, dueAt };
  };
}

const active = sql<boolean>`(not p.is_bot and not p.deactivated and p.erased_at is null)`;

/**
 * People whose schedule no longer matches what it was computed from, in ways the settings forms
 * do not announce: someone new, a timezone or an (de)activation from the directory sync, or the
 * workspace's rules changed (`stale`).
 */
export async function findSchedulesToRecompute(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('person as p')
    .leftJoin('checkin_schedule as s', 's.person_id', 'p.id')
    .select('p.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('s.person_id', 'is', null), active]),
        eb('s.stale', '=', true),
        eb('s.timezone', '<>', eb.ref('p.timezone')),
        eb('s.active', '<>', active),
      ]),
    )
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

export async function loadScheduleSubjects(db: Db, personIds: readonly string[]): Promise<ScheduleSubject[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('person as p')
    .leftJoin('checkin_schedule as s', 's.person_id', 'p.id')
    .selectAll('p')
    .select(scheduleColumns)
    .where('p.id', 'in', personIds)
    .execute();
  const nextOf = scheduleStates();
  return rows.map((row) => ({ person: rowToPerson(row), personal: rowToPersonalSettings(row), lastPeriod: row.last_period, next: nextOf(row) }));
}

/**
 * The schedules due at `now`, locked for this transaction; rows another dispatcher holds are
 * skipped, so concurrent ticks split the work instead of doing it twice.
 */
export async function lockDueSchedules(tx: Db, now: DateTime, limit: number): Promise<DueSubject[]> {
  // Only the columns a schedule depends on: a tick reads 10,000 of these rows.
  const rows = await tx
    .selectFrom('checkin_schedule as s')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .select(['p.id', 'p.workspace_id', 'p.home_team_id', 'p.timezone', 'p.is_bot', 'p.deactivated', 'p.checkin_weekday', 'p.checkin_time', 'p.checkin_every_weeks'])
    .select(['p.paused_until', 'p.muted_nudges', 'p.ai_opt_out', sql<boolean>`p.erased_at is not null`.as('erased')])
    .select(scheduleColumns)
    .where('s.next_due_at', '<=', now.toJSDate())
    .where(workspaceServed('s.workspace_id'))
    .orderBy('s.next_due_at')
    .limit(limit)
    .forUpdate('s')
    .skipLocked()
    .execute();
  const nextOf = scheduleStates();
  return rows.map((row) => ({
    person: { id: row.id, workspaceId: row.workspace_id, homeTeamId: row.home_team_id, timezone: row.timezone, isBot: row.is_bot, deactivated: row.deactivated, erased: row.erased },
    personal: rowToPersonalSettings(row),
    lastPeriod: row.last_period,
    next: nextOf(row),
  }));
}

/** Writes computed schedules, creating rows for people seen for the first time. */
export async function saveSchedules(db: Db, rows: readonly ScheduleRow[], at: DateTime): Promise<void> {
  if (rows.length === 0) return;
  // Columns as arrays, unnested by Postgres (see recordPeriods); instants as ISO text.
  const iso = isoText();
  await db
    .insertInto('checkin_schedule')
    .columns(['person_id', 'workspace_id', 'timezone', 'active', 'next_due_at', 'next_period', 'last_period', 'stale', 'updated_at'])
    .expression(
      sql`select r.*, false, ${at.toJSDate()}::timestamptz
          from unnest(
            ${rows.map((r) => r.personId)}::uuid[], ${rows.map((r) => r.workspaceId)}::text[], ${rows.map((r) => r.timezone)}::text[],
            ${rows.map((r) => r.active)}::boolean[], ${rows.map((r) => (r.next ? iso(r.next.dueAt) : null))}::timestamptz[],
            ${rows.map((r) => r.next?.period ?? null)}::date[], ${rows.map((r) => r.lastPeriod)}::date[]
          ) as r(person_id, workspace_id, timezone, active, next_due_at, next_period, last_period)`,
    )
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet((eb) => ({
        timezone: eb.ref('excluded.timezone'),
        active: eb.ref('excluded.active'),
        next_due_at: eb.ref('excluded.next_due_at'),
        next_period: eb.ref('excluded.next_period'),
        last_period: eb.ref('excluded.last_period'),
        stale: false,
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** The workspace's rules changed: every schedule in it is recomputed on the dispatcher's next tick. */
export async function markWorkspaceSchedulesStale(db: Db, workspaceId: string): Promise<void> {
  await db.updateTable('checkin_schedule').set({ stale: true }).where('workspace_id', '=', workspaceId).execute();
}

export async function findNextDue(db: Db, personId: string): Promise<{ period: string; dueAt: DateTime } | undefined> {
  const row = await db
    .selectFrom('checkin_schedule')
    .select(['next_period', 'next_due_at'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row?.next_due_at && row.next_period ? { period: row.next_period, dueAt: DateTime.fromJSDate(row.next_due_at, { zone: 'utc' }) } : undefined;
}

/** The earliest nudge due anywhere (served by the partial index). */
export async function findEarliestDue(db: Db): Promise<DateTime | undefined> {
  const row = await db
    .selectFrom('checkin_schedule')
    .select((eb) => eb.fn.min('next_due_at').as('due'))
    .where('next_due_at', 'is not', null)
    .where(workspaceServed('checkin_schedule.workspace_id'))
    .executeTakeFirst();
  return row?.due ? DateTime.fromJSDate(row.due, { zone: 'utc' }) : undefined;
}
