/**
 * The workspace the emulator starts with when a test names none. People sit in time zones with
 * different DST rules (London and New York shift on different dates, Kolkata never, Sydney in the
 * opposite season) so scheduling code meets the awkward cases by default.
 */
import type { PersonSpec, WorkspaceSpec } from './types';

export const DEFAULT_TEAM_ID = 'T0CADENCE';
export const DEFAULT_BOT_TOKEN = 'xoxb-0cadence-test-token';
export const DEFAULT_BOT_USER_ID = 'UCADENCEBOT';
export const DEFAULT_BOT_ID = 'BCADENCEBOT';
export const DEFAULT_APP_ID = 'A0CADENCE';
/** Not used by the emulator (it never verifies its own requests); a default for driver and bot. */
export const DEFAULT_SIGNING_SECRET = 'cadence-sandbox-signing-secret';

export const DEFAULT_PEOPLE = {
  alice: { id: 'U0ALICE', name: 'alice', realName: 'Alice Example', email: 'alice@example.com', tz: 'Europe/London' },
  bob: { id: 'U0BOB', name: 'bob', realName: 'Bob Example', email: 'bob@example.com', tz: 'America/New_York' },
  charu: { id: 'U0CHARU', name: 'charu', realName: 'Charu Example', email: 'charu@example.com', tz: 'Asia/Kolkata' },
  dana: { id: 'U0DANA', name: 'dana', realName: 'Dana Example', email: 'dana@example.com', tz: 'Australia/Sydney' },
} as const satisfies Record<string, PersonSpec>;

export function defaultWorkspace(): WorkspaceSpec {
  return {
    teamId: DEFAULT_TEAM_ID,
    name: 'Acme',
    domain: 'acme',
    botToken: DEFAULT_BOT_TOKEN,
    botUserId: DEFAULT_BOT_USER_ID,
    botId: DEFAULT_BOT_ID,
    appId: DEFAULT_APP_ID,
    botName: 'cadence',
    people: Object.values(DEFAULT_PEOPLE).map((p) => ({ ...p })),
  };
}
