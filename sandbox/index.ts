/**
 * The local Slack workspace emulator: a Web API the bot's WebClient talks to (`emulator.apiUrl`),
 * a driver that plays people against the bot's HTTP endpoint, and helpers to observe and wait.
 *
 *   const emulator = await startSlackEmulator();
 *   const driver = new SlackDriver({ emulator, botUrl, signingSecret });
 *   await driver.command({ user: DEFAULT_PEOPLE.alice.id, command: '/goal' });
 *   const modal = await emulator.waitForModal(DEFAULT_PEOPLE.alice.id);
 */
export { SlackEmulator, startSlackEmulator, type SlackEmulatorOptions } from './emulator/emulator';
export {
  DEFAULT_APP_ID,
  DEFAULT_BOT_ID,
  DEFAULT_BOT_TOKEN,
  DEFAULT_BOT_USER_ID,
  DEFAULT_PEOPLE,
  DEFAULT_SIGNING_SECRET,
  DEFAULT_TEAM_ID,
  defaultWorkspace,
} from './emulator/defaults';
export type { Workspace } from './emulator/workspace';
export type { Enterprise } from './emulator/enterprise';
export type { Person } from './emulator/people';
export type {
  ApiBody,
  EnterpriseSpec,
  EphemeralMessage,
  EphemeralSource,
  PersonSpec,
  RecordedCall,
  SlackMessage,
  SlackView,
  WorkspaceSpec,
} from './emulator/types';
export { SLACK_RATE_LIMITS, type RateLimitPreset, type RateLimitRule } from './emulator/rate-limits';
export type { FaultSpec } from './emulator/faults';
export { TRIGGER_TTL_MS } from './emulator/triggers';
export { RESPONSE_URL_MAX_USES, RESPONSE_URL_TTL_MS } from './emulator/response-urls';
export { MAX_MODAL_STACK } from './emulator/view-store';
export { DEFAULT_WAIT_MS, WaitTimeoutError } from './waiting';
export * from './driver';
