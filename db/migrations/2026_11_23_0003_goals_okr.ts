import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('goal')
    .addColumn('level', 'text', (c) => c.notNull().defaultTo('individual').check(sql`level in ('company', 'team', 'individual')`))
    // Alignment: a goal counts towards its parent's progress. Deleting a parent leaves its children standing alone.
    .addColumn('parent_id', 'uuid', (c) => c.references('goal.id').onDelete('set null'))
    // How much the goal counts among the goals aligned to the same parent.
    .addColumn('weight', 'numeric', (c) => c.notNull().defaultTo(1).check(sql`weight > 0 and weight <= 100`))
    // Derived from key results or aligned goals, kept current by the service in the transaction that changes them.
    .addColumn('progress', 'double precision', (c) => c.notNull().defaultTo(0).check(sql`progress between 0 and 100`))
    .execute();
  await db.schema
    .alterTable('goal')
    .addCheckConstraint(
      'goal_status_known',
      sql`status in ('not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred', 'archived')`,
    )
    .execute();
  await db.schema.alterTable('goal').addCheckConstraint('goal_not_own_parent', sql`parent_id <> id`).execute();
  await db.schema.createIndex('goal_parent_idx').on('goal').column('parent_id').where(sql.ref('parent_id'), 'is not', null).execute();
  // Company and team goals everyone may see: the Home tab lists them for the whole workspace.
  await db.schema
    .createIndex('goal_shared_idx')
    .on('goal')
    .columns(['workspace_id', 'level'])
    .where(sql<boolean>`visibility = 'public' and level <> 'individual'`)
    .execute();

  await db.schema
    .createTable('key_result')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('goal_id', 'uuid', (c) => c.notNull().references('goal.id').onDelete('cascade'))
    // At most five per goal: positions 0..4, each once (checked at commit, so an edit may reorder).
    .addColumn('position', 'smallint', (c) => c.notNull().check(sql`position between 0 and 4`))
    .addColumn('title', 'text', (c) => c.notNull().check(sql`char_length(title) between 1 and 150`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('number', 'percent', 'currency', 'yes_no')`))
    .addColumn('start_value', 'numeric', (c) => c.notNull())
    .addColumn('target_value', 'numeric', (c) => c.notNull())
    .addColumn('current_value', 'numeric', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.check(sql`char_length(unit) between 1 and 20`))
    .addColumn('weight', 'numeric', (c) => c.notNull().defaultTo(1).check(sql`weight > 0 and weight <= 100`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('key_result_moves', sql`target_value <> start_value`)
    .addUniqueConstraint('key_result_goal_position', ['goal_id', 'position'], (c) => c.deferrable().initiallyDeferred())
    .execute();

  // A goal's history: who changed what, when, and why. The evidence check-ins and reviews cite.
  await db.schema
    .createTable('goal_event')
    // A sequence, not a uuid: events written within the same instant still read back in order.
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('goal_id', 'uuid', (c) => c.notNull().references('goal.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('actor_id', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('created', 'edited', 'progress', 'aligned')`))
    .addColumn('changes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) between 1 and 3000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('goal_event_goal_idx').on('goal_event').columns(['goal_id', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('goal_event').execute();
  await db.schema.dropTable('key_result').execute();
  await db.schema.dropIndex('goal_shared_idx').execute();
  await db.schema.dropIndex('goal_parent_idx').execute();
  await db.schema.alterTable('goal').dropConstraint('goal_not_own_parent').execute();
  await db.schema.alterTable('goal').dropConstraint('goal_status_known').execute();
  await db.schema.alterTable('goal').dropColumn('progress').dropColumn('weight').dropColumn('parent_id').dropColumn('level').execute();
}
