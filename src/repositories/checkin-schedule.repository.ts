import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { PersonRow } from '../db/schema';
import type { Person } from '../domain/person';
import type { PersonalSettings } from '../domain/settings';
import { workspaceServed } from './installation.repository';
import { rowToPerson } from './person.repository';
import { rowToPersonalSettings } from './settings.repository';

/** A person as the scheduler sees them: who they are, their own settings, and where their schedule stands. */
export interface ScheduleSubject {
  person: Person;
  personal: PersonalSettings;
  lastPeriod: string | null;
  next: { period: string; dueAt: DateTime } | null;
}

export interface ScheduleRow {
  personId: string;
  workspaceId: string;
  timezone: string;
  active: boolean;
  next: { period: string; dueAt: DateTime } | null;
  lastPeriod: string | null;
}

type SubjectRow = PersonRow & { last_period: string | null; next_period: string | null; next_due_at: Date | null };

function rowToSubject(row: SubjectRow): ScheduleSubject {
  return {
    person: rowToPerson(row),
    personal: rowToPersonalSettings(row),
    lastPeriod: row.last_period,
    next: row.next_due_at && row.next_period ? { period: row.next_period, dueAt: DateTime.fromJSDate(row.next_due_at, { zone: 'utc' }) } : null,
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
    .select(['s.last_period', 's.next_period', 's.next_due_at'])
    .where('p.id', 'in', personIds)
    .execute();
  return rows.map(rowToSubject);
}

/**
 * The schedules due at `now`, locked for this transaction; rows another dispatcher holds are
 * skipped, so concurrent ticks split the work instead of doing it twice.
 */
export async function lockDueSchedules(tx: Db, now: DateTime, limit: number): Promise<ScheduleSubject[]> {
  const rows = await tx
    .selectFrom('checkin_schedule as s')
    .innerJoin('person as p', 'p.id', 's.person_id')
    .selectAll('p')
    .select(['s.last_period', 's.next_period', 's.next_due_at'])
    .where('s.next_due_at', '<=', now.toJSDate())
    .where(workspaceServed('s.workspace_id'))
    .orderBy('s.next_due_at')
    .limit(limit)
    .forUpdate('s')
    .skipLocked()
    .execute();
  return rows.map(rowToSubject);
}

/** Writes computed schedules, creating rows for people seen for the first time. */
export async function saveSchedules(db: Db, rows: readonly ScheduleRow[], at: DateTime): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('checkin_schedule')
    .values(
      rows.map((row) => ({
        person_id: row.personId,
        workspace_id: row.workspaceId,
        timezone: row.timezone,
        active: row.active,
        next_due_at: row.next?.dueAt.toJSDate() ?? null,
        next_period: row.next?.period ?? null,
        last_period: row.lastPeriod,
        stale: false,
        updated_at: at.toJSDate(),
      })),
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
