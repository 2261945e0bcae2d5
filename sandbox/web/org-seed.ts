/**
 * The org chart of the story the page tells, set up through Cadence's own admin path (so it is
 * audited and validated like any admin's change) the first time the sandbox starts.
 */
import type { Deps } from '../../src/deps';
import { DEFAULT_TEAM_ID } from '../emulator/defaults';
import { SANDBOX_ADMIN, type SandboxPerson } from './people';

/** Returns why the chart could not be set up (e.g. ADMIN_SLACK_IDS names someone else), if so. */
export async function seedOrgChart(deps: Pick<Deps, 'people' | 'org'>, people: readonly SandboxPerson[]): Promise<string | undefined> {
  // The sync applies ADMIN_SLACK_IDS to people already recorded (a database reused from another run).
  await deps.people.syncDirectory();
  const admin = await deps.people.resolveActor(DEFAULT_TEAM_ID, SANDBOX_ADMIN.id);
  try {
    for (const person of people) {
      if (!person.managerId) continue;
      const result = await deps.org.setManager(admin, person.id, person.managerId);
      if (!result.ok) return Object.values(result.errors).join(' ');
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}
