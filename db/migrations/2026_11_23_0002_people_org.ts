import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

const HH_MM = `'^([01][0-9]|2[0-3]):[0-5][0-9]$'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // Workspace settings live on the workspace row: one row per install, read with every access check.
  await db.schema
    .alterTable('workspace')
    .addColumn('checkin_weekday', 'smallint', (c) => c.notNull().defaultTo(5).check(sql`checkin_weekday between 1 and 7`))
    .addColumn('checkin_time', 'text', (c) => c.notNull().defaultTo('15:00').check(sql.raw(`checkin_time ~ ${HH_MM}`)))
    .addColumn('checkin_every_weeks', 'smallint', (c) => c.notNull().defaultTo(1).check(sql`checkin_every_weeks in (1, 2)`))
    .addColumn('working_days', sql`smallint[]`, (c) => c.notNull().defaultTo(sql`'{1,2,3,4,5}'`))
    .addColumn('work_start', 'text', (c) => c.notNull().defaultTo('09:00').check(sql.raw(`work_start ~ ${HH_MM}`)))
    .addColumn('work_end', 'text', (c) => c.notNull().defaultTo('18:00').check(sql.raw(`work_end ~ ${HH_MM}`)))
    .addColumn('quiet_start', 'text', (c) => c.notNull().defaultTo('20:00').check(sql.raw(`quiet_start ~ ${HH_MM}`)))
    .addColumn('quiet_end', 'text', (c) => c.notNull().defaultTo('08:00').check(sql.raw(`quiet_end ~ ${HH_MM}`)))
    .addColumn('anonymity_threshold', 'smallint', (c) => c.notNull().defaultTo(3).check(sql`anonymity_threshold >= 3`))
    .addColumn('skip_level_visibility', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .alterTable('person')
    .addColumn('is_admin', 'boolean', (c) => c.notNull().defaultTo(false))
    // Set when an admin erased the person's data: the row stays so audit entries keep pointing somewhere.
    .addColumn('erased_at', 'timestamptz')
    // Personal overrides of the workspace's check-in cadence; null means "the workspace default".
    .addColumn('checkin_weekday', 'smallint', (c) => c.check(sql`checkin_weekday between 1 and 7`))
    .addColumn('checkin_time', 'text', (c) => c.check(sql.raw(`checkin_time ~ ${HH_MM}`)))
    .addColumn('checkin_every_weeks', 'smallint', (c) => c.check(sql`checkin_every_weeks in (1, 2)`))
    .addColumn('paused_until', 'date')
    // Kinds the person turned off, so a kind added later reaches everyone until they opt out.
    .addColumn('muted_nudges', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await db.schema.createIndex('person_workspace_email_idx').on('person').expression(sql`workspace_id, lower(email)`).execute();

  await db.schema
    .alterTable('goal')
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private').check(sql`visibility in ('public', 'private')`))
    .execute();

  // The org chart with its history: a row per period in which someone reported to someone.
  await db.schema
    .createTable('manager_link')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('manager_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('admin', 'import', 'proposal')`))
    .addColumn('set_by', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('valid_from', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('valid_to', 'timestamptz')
    .addCheckConstraint('manager_link_not_self', sql`person_id <> manager_id`)
    .execute();
  await db.schema
    .createIndex('manager_link_one_current')
    .on('manager_link')
    .column('person_id')
    .unique()
    .where(sql.ref('valid_to'), 'is', null)
    .execute();
  await db.schema
    .createIndex('manager_link_current_reports')
    .on('manager_link')
    .column('manager_id')
    .where(sql.ref('valid_to'), 'is', null)
    .execute();

  await db.schema
    .createTable('manager_proposal')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('manager_id', 'uuid', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('pending').check(sql`status in ('pending', 'confirmed', 'rejected', 'withdrawn')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('manager_proposal_one_pending')
    .on('manager_proposal')
    .column('person_id')
    .unique()
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('audit_event')
    // A sequence, not a uuid: entries written within the same instant still read back in order.
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspace.id').onDelete('cascade'))
    // Null when Cadence itself acted (the directory sync).
    .addColumn('actor_id', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'uuid', (c) => c.references('person.id').onDelete('set null'))
    // Ids and settings only, never personal content: the log outlives an erasure.
    .addColumn('detail', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('audit_event_workspace_time').on('audit_event').columns(['workspace_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_event').execute();
  await db.schema.dropTable('manager_proposal').execute();
  await db.schema.dropTable('manager_link').execute();
  await db.schema.alterTable('goal').dropColumn('visibility').execute();
  await db.schema.dropIndex('person_workspace_email_idx').execute();
  await db.schema
    .alterTable('person')
    .dropColumn('is_admin')
    .dropColumn('erased_at')
    .dropColumn('checkin_weekday')
    .dropColumn('checkin_time')
    .dropColumn('checkin_every_weeks')
    .dropColumn('paused_until')
    .dropColumn('muted_nudges')
    .execute();
  await db.schema
    .alterTable('workspace')
    .dropColumn('checkin_weekday')
    .dropColumn('checkin_time')
    .dropColumn('checkin_every_weeks')
    .dropColumn('working_days')
    .dropColumn('work_start')
    .dropColumn('work_end')
    .dropColumn('quiet_start')
    .dropColumn('quiet_end')
    .dropColumn('anonymity_threshold')
    .dropColumn('skip_level_visibility')
    .execute();
}
