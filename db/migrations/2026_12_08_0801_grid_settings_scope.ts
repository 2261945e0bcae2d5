import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

const HH_MM = `'^([01][0-9]|2[0-3]):[0-5][0-9]$'`;

/**
 * Enterprise Grid: an organization installed org-wide is one Cadence workspace whose people come
 * from several Slack workspaces (teams).
 * - `workspace.settings_scope`: 'organization' (one set of settings) or 'team' (each Slack workspace
 *   of the org may set its own check-in cadence and working time, in `team_settings`).
 * - `slack_team`: the org's Slack workspaces as the directory sync last saw them, for their names.
 * - `person.home_team_id`: the Slack workspace a person belongs to (their first in the org); null
 *   outside an org-wide install.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('workspace')
    .addColumn('settings_scope', 'text', (c) => c.notNull().defaultTo('organization').check(sql`settings_scope in ('organization', 'team')`))
    .execute();
  await db.schema.alterTable('person').addColumn('home_team_id', 'text').execute();

  await db.schema
    .createTable('slack_team')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('slack_team_pk', ['workspace_id', 'team_id'])
    .execute();

  await db.schema
    .createTable('team_settings')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('checkin_weekday', 'smallint', (c) => c.notNull().check(sql`checkin_weekday between 1 and 7`))
    .addColumn('checkin_time', 'text', (c) => c.notNull().check(sql.raw(`checkin_time ~ ${HH_MM}`)))
    .addColumn('checkin_every_weeks', 'smallint', (c) => c.notNull().check(sql`checkin_every_weeks in (1, 2)`))
    .addColumn('working_days', sql`smallint[]`, (c) => c.notNull())
    .addColumn('work_start', 'text', (c) => c.notNull().check(sql.raw(`work_start ~ ${HH_MM}`)))
    .addColumn('work_end', 'text', (c) => c.notNull().check(sql.raw(`work_end ~ ${HH_MM}`)))
    .addColumn('quiet_start', 'text', (c) => c.notNull().check(sql.raw(`quiet_start ~ ${HH_MM}`)))
    .addColumn('quiet_end', 'text', (c) => c.notNull().check(sql.raw(`quiet_end ~ ${HH_MM}`)))
    .addPrimaryKeyConstraint('team_settings_pk', ['workspace_id', 'team_id'])
    .addForeignKeyConstraint('team_settings_team_fk', ['workspace_id', 'team_id'], 'slack_team', ['workspace_id', 'team_id'], (fk) => fk.onDelete('cascade'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('team_settings').execute();
  await db.schema.dropTable('slack_team').execute();
  await db.schema.alterTable('person').dropColumn('home_team_id').execute();
  await db.schema.alterTable('workspace').dropColumn('settings_scope').execute();
}
