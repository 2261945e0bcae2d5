import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Review cycles.
 * - Templates are versioned: a cycle points at the version it was launched with, so an edit (a new
 *   version) never changes a running cycle.
 * - Responses are keyed by their author: a manager review drafted by someone who stopped being the
 *   manager stays theirs, and the new manager writes their own.
 * - `review_step` is what must be sent and when (Postgres is the truth; Redis only carries it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_competency')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 120`))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('levels', sql`text[]`, (c) => c.notNull().check(sql`cardinality(levels) between 3 and 7`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('review_competency_name', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('review_template')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('review_template_version')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('template_id', 'uuid', (c) => c.notNull().references('review_template.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('questions', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('review_template_version_once', ['template_id', 'version'])
    .execute();

  await db.schema
    .createTable('review_cycle')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('template_version_id', 'uuid', (c) => c.notNull().references('review_template_version.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'active', 'closed')`))
    .addColumn('created_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('launched_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('review_cycle_workspace_idx').on('review_cycle').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('review_phase')
    .addColumn('cycle_id', 'uuid', (c) => c.notNull().references('review_cycle.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('self_assessment', 'manager_review', 'calibration', 'conversation', 'sign_off')`))
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_phase_pk', ['cycle_id', 'phase'])
    .execute();

  await db.schema
    .createTable('review_participant')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cycle_id', 'uuid', (c) => c.notNull().references('review_cycle.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    // Reopened for this person after the cycle closed: their items can be finished.
    .addColumn('reopened_at', 'timestamptz')
    .addColumn('conversation_at', 'timestamptz')
    // Agreed points, next steps: what the manager shares after the conversation.
    .addColumn('summary', 'jsonb')
    .addColumn('shared_at', 'timestamptz')
    .addColumn('shared_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addUniqueConstraint('review_participant_once', ['cycle_id', 'person_id'])
    .execute();
  await db.schema.createIndex('review_participant_person_idx').on('review_participant').column('person_id').execute();

  await db.schema
    .createTable('review_response')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('review_participant.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('self', 'manager')`))
    .addColumn('author_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addUniqueConstraint('review_response_once', ['participant_id', 'role', 'author_id'])
    .execute();

  await db.schema
    .createTable('review_sign_off')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('review_participant.id').onDelete('cascade'))
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side in ('employee', 'manager')`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('comment', 'text', (c) => c.check(sql`char_length(comment) between 1 and 2000`))
    .addColumn('signed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_sign_off_pk', ['participant_id', 'side'])
    .execute();

  await db.schema
    .createTable('review_step')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('review_participant.id').onDelete('cascade'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    // An HR nudge of a late item: at most one per item per day (the admin's calendar day).
    .addColumn('nudge_day', 'date')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('scheduled').check(sql`state in ('scheduled', 'done', 'skipped', 'cancelled')`))
    .addColumn('settled_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('review_step_due_idx').on('review_step').columns(['state', 'due_at']).execute();
  await db.schema.createIndex('review_step_participant_idx').on('review_step').column('participant_id').execute();
  await db.schema
    .createIndex('review_step_nudge_once')
    .on('review_step')
    .columns(['participant_id', 'item', 'nudge_day'])
    .unique()
    .where(sql.ref('nudge_day'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['review_step', 'review_sign_off', 'review_response', 'review_participant', 'review_phase', 'review_cycle', 'review_template_version', 'review_template', 'review_competency'])
    await db.schema.dropTable(table).execute();
}
