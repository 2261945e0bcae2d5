import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * One row per workspace (or Enterprise Grid organization) that installed Cadence through OAuth.
 * - `installation`: Bolt's Installation as JSON, AES-256-GCM sealed (tokens inside); the key lives in
 *   the environment. Set to null when the installation is revoked: a dead token is not kept.
 * - `revoked_at`/`revoked_reason`: app_uninstalled, tokens_revoked, or what a send was answered.
 * - `data_deleted_at`: when the workspace's data was deleted after retention. The row itself stays,
 *   with no reference to the deleted workspace, as the record of who installed and when it ended.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('slack_installation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enterprise_id', 'text')
    .addColumn('is_enterprise_install', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('installation', 'text')
    .addColumn('installer_slack_id', 'text')
    .addColumn('installed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .addColumn('data_deleted_at', 'timestamptz')
    .addCheckConstraint('slack_installation_token_or_revoked', sql`(installation is null) = (revoked_at is not null)`)
    .execute();
  await db.schema
    .createIndex('slack_installation_retention_idx')
    .on('slack_installation')
    .column('revoked_at')
    .where(sql.ref('data_deleted_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('slack_installation').execute();
}
