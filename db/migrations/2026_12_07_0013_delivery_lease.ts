import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Exactly-once sends through faults.
 * - A claim holds a lease: a 'sending' row whose lease ran out (the process died mid-call) may be
 *   claimed again, after Slack's DM history says whether the message arrived.
 * - 'unknown': Slack's answer was lost (a timeout, a 5xx); the next attempt checks the history first.
 * - unknown_outcomes counts those, for operators and the fault suite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('delivery')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('unknown_outcomes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`alter table delivery drop constraint delivery_status_check`.execute(db);
  await sql`alter table delivery add constraint delivery_status_check check (status in ('sending', 'sent', 'retry', 'unknown', 'failed'))`.execute(db);
  // Rows in flight before this migration get a lease that has run out: their outcome is checked.
  await sql`update delivery set lease_until = created_at where status = 'sending'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update delivery set status = 'failed', last_error = 'outcome unknown' where status = 'unknown'`.execute(db);
  await sql`alter table delivery drop constraint delivery_status_check`.execute(db);
  await sql`alter table delivery add constraint delivery_status_check check (status in ('sending', 'sent', 'retry', 'failed'))`.execute(db);
  await db.schema.alterTable('delivery').dropColumn('lease_until').dropColumn('unknown_outcomes').execute();
}
