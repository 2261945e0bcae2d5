import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * 360 anonymity that holds against whoever runs the database and holds the bot token.
 * - A request keeps the anonymity threshold it promised its peers, and the people who may read its
 *   summary, both fixed when it is made: a later settings or org-chart change moves neither.
 * - Answers lose their edit handle: keys already sent live in Slack DMs the bot token can read, so
 *   those answers can no longer be changed. Answers are rewritten in a random order so neither row
 *   order nor transaction ids say anything about who wrote what.
 * - Signatures of Slack requests already acted on, so a replayed request is dropped.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('feedback_request').addColumn('anonymity_threshold', 'smallint').execute();
  await sql`update feedback_request r set anonymity_threshold = w.anonymity_threshold from workspace w where w.id = r.workspace_id`.execute(db);
  await db.schema.alterTable('feedback_request').alterColumn('anonymity_threshold', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('feedback_request').addCheckConstraint('feedback_request_threshold', sql`anonymity_threshold >= 3`).execute();

  await db.schema
    .createTable('feedback_reader')
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('feedback_request.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('feedback_reader_pk', ['request_id', 'person_id'])
    .execute();
  await db.schema.createIndex('feedback_reader_person_idx').on('feedback_reader').column('person_id').execute();
  // Existing requests: the subject, the requester and the subject's manager of today.
  await sql`
    insert into feedback_reader (request_id, person_id)
    select id, subject_id from feedback_request
    union select id, requester_id from feedback_request
    union select r.id, m.manager_id from feedback_request r join manager_link m on m.person_id = r.subject_id and m.valid_to is null
    on conflict do nothing`.execute(db);

  await db.schema.alterTable('feedback_answer').alterColumn('edit_key_hash', (c) => c.dropNotNull()).execute();
  await sql`
    with shuffled as (delete from feedback_answer returning request_id, ratings, comments, custom_answer, strengths, suggestions)
    insert into feedback_answer (request_id, ratings, comments, custom_answer, strengths, suggestions)
    select request_id, ratings, comments, custom_answer, strengths, suggestions from shuffled order by random()`.execute(db);

  await db.schema
    .createTable('slack_request_seen')
    .addColumn('signature', 'text', (c) => c.primaryKey())
    .addColumn('seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('slack_request_seen_at_idx').on('slack_request_seen').column('seen_at').execute();

}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('slack_request_seen').execute();
  await db.schema.dropTable('feedback_reader').execute();
  await db.schema.alterTable('feedback_request').dropConstraint('feedback_request_threshold').execute();
  await db.schema.alterTable('feedback_request').dropColumn('anonymity_threshold').execute();
}
