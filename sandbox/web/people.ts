/**
 * The sandbox's workspace: a small team whose people cover the roles Cadence serves, spread over
 * time zones with different DST rules, so nudges "at 15:00 local" visibly land at different times.
 */
import { defaultWorkspace } from '../emulator/defaults';
import type { PersonSpec, WorkspaceSpec } from '../emulator/types';
import type { StoryCast } from './story-seed';

export interface SandboxPerson extends PersonSpec {
  /** The part this person plays in the story the page tells. */
  role: string;
  tz: string;
  /** Their manager in the org chart the sandbox starts with. */
  managerId?: string;
}

export const SANDBOX_PEOPLE = [
  { id: 'U0ALEX', name: 'alex', realName: 'Alex Morgan', email: 'alex@acme.example', tz: 'Europe/London', title: 'Software Engineer', role: 'Employee', managerId: 'U0PRIYA' },
  { id: 'U0PRIYA', name: 'priya', realName: 'Priya Raman', email: 'priya@acme.example', tz: 'America/New_York', title: 'Engineering Manager', role: 'Manager of Alex, Arjun and Sofia' },
  { id: 'U0ARJUN', name: 'arjun', realName: 'Arjun Mehta', email: 'arjun@acme.example', tz: 'Asia/Kolkata', title: 'Software Engineer', role: 'Peer', managerId: 'U0PRIYA' },
  { id: 'U0SOFIA', name: 'sofia', realName: 'Sofia Reyes', email: 'sofia@acme.example', tz: 'Australia/Sydney', title: 'Product Designer', role: 'Peer', managerId: 'U0PRIYA' },
  { id: 'U0DANA', name: 'dana', realName: 'Dana Okafor', email: 'dana@acme.example', tz: 'Europe/Berlin', title: 'People Partner', role: 'HR admin', isAdmin: true },
] as const satisfies readonly SandboxPerson[];

/** Who the page starts as: the employee, for whom the first steps are written. */
export const FIRST_PERSON = SANDBOX_PEOPLE[0];

/** The HR admin, made a Cadence admin in the sandbox unless ADMIN_SLACK_IDS says otherwise. */
export const SANDBOX_ADMIN = SANDBOX_PEOPLE[4];

/** The review story's parts: Alex is reviewed, Arjun, Sofia and Dana gave the 360 feedback, Dana runs the cycle. */
export const REVIEW_CAST: StoryCast = { employee: 'U0ALEX', peers: ['U0ARJUN', 'U0SOFIA', 'U0DANA'], admin: SANDBOX_ADMIN.id };

export function sandboxWorkspace(): WorkspaceSpec {
  const toSpec = ({ role: _role, managerId: _managerId, ...spec }: SandboxPerson): PersonSpec => spec;
  return { ...defaultWorkspace(), people: SANDBOX_PEOPLE.map(toSpec) };
}

export function sandboxPerson(id: string): SandboxPerson | undefined {
  return SANDBOX_PEOPLE.find((p) => p.id === id);
}
