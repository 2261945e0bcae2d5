import type { Db } from '../../src/db/client';
import type { Person } from '../../src/domain/person';
import { upsertPerson } from '../../src/repositories/person.repository';
import { ensureWorkspace } from '../../src/repositories/workspace.repository';

let counter = 0;

/** A recorded person in workspace T0TEST (created on first use). */
export async function createPerson(db: Db, overrides: Partial<Omit<Person, 'id'>> = {}): Promise<Person> {
  counter += 1;
  const workspaceId = overrides.workspaceId ?? 'T0TEST';
  await ensureWorkspace(db, workspaceId, 'UTC');
  return upsertPerson(db, {
    workspace_id: workspaceId,
    slack_user_id: overrides.slackUserId ?? `U0PERSON${counter}`,
    name: overrides.name ?? `person${counter}`,
    real_name: overrides.realName ?? null,
    email: overrides.email ?? `person${counter}@example.com`,
    timezone: overrides.timezone ?? 'Europe/London',
    is_bot: overrides.isBot ?? false,
    deactivated: overrides.deactivated ?? false,
  });
}
