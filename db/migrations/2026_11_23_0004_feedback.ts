import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * 360 feedback. Anonymity is a property of these tables:
 * - `feedback_invitation` records who was asked and whether they responded, never what they wrote;
 * - `feedback_answer` holds what was written and carries no person, no time and no sequence: only
 *   the request, a random id, and the hash of an edit key that lives in the author's Slack DM alone.
 * So no join, in any query, can connect an answer to its author.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // The workspace's list of focus areas; a request copies the ones it uses, so edits never rewrite it.
  await db.schema
    .alterTable('workspace')
    .addColumn('feedback_focus_areas', sql`text[]`, (c) =>
      c
        .notNull()
        .defaultTo(sql`'{Communication,Collaboration,Ownership,"Quality of work",Delivery,Leadership}'`)
        .check(sql`cardinality(feedback_focus_areas) between 1 and 12`),
    )
    .execute();

  await db.schema
    .createTable('feedback_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    // Whom the feedback is about, and who asked: the subject, or their manager.
    .addColumn('subject_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('requester_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('focus_areas', sql`text[]`, (c) => c.notNull().check(sql`cardinality(focus_areas) between 1 and 5`))
    .addColumn('custom_question', 'text', (c) => c.check(sql`char_length(custom_question) between 1 and 200`))
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) between 1 and 500`))
    // The day the requester picked, in their timezone, and the instant it ends: answers close then.
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open').check(sql`status in ('open', 'released', 'closed')`))
    // From the app's clock, not now(): the sandbox and tests move time.
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('settled_at', 'timestamptz')
    .addCheckConstraint('feedback_request_settled', sql`(status = 'open') = (settled_at is null)`)
    .execute();
  await db.schema.createIndex('feedback_request_subject_idx').on('feedback_request').columns(['subject_id', 'created_at']).execute();
  await db.schema.createIndex('feedback_request_requester_idx').on('feedback_request').column('requester_id').execute();
  await db.schema
    .createIndex('feedback_request_one_open')
    .on('feedback_request')
    .column('subject_id')
    .unique()
    .where(sql.ref('status'), '=', 'open')
    .execute();

  await db.schema
    .createTable('feedback_invitation')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('feedback_request.id').onDelete('cascade'))
    .addColumn('peer_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'answered', 'declined')`))
    .addColumn('decline_reason', 'text', (c) => c.check(sql`char_length(decline_reason) between 1 and 300`))
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('feedback_invitation_once', ['request_id', 'peer_id'])
    .execute();
  await db.schema.createIndex('feedback_invitation_peer_idx').on('feedback_invitation').column('peer_id').execute();

  // No person, no timestamp, no sequence: see the comment at the top.
  await db.schema
    .createTable('feedback_answer')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('feedback_request.id').onDelete('cascade'))
    .addColumn('edit_key_hash', 'text', (c) => c.notNull().unique())
    // One entry per focus area of the request, in its order; a null rating is "N/A".
    .addColumn('ratings', sql`smallint[]`, (c) => c.notNull().check(sql`1 <= all(ratings) and 5 >= all(ratings)`))
    .addColumn('comments', sql`text[]`, (c) => c.notNull())
    .addColumn('custom_answer', 'text')
    .addColumn('strengths', 'text')
    .addColumn('suggestions', 'text')
    .addCheckConstraint('feedback_answer_shape', sql`cardinality(ratings) = cardinality(comments) and cardinality(ratings) between 1 and 5`)
    .execute();
  await db.schema.createIndex('feedback_answer_request_idx').on('feedback_answer').column('request_id').execute();

  // The subject's own ratings, to compare with others'. Theirs by definition, so not anonymous.
  await db.schema
    .createTable('feedback_self_rating')
    .addColumn('request_id', 'uuid', (c) => c.primaryKey().references('feedback_request.id').onDelete('cascade'))
    .addColumn('ratings', sql`smallint[]`, (c) => c.notNull().check(sql`1 <= all(ratings) and 5 >= all(ratings)`))
    .execute();

  // Every message a request owes someone, with when: Postgres says what must be sent, Redis only
  // carries it (a delayed job per row, re-created by a reconciler when Redis lost it).
  await db.schema
    .createTable('feedback_step')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('request_id', 'uuid', (c) => c.notNull().references('feedback_request.id').onDelete('cascade'))
    .addColumn('invitation_id', 'uuid', (c) => c.references('feedback_invitation.id').onDelete('cascade'))
    .addColumn('recipient_id', 'uuid', (c) => c.references('person.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('invite', 'follow_up', 'last_reminder', 'requester_status', 'self_prompt', 'decline_notice', 'close', 'released_notice', 'closed_notice')`,
        ),
    )
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`state in ('scheduled', 'done', 'skipped', 'cancelled')`))
    .addColumn('settled_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('feedback_step_scheduled_idx')
    .on('feedback_step')
    .column('due_at')
    .where(sql.ref('state'), '=', 'scheduled')
    .execute();
  await db.schema.createIndex('feedback_step_request_idx').on('feedback_step').column('request_id').execute();
  // Never two of the same kind for the same peer: one invite, one follow-up, one last reminder.
  await db.schema
    .createIndex('feedback_step_once_per_invitation')
    .on('feedback_step')
    .columns(['invitation_id', 'kind'])
    .unique()
    .where(sql<boolean>`invitation_id is not null and state <> 'cancelled'`)
    .execute();

  // Continuous feedback: signed, private to the person, or shared with the manager they had then.
  await db.schema
    .createTable('feedback_note')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('recipient_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull().check(sql`char_length(body) between 1 and 2000`))
    .addColumn('shared_with_id', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // Set once its DMs went out; the reconciler re-queues notes still unset.
    .addColumn('notified_at', 'timestamptz')
    .addCheckConstraint('feedback_note_not_self', sql`author_id <> recipient_id`)
    .execute();
  await db.schema.createIndex('feedback_note_recipient_idx').on('feedback_note').columns(['recipient_id', 'created_at']).execute();
  await db.schema.createIndex('feedback_note_author_idx').on('feedback_note').column('author_id').execute();
  await db.schema
    .createIndex('feedback_note_unnotified_idx')
    .on('feedback_note')
    .column('created_at')
    .where(sql.ref('notified_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('feedback_note').execute();
  await db.schema.dropTable('feedback_step').execute();
  await db.schema.dropTable('feedback_self_rating').execute();
  await db.schema.dropTable('feedback_answer').execute();
  await db.schema.dropTable('feedback_invitation').execute();
  await db.schema.dropTable('feedback_request').execute();
  await db.schema.alterTable('workspace').dropColumn('feedback_focus_areas').execute();
}
