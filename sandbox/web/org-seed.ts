/**
 * The org chart of the story the page tells, set up through Cadence's own admin path (so it is
 * audited and validated like any admin's change) the first time the sandbox starts.
 */
import type { Deps } from '../../src/deps';
import { DEFAULT_TEAM_ID } from '../emulator/defaults';
import { SANDBOX_ADMIN, type SandboxPerson } from './people';

export async function seedOrgChart(deps: Pick<Deps, 'people' | 'org'>, people: readonly SandboxPerson[]): Promise<void> {
  const admin = await deps.people.resolveActor(DEFAULT_TEAM_ID, SANDBOX_ADMIN.id);
  for (const person of people) {
    if (!person.managerId) continue;
    const result = await deps.org.setManager(admin, person.id, person.managerId);
    if (!result.ok) throw new Error(`could not seed the sandbox org chart: ${Object.values(result.errors).join(' ')}`);
  }
}
