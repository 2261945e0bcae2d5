import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A person's job title, as their Slack profile gives it (refreshed by the directory sync), and a
 * competency scoped to one job title (the role it is for; null: any). Titles are matched without
 * regard to case or surrounding spaces.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('person').addColumn('title', 'text').execute();
  await db.schema
    .alterTable('review_competency')
    .addColumn('role', 'text', (c) => c.check(sql`char_length(role) between 1 and 100`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('review_competency').dropColumn('role').execute();
  await db.schema.alterTable('person').dropColumn('title').execute();
}
