import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Peer feedback inside a review cycle: the peers nominated for a participant (by them or their
 * manager), the manager's approval, and the 360 request it became. One per participant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_peer_nomination')
    .addColumn('participant_id', 'uuid', (c) => c.primaryKey().references('review_participant.id').onDelete('cascade'))
    .addColumn('peer_ids', sql`uuid[]`, (c) => c.notNull().check(sql`cardinality(peer_ids) between 2 and 6`))
    .addColumn('nominated_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('nominated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('approved_at', 'timestamptz')
    // The 360 request made on approval: its answers, anonymity and summary are the 360 engine's.
    .addColumn('request_id', 'uuid', (c) => c.references('feedback_request.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_peer_nomination').execute();
}
