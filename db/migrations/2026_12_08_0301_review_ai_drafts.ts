import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * An AI draft a person chose to put into a review answer, kept while the answer still reads as
 * drafted: the form marks it until the writer edits it, and the row goes when they do.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_ai_draft')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('review_participant.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('self', 'manager')`))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().check(sql`char_length(text) between 1 and 3000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_ai_draft_pk', ['participant_id', 'role', 'author_id', 'question_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_ai_draft').execute();
}
