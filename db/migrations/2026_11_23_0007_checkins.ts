import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Weekly check-ins and the nudges that ask for them. Postgres says who is owed what and when;
 * Redis only carries the jobs, so a reconciler can rebuild them from these rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per person: when their next check-in nudge is due. The dispatcher reads the partial
  // index every minute (`next_due_at <= now`) and advances the row in the transaction that records
  // the period, so a second tick finds nothing to do.
  await db.schema
    .createTable('checkin_schedule')
    .addColumn('person_id', 'uuid', (c) => c.primaryKey().references('person.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    // Null: nothing to send (deactivated, or the rules leave no slot).
    .addColumn('next_due_at', 'timestamptz')
    // The local calendar day of the slot next_due_at belongs to: the period's key.
    .addColumn('next_period', 'date')
    // The latest period already dispatched, so a recompute never asks for it again.
    .addColumn('last_period', 'date')
    // What next_due_at was computed from that the directory sync can change behind the scheduler's
    // back: a row whose person no longer matches is recomputed on the dispatcher's next tick.
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull())
    // The workspace's rules changed; the next dispatcher tick recomputes the row.
    .addColumn('stale', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('checkin_schedule_due_has_period', sql`(next_due_at is null) = (next_period is null)`)
    .execute();
  await db.schema
    .createIndex('checkin_schedule_due_idx')
    .on('checkin_schedule')
    .column('next_due_at')
    .where(sql.ref('next_due_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('checkin_schedule_stale_idx').on('checkin_schedule').column('workspace_id').where(sql.ref('stale'), '=', true).execute();

  // A person's check-in period, keyed by the local day of its nudge slot. 'pending' until they
  // check in or skip it.
  await db.schema
    .createTable('checkin_period')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('period', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'checked_in', 'skipped')`))
    // From the app's clock, not now(): the sandbox and tests move time.
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addUniqueConstraint('checkin_period_once', ['person_id', 'period'])
    .execute();
  await db.schema.createIndex('checkin_period_workspace_idx').on('checkin_period').columns(['workspace_id', 'period']).execute();

  // Every DM a period owes: the nudge (seq 0), each snoozed repeat of it (seq 1, 2, ...), and the
  // one follow-up. A row is written before its job is queued; the reconciler re-queues 'scheduled'
  // rows whose job Redis lost.
  await db.schema
    .createTable('checkin_reminder')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('period_id', 'uuid', (c) => c.notNull().references('checkin_period.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('nudge', 'follow_up')`))
    .addColumn('seq', 'smallint', (c) => c.notNull().defaultTo(0).check(sql`seq >= 0`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`state in ('scheduled', 'sent', 'skipped', 'failed')`))
    // Why it was skipped or failed, in words for admins; never message content.
    .addColumn('outcome', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addUniqueConstraint('checkin_reminder_once', ['period_id', 'kind', 'seq'])
    .addCheckConstraint('checkin_reminder_one_follow_up', sql`kind = 'nudge' or seq = 0`)
    .execute();
  await db.schema
    .createIndex('checkin_reminder_scheduled_idx')
    .on('checkin_reminder')
    .column('due_at')
    .where(sql.ref('state'), '=', 'scheduled')
    .execute();

  // What the person answered for a period; at most one, edited in place.
  await db.schema
    .createTable('checkin')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('period_id', 'uuid', (c) => c.notNull().unique().references('checkin_period.id').onDelete('cascade'))
    .addColumn('wins', 'text', (c) => c.check(sql`char_length(wins) between 1 and 3000`))
    .addColumn('blockers', 'text', (c) => c.check(sql`char_length(blockers) between 1 and 3000`))
    .addColumn('confidence', 'smallint', (c) => c.notNull().check(sql`confidence between 0 and 10`))
    .addColumn('mood', 'smallint', (c) => c.check(sql`mood between 1 and 5`))
    // Without it, a mood only counts towards the team's aggregate.
    .addColumn('mood_shared', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('checkin').execute();
  await db.schema.dropTable('checkin_reminder').execute();
  await db.schema.dropTable('checkin_period').execute();
  await db.schema.dropTable('checkin_schedule').execute();
}
