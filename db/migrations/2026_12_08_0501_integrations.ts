import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Integrations out (goals and next steps pushed to Notion, Asana, monday.com, webhooks) and
 * transcripts in (Fireflies-style webhooks, Granola-style polling).
 * - integration_connection: one configured tool, for the workspace (owner_id null) or one person.
 *   `secret` is AES-256-GCM ciphertext; the key lives in the environment, never in the database.
 *   `problem` is what the last call said was wrong (a revoked token), shown to HR on the Home tab.
 * - integration_rule: "every new goal of this level goes to this connection".
 * - integration_item: the push ledger, one row per thing sent to a connection. `wanted_version`
 *   grows with each change and `synced_version` follows it once the tool has it; `attempted_at`
 *   set while `external_id` is null means a create whose outcome is unknown.
 * - transcript: a meeting transcript matched to a review conversation, pending until both accept.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('integration_connection')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('owner_id', 'uuid', (c) => c.references('person.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('notion', 'asana', 'monday', 'webhook', 'fireflies', 'granola')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('settings', 'jsonb', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('problem', 'text')
    .addColumn('poll_cursor', 'timestamptz')
    .addColumn('created_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('integration_connection_workspace_idx').on('integration_connection').columns(['workspace_id', 'kind']).execute();

  await db.schema
    .createTable('integration_rule')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('integration_connection.id').onDelete('cascade'))
    .addColumn('goal_level', 'text', (c) => c.notNull().check(sql`goal_level in ('company', 'team', 'individual')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('integration_rule_once', ['connection_id', 'goal_level'])
    .execute();

  await db.schema
    .createTable('integration_item')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('connection_id', 'uuid', (c) => c.notNull().references('integration_connection.id').onDelete('cascade'))
    .addColumn('subject_kind', 'text', (c) => c.notNull().check(sql`subject_kind in ('goal', 'next_steps')`))
    .addColumn('subject_id', 'uuid', (c) => c.notNull())
    .addColumn('next_steps', 'jsonb')
    .addColumn('external_id', 'text')
    .addColumn('external_url', 'text')
    .addColumn('wanted_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('synced_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempted_at', 'timestamptz')
    .addColumn('lease_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('integration_item_once', ['connection_id', 'subject_kind', 'subject_id'])
    .execute();
  await db.schema.createIndex('integration_item_subject_idx').on('integration_item').columns(['subject_kind', 'subject_id']).execute();

  await db.schema
    .createTable('transcript')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('review_participant.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('upload', 'fireflies', 'granola')`))
    .addColumn('external_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('segments', 'jsonb', (c) => c.notNull())
    .addColumn('met_at', 'timestamptz')
    .addColumn('employee_decision', 'text', (c) => c.check(sql`employee_decision in ('accepted', 'rejected')`))
    .addColumn('manager_decision', 'text', (c) => c.check(sql`manager_decision in ('accepted', 'rejected')`))
    .addColumn('created_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('transcript_once', ['workspace_id', 'source', 'external_id'])
    .execute();
  await db.schema.createIndex('transcript_participant_idx').on('transcript').column('participant_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('transcript').execute();
  await db.schema.dropTable('integration_item').execute();
  await db.schema.dropTable('integration_rule').execute();
  await db.schema.dropTable('integration_connection').execute();
}
