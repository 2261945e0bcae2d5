import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A review conversation's transcript, pasted by the manager (opting the conversation in), and
 * Cadence's summary of it citing its passages. Both participants read it. The raw text goes once
 * the summary is accepted, unless both of them chose to keep it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_transcript')
    .addColumn('participant_id', 'uuid', (c) => c.primaryKey().references('review_participant.id').onDelete('cascade'))
    .addColumn('uploaded_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    // Null once deleted: the passages the summary cites are kept with the summary.
    .addColumn('raw', 'text')
    .addColumn('passages', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('model', 'offline')`))
    .addColumn('fallback', 'text')
    .addColumn('keep_manager', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('keep_employee', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('accepted_at', 'timestamptz')
    .addColumn('raw_deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_transcript').execute();
}
