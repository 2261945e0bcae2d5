import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * The DM assistant.
 * - workspace.assistant_daily_tool_calls / assistant_daily_tokens: what one person may use per day.
 * - assistant_message: a DM thread's memory (what the person said, what the assistant answered),
 *   kept for a bounded time, with the tool calls and tokens each answer cost.
 * - assistant_proposal: a write the assistant proposed; Confirm applies it once, while the goal is
 *   still as it was when proposed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('workspace')
    .addColumn('assistant_daily_tool_calls', 'integer', (c) => c.notNull().defaultTo(60).check(sql`assistant_daily_tool_calls >= 0`))
    .addColumn('assistant_daily_tokens', 'integer', (c) => c.notNull().defaultTo(50000).check(sql`assistant_daily_tokens >= 0`))
    .execute();
  await db.schema
    .createTable('assistant_message')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('thread_ts', 'text', (c) => c.notNull())
    // The Slack event a person's message came in: a retried event is answered once.
    .addColumn('event_id', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('user', 'assistant')`))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('tool_calls', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tokens', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assistant_message_event_idx').on('assistant_message').columns(['workspace_id', 'event_id']).unique().execute();
  await db.schema.createIndex('assistant_message_thread_idx').on('assistant_message').columns(['person_id', 'channel', 'thread_ts', 'created_at']).execute();
  await db.schema.createIndex('assistant_message_created_idx').on('assistant_message').columns(['created_at']).execute();
  await db.schema
    .createTable('assistant_proposal')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('tool', 'text', (c) => c.notNull())
    .addColumn('args', 'jsonb', (c) => c.notNull())
    // What the change was checked against (the goal's newest history entry): Confirm refuses if there is a newer one.
    .addColumn('expected', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'applied', 'cancelled', 'stale', 'failed')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('assistant_proposal_person_idx').on('assistant_proposal').columns(['person_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('assistant_proposal').execute();
  await db.schema.dropTable('assistant_message').execute();
  await db.schema.alterTable('workspace').dropColumn('assistant_daily_tokens').dropColumn('assistant_daily_tool_calls').execute();
}
