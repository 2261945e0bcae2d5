import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A next step of a shared review summary turned into a goal: one row per step, claimed before the
 * goal is created, so a double click or a retried request makes one goal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_next_step_goal')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('review_participant.id').onDelete('cascade'))
    .addColumn('step_index', 'integer', (c) => c.notNull().check(sql`step_index >= 0`))
    // Null while the goal is being created, and after the goal was deleted (the step stays used).
    .addColumn('goal_id', 'uuid', (c) => c.references('goal.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_next_step_goal_pk', ['participant_id', 'step_index'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_next_step_goal').execute();
}
