import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Replies typed in a nudge's DM thread. They carry no confidence, so they are kept on the period
 * rather than as a check-in; and Slack retries events, so each event id is recorded once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // What the person said in the nudge's thread, replies joined in order; null until they reply.
  await db.schema
    .alterTable('checkin_period')
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) between 1 and 3000`))
    .execute();

  // Slack events already acted on: a retry (same event_id) finds its row and does nothing.
  await db.schema
    .createTable('slack_event')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    // From the app's clock: the sandbox and tests move time.
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('slack_event_received_idx').on('slack_event').column('received_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('slack_event').execute();
  await db.schema.alterTable('checkin_period').dropColumn('note').execute();
}
