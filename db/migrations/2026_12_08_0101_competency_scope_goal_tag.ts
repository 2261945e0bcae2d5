import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A competency may be scoped to one team (everyone under a manager, at every level); null: the
 * whole workspace. A goal may be tagged with a competency (a development goal); deleting the
 * competency or the manager leaves the goal untagged and the competency workspace-wide.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('review_competency')
    .addColumn('team_manager_id', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('goal')
    .addColumn('competency_id', 'uuid', (c) => c.references('review_competency.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('goal_competency_idx').on('goal').column('competency_id').where('competency_id', 'is not', null).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('goal_competency_idx').execute();
  await db.schema.alterTable('goal').dropColumn('competency_id').execute();
  await db.schema.alterTable('review_competency').dropColumn('team_manager_id').execute();
}
