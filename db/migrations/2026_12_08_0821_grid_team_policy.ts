import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Enterprise Grid: under the per-workspace scope, a Slack workspace of an organization may also set
 * its own access policy for the people it is home to. Null keeps the organization's value, so a
 * workspace that set only its working time follows the organization's policy as it changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('team_settings')
    .addColumn('anonymity_threshold', 'smallint', (c) => c.check(sql`anonymity_threshold >= 3`))
    .addColumn('skip_level_visibility', 'boolean')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('team_settings').dropColumn('anonymity_threshold').dropColumn('skip_level_visibility').execute();
}
