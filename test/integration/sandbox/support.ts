/** Shared setup for the emulator's own tests: a quiet WebClient pointed at it and a settable clock. */
import { LogLevel, WebClient, type Logger, type WebClientOptions } from '@slack/web-api';
import type { SlackEmulator } from '../../../sandbox';
import { DEFAULT_BOT_TOKEN } from '../../../sandbox';

/** The SDK logs `[ERROR]` response lines and retries; tests assert on results instead. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

export function clientFor(emulator: SlackEmulator, options: WebClientOptions = {}, token = DEFAULT_BOT_TOKEN): WebClient {
  return new WebClient(token, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger, ...options });
}

/** A clock the test moves by hand, for expiry and rate limits without sleeping. */
export class ManualClock {
  constructor(private ms = Date.UTC(2025, 0, 15, 12, 0, 0)) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}
