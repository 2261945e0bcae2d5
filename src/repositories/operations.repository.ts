import { sql } from 'kysely';
import type { Db } from '../db/client';

/** What operators watch, read from Postgres when Prometheus scrapes (src/http/metrics.ts). */

/** Ledger rows created within `window` (a Postgres interval such as '24 hours'), by workspace and status. */
export async function countDeliveries(db: Db, window: string): Promise<Array<{ workspaceId: string; status: string; count: number }>> {
  const rows = await db
    .selectFrom('delivery')
    .select(['workspace_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('created_at', '>', sql<Date>`now() - ${window}::interval`)
    .groupBy(['workspace_id', 'status'])
    .execute();
  return rows.map((row) => ({ workspaceId: row.workspace_id, status: row.status, count: Number(row.n) }));
}

/** Sends whose answer was lost, among ledger rows created within `window`, by workspace. */
export async function countOutcomeUnknown(db: Db, window: string): Promise<Array<{ workspaceId: string; count: number }>> {
  const rows = await db
    .selectFrom('delivery')
    .select(['workspace_id', (eb) => eb.fn.sum<string>('unknown_outcomes').as('n')])
    .where('created_at', '>', sql<Date>`now() - ${window}::interval`)
    .groupBy('workspace_id')
    .execute();
  return rows.map((row) => ({ workspaceId: row.workspace_id, count: Number(row.n) }));
}

/** The oldest scheduled message that is due and not settled, per kind of schedule (null: none). */
export async function oldestOverdue(db: Db): Promise<Array<{ kind: string; dueAt: Date | null }>> {
  const { rows } = await sql<{ kind: string; due_at: Date | null }>`
    select 'checkin_reminder' as kind, min(due_at) as due_at from checkin_reminder where state = 'scheduled' and due_at <= now()
    union all select 'feedback_step', min(due_at) from feedback_step where state = 'scheduled' and due_at <= now()
    union all select 'review_step', min(due_at) from review_step where state = 'scheduled' and due_at <= now()`.execute(db);
  return rows.map((row) => ({ kind: row.kind, dueAt: row.due_at }));
}

/** The longest due-to-sent time, in seconds, of check-in reminders sent within `window`; 0 when none. */
export async function longestDispatchLag(db: Db, window: string): Promise<number> {
  const row = await db
    .selectFrom('checkin_reminder')
    .select(sql<string | null>`max(extract(epoch from settled_at - due_at))`.as('lag'))
    .where('state', '=', 'sent')
    .where('settled_at', '>', sql<Date>`now() - ${window}::interval`)
    .executeTakeFirst();
  return Math.max(0, Number(row?.lag ?? 0));
}
