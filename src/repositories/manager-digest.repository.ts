import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { ManagerDigestState } from '../db/schema';
import { workspaceServed } from './installation.repository';

export interface DigestScheduleRow {
  personId: string;
  workspaceId: string;
  next: { period: string; dueAt: DateTime } | null;
  lastPeriod: string | null;
}

export interface DigestRecord {
  id: string;
  workspaceId: string;
  personId: string;
  period: string;
  dueAt: DateTime;
  state: ManagerDigestState;
}

const utc = (date: Date) => DateTime.fromJSDate(date, { zone: 'utc' });

/**
 * Active people who manage someone active and whose digest schedule is missing or empty (they
 * just became a manager, or came back): the dispatcher computes their next digest.
 */
export async function findManagersToSchedule(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('manager_link as l')
    .innerJoin('person as m', 'm.id', 'l.manager_id')
    .innerJoin('person as r', 'r.id', 'l.person_id')
    .leftJoin('manager_digest_schedule as s', 's.person_id', 'l.manager_id')
    .select('l.manager_id')
    .distinct()
    .where('l.valid_to', 'is', null)
    .where('m.is_bot', '=', false)
    .where('m.deactivated', '=', false)
    .where('m.erased_at', 'is', null)
    .where('r.deactivated', '=', false)
    .where('r.erased_at', 'is', null)
    .where('s.next_due_at', 'is', null)
    .limit(limit)
    .execute();
  return rows.map((row) => row.manager_id);
}

export async function findLastPeriods(db: Db, personIds: readonly string[]): Promise<Map<string, string | null>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('manager_digest_schedule').select(['person_id', 'last_period']).where('person_id', 'in', personIds).execute();
  return new Map(rows.map((row) => [row.person_id, row.last_period]));
}

/** The digest schedules due at `now`, locked for this transaction; rows another dispatcher holds are skipped. */
export async function lockDueDigestSchedules(tx: Db, now: DateTime, limit: number): Promise<DigestScheduleRow[]> {
  const rows = await tx
    .selectFrom('manager_digest_schedule')
    .selectAll()
    .where('next_due_at', '<=', now.toJSDate())
    .where(workspaceServed('manager_digest_schedule.workspace_id'))
    .orderBy('next_due_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  return rows.map((row) => ({
    personId: row.person_id,
    workspaceId: row.workspace_id,
    next: row.next_due_at && row.next_period ? { period: row.next_period, dueAt: utc(row.next_due_at) } : null,
    lastPeriod: row.last_period,
  }));
}

export async function saveDigestSchedules(db: Db, rows: readonly DigestScheduleRow[], at: DateTime): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('manager_digest_schedule')
    .values(
      rows.map((row) => ({
        person_id: row.personId,
        workspace_id: row.workspaceId,
        next_due_at: row.next?.dueAt.toJSDate() ?? null,
        next_period: row.next?.period ?? null,
        last_period: row.lastPeriod,
        updated_at: at.toJSDate(),
      })),
    )
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet((eb) => ({
        next_due_at: eb.ref('excluded.next_due_at'),
        next_period: eb.ref('excluded.next_period'),
        last_period: eb.ref('excluded.last_period'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Records digests as scheduled; one already recorded for the same manager and period is left alone. */
export async function insertDigests(db: Db, digests: ReadonlyArray<Pick<DigestRecord, 'workspaceId' | 'personId' | 'period' | 'dueAt'>>, at: DateTime): Promise<void> {
  if (digests.length === 0) return;
  await db
    .insertInto('manager_digest')
    .values(digests.map((d) => ({ workspace_id: d.workspaceId, person_id: d.personId, period: d.period, due_at: d.dueAt.toJSDate(), created_at: at.toJSDate() })))
    .onConflict((oc) => oc.columns(['person_id', 'period']).doNothing())
    .execute();
}

function rowToDigest(row: { id: string; workspace_id: string; person_id: string; period: string; due_at: Date; state: ManagerDigestState }): DigestRecord {
  return { id: row.id, workspaceId: row.workspace_id, personId: row.person_id, period: row.period, dueAt: utc(row.due_at), state: row.state };
}

/** Digests still owed, soonest first: what the queue must carry. */
export async function listScheduledDigests(db: Db, limit: number): Promise<DigestRecord[]> {
  const rows = await db.selectFrom('manager_digest').selectAll().where('state', '=', 'scheduled').orderBy('due_at').limit(limit).execute();
  return rows.map(rowToDigest);
}

export async function findDigest(db: Db, personId: string, period: string): Promise<DigestRecord | undefined> {
  const row = await db.selectFrom('manager_digest').selectAll().where('person_id', '=', personId).where('period', '=', period).executeTakeFirst();
  return row && rowToDigest(row);
}

export async function settleDigest(db: Db, id: string, state: Exclude<ManagerDigestState, 'scheduled'>, at: DateTime): Promise<void> {
  await db.updateTable('manager_digest').set({ state, settled_at: at.toJSDate() }).where('id', '=', id).where('state', '=', 'scheduled').execute();
}

/** The earliest digest due anywhere (served by the partial index). */
export async function findEarliestDigestDue(db: Db): Promise<DateTime | undefined> {
  const row = await db
    .selectFrom('manager_digest_schedule')
    .select((eb) => eb.fn.min('next_due_at').as('due'))
    .where('next_due_at', 'is not', null)
    .executeTakeFirst();
  return row?.due ? utc(row.due) : undefined;
}
