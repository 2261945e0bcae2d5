import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * The weekly manager digest. As with check-in nudges, Postgres says what is owed and when; Redis
 * only carries the send, so the dispatcher can queue again whatever Redis lost.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per manager: when their next digest is due. The dispatcher locks due rows (SKIP
  // LOCKED), records the digest and advances the row in one transaction.
  await db.schema
    .createTable('manager_digest_schedule')
    .addColumn('person_id', 'uuid', (c) => c.primaryKey().references('person.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    // Null: nothing to send (no longer a manager, deactivated, or the rules leave no moment).
    .addColumn('next_due_at', 'timestamptz')
    // The workspace check-in day, in the manager's zone, that the next digest looks back on.
    .addColumn('next_period', 'date')
    // The latest period already dispatched, so a recompute never sends it again.
    .addColumn('last_period', 'date')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('manager_digest_schedule_due_has_period', sql`(next_due_at is null) = (next_period is null)`)
    .execute();
  await db.schema
    .createIndex('manager_digest_schedule_due_idx')
    .on('manager_digest_schedule')
    .column('next_due_at')
    .where(sql.ref('next_due_at'), 'is not', null)
    .execute();

  // One digest per manager per period: written before its job is queued; 'scheduled' rows are
  // queued again by the dispatcher when Redis lost them.
  await db.schema
    .createTable('manager_digest')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('period', 'date', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`state in ('scheduled', 'sent', 'skipped')`))
    // From the app's clock, not now(): the sandbox and tests move time.
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addUniqueConstraint('manager_digest_once', ['person_id', 'period'])
    .execute();
  await db.schema
    .createIndex('manager_digest_scheduled_idx')
    .on('manager_digest')
    .column('due_at')
    .where(sql.ref('state'), '=', 'scheduled')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('manager_digest').execute();
  await db.schema.dropTable('manager_digest_schedule').execute();
}
