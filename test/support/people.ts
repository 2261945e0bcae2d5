import type { Person } from '../../src/domain/person';

let next = 0;

/** An in-memory person for pure tests (builders, domain rules); `n` pins the ids when a test needs them stable. */
export function buildPerson(overrides: Partial<Person> = {}, n = ++next): Person {
  return {
    id: `p${n}`,
    workspaceId: 'T1',
    slackUserId: `U0P${n}`,
    name: `person${n}`,
    realName: `Person ${n}`,
    email: null,
    timezone: 'Europe/London',
    isBot: false,
    deactivated: false,
    isAdmin: false,
    erased: false,
    homeTeamId: null,
    ...overrides,
  };
}
