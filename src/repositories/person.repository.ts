import type { Db } from '../db/client';
import type { NewPersonRow, PersonRow } from '../db/schema';
import type { Person } from '../domain/person';

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

/** Inserts or refreshes a person; two concurrent first requests end with one row. */
export async function upsertPerson(db: Db, person: NewPersonRow): Promise<Person> {
  const row = await db
    .insertInto('person')
    .values(person)
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'slack_user_id']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        real_name: eb.ref('excluded.real_name'),
        email: eb.ref('excluded.email'),
        timezone: eb.ref('excluded.timezone'),
        is_bot: eb.ref('excluded.is_bot'),
        deactivated: eb.ref('excluded.deactivated'),
        updated_at: new Date(),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToPerson(row);
}
