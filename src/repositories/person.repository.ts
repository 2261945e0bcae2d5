import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { NewPersonRow, PersonRow } from '../db/schema';
import { ERASED_NAME, type Person } from '../domain/person';

export function rowToPerson(row: PersonRow): Person {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    slackUserId: row.slack_user_id,
    name: row.name,
    realName: row.real_name,
    email: row.email,
    timezone: row.timezone,
    isBot: row.is_bot,
    deactivated: row.deactivated,
    isAdmin: row.is_admin,
    erased: row.erased_at !== null,
    homeTeamId: row.home_team_id,
  };
}

export async function findPersonBySlackId(db: Db, workspaceId: string, slackUserId: string): Promise<Person | undefined> {
  const row = await db
    .selectFrom('person')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('slack_user_id', '=', slackUserId)
    .executeTakeFirst();
  return row && rowToPerson(row);
}

export async function findPersonById(db: Db, id: string): Promise<Person | undefined> {
  const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToPerson(row);
}

export async function findPeopleByIds(db: Db, ids: readonly string[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('person').selectAll().where('id', 'in', ids).execute();
  return rows.map(rowToPerson);
}

/** Everyone Cadence knows in a workspace, erased placeholders left out. */
export async function listPeople(db: Db, workspaceId: string): Promise<Person[]> {
  const rows = await db
    .selectFrom('person')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('erased_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map(rowToPerson);
}

export async function listAdmins(db: Db, workspaceId: string): Promise<Person[]> {
  const rows = await db
    .selectFrom('person')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('is_admin', '=', true)
    .orderBy('name')
    .execute();
  return rows.map(rowToPerson);
}

export async function setAdmin(db: Db, personIds: readonly string[], isAdmin: boolean): Promise<void> {
  if (personIds.length === 0) return;
  await db.updateTable('person').set({ is_admin: isAdmin, updated_at: new Date() }).where('id', 'in', personIds).execute();
}

/** Someone's job title as their Slack profile gave it, or null. */
export async function findPersonTitle(db: Db, id: string): Promise<string | null> {
  return (await db.selectFrom('person').select('title').where('id', '=', id).executeTakeFirst())?.title ?? null;
}

/** The job title of each active person of a workspace who has one, by person id. */
export async function loadTitles(db: Db, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('person')
    .select(['id', 'title'])
    .where('workspace_id', '=', workspaceId)
    .where('deactivated', '=', false)
    .where('title', 'is not', null)
    .execute();
  return new Map(rows.flatMap((row) => (row.title ? [[row.id, row.title] as const] : [])));
}

const refreshFromDirectory = {
  name: sql<string>`excluded.name`,
  real_name: sql<string | null>`excluded.real_name`,
  email: sql<string | null>`excluded.email`,
  timezone: sql<string>`excluded.timezone`,
  is_bot: sql<boolean>`excluded.is_bot`,
  deactivated: sql<boolean>`excluded.deactivated`,
  title: sql<string | null>`excluded.title`,
  // A profile that does not say (a lookup that failed) leaves the home workspace as it was.
  home_team_id: sql<string | null>`coalesce(excluded.home_team_id, person.home_team_id)`,
  updated_at: sql<Date>`now()`,
};

/**
 * Inserts or refreshes someone who is using Cadence; two concurrent first requests end with one
 * row. An erased person who comes back starts afresh from the directory.
 */
export async function upsertPerson(db: Db, person: NewPersonRow): Promise<Person> {
  const row = await db
    .insertInto('person')
    .values(person)
    .onConflict((oc) => oc.columns(['workspace_id', 'slack_user_id']).doUpdateSet({ ...refreshFromDirectory, erased_at: null }))
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToPerson(row);
}

/**
 * Records a page of the directory in one statement. Erased people are left erased: a sync must
 * not bring back the data an admin deleted.
 */
export async function upsertDirectoryPage(db: Db, people: readonly NewPersonRow[]): Promise<void> {
  if (people.length === 0) return;
  await db
    .insertInto('person')
    .values([...people])
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'slack_user_id'])
        .doUpdateSet(refreshFromDirectory)
        .where('person.erased_at', 'is', null),
    )
    .execute();
}

/**
 * Makes these people HR admins where they are not yet (never bots or erased people) and returns
 * those who changed: concurrent calls each see only the rows they flipped, so a grant is told once.
 */
export async function grantAdmin(db: Db, workspaceId: string, slackUserIds: readonly string[]): Promise<Person[]> {
  if (slackUserIds.length === 0) return [];
  const rows = await db
    .updateTable('person')
    .set({ is_admin: true, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('slack_user_id', 'in', slackUserIds)
    .where('is_admin', '=', false)
    .where('is_bot', '=', false)
    .where('erased_at', 'is', null)
    .returningAll()
    .execute();
  return rows.map(rowToPerson);
}

/**
 * Makes this person an HR admin only while the workspace has none (active, not erased): the first
 * admin of a new installation, never one more on a reinstall. Undefined when nothing was granted.
 */
export async function grantFirstAdmin(db: Db, workspaceId: string, slackUserId: string): Promise<Person | undefined> {
  const row = await db
    .updateTable('person')
    .set({ is_admin: true, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('slack_user_id', '=', slackUserId)
    .where('is_bot', '=', false)
    .where('erased_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('person as admin')
            .select('admin.id')
            .where('admin.workspace_id', '=', workspaceId)
            .where('admin.is_admin', '=', true)
            .where('admin.deactivated', '=', false)
            .where('admin.erased_at', 'is', null),
        ),
      ),
    )
    .returningAll()
    .executeTakeFirst();
  return row && rowToPerson(row);
}

/** Leaves a placeholder: the Slack id (so a sync does not re-import them) and nothing personal. */
export async function erasePersonRow(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('person')
    .set({
      name: ERASED_NAME,
      real_name: null,
      email: null,
      title: null,
      timezone: 'UTC',
      is_admin: false,
      deactivated: true,
      erased_at: at,
      checkin_weekday: null,
      checkin_time: null,
      checkin_every_weeks: null,
      paused_until: null,
      muted_nudges: [],
      ai_opt_out: false,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}
