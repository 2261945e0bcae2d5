/**
 * The org chart of the story the page tells, set up the first time the sandbox starts: validated
 * like an admin's change, and audited as Cadence's, since no person made it.
 */
import type { Deps } from '../../src/deps';
import { DEFAULT_TEAM_ID } from '../emulator/defaults';
import type { SandboxPerson } from './people';

/** Returns why the chart could not be set up (e.g. ADMIN_SLACK_IDS names someone else), if so. */
export async function seedOrgChart(deps: Pick<Deps, 'people' | 'org'>, people: readonly SandboxPerson[]): Promise<string | undefined> {
  // The sync applies ADMIN_SLACK_IDS to people already recorded (a database reused from another run).
  await deps.people.syncDirectory();
  try {
    for (const person of people) {
      if (!person.managerId) continue;
      const result = await deps.org.setUpManager(DEFAULT_TEAM_ID, person.id, person.managerId);
      if (!result.ok) return Object.values(result.errors).join(' ');
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return undefined;
}
