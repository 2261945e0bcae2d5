import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A percent the owner reports for a goal with neither key results nor aligned goals, which has
 * nothing else to take its progress from. Null: never reported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('goal')
    .addColumn('reported_progress', 'numeric', (c) => c.check(sql`reported_progress between 0 and 100`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('goal').dropColumn('reported_progress').execute();
}
