import type { Db } from '../../src/db/client';
import type { Person } from '../../src/domain/person';
import { upsertPerson } from '../../src/repositories/person.repository';
import { ensureWorkspace } from '../../src/repositories/workspace.repository';

let counter = 0;

/** A recorded person in workspace T0TEST (created on first use). */
export async function createPerson(db: Db, overrides: Partial<Omit<Person, 'id'>> = {}): Promise<Person> {
  // Taken before the first await: calls made in parallel each get their own number.
  const n = (counter += 1);
  const workspaceId = overrides.workspaceId ?? 'T0TEST';
  await ensureWorkspace(db, workspaceId, 'UTC');
  return upsertPerson(db, {
    workspace_id: workspaceId,
    slack_user_id: overrides.slackUserId ?? `U0PERSON${n}`,
    name: overrides.name ?? `person${n}`,
    real_name: overrides.realName ?? null,
    email: overrides.email ?? `person${n}@example.com`,
    timezone: overrides.timezone ?? 'Europe/London',
    is_bot: overrides.isBot ?? false,
    deactivated: overrides.deactivated ?? false,
    is_admin: overrides.isAdmin ?? false,
  });
}

/** Makes `managerId` the current manager of `personId`, straight into the org chart. */
export async function linkManager(db: Db, personId: string, managerId: string): Promise<void> {
  const person = await db.selectFrom('person').select('workspace_id').where('id', '=', personId).executeTakeFirstOrThrow();
  await db.updateTable('manager_link').set({ valid_to: new Date() }).where('person_id', '=', personId).where('valid_to', 'is', null).execute();
  await db.insertInto('manager_link').values({ workspace_id: person.workspace_id, person_id: personId, manager_id: managerId, source: 'admin', set_by: null }).execute();
}
