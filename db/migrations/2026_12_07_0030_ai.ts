import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * The AI layer's switches and its call log.
 * - workspace.ai_mode: 'on' (a model when one is configured, else offline drafts), 'offline'
 *   (drafts built locally, nothing ever sent to a model) or 'off' (no drafts at all).
 * - person.ai_opt_out: nothing about the person goes to a model and they are offered no drafts.
 * - ai_call: one row per draft or check: who, what kind, tokens, latency, outcome. Never content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('workspace')
    .addColumn('ai_mode', 'text', (c) => c.notNull().defaultTo('on').check(sql`ai_mode in ('on', 'offline', 'off')`))
    .execute();
  await db.schema.alterTable('person').addColumn('ai_opt_out', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
  await db.schema
    .createTable('ai_call')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    // Kept when the person is erased: the cost stays the workspace's, the person leaves.
    .addColumn('actor_id', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('prompt_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('completion_tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ai_call_workspace_idx').on('ai_call').columns(['workspace_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ai_call').execute();
  await db.schema.alterTable('person').dropColumn('ai_opt_out').execute();
  await db.schema.alterTable('workspace').dropColumn('ai_mode').execute();
}
