import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { DEFAULT_BOT_TOKEN, DEFAULT_SIGNING_SECRET } from '../sandbox';
import { type RunningCadence, startCadence } from '../src/cadence';
import { loadConfig } from '../src/config';
import { closeRedisConnection, createRedisConnection } from '../src/jobs/connection';
import { OffsetClock } from '../src/lib/clock';
import { createLogger } from '../src/lib/logger';
import { databaseUrl, withAdmin } from '../test/support/postgres';
import { deleteKeysUnder } from '../test/support/redis';
import { BENCH_TEAMS, benchBotToken } from './emulator-process';
import { RemoteEmulator } from './remote-emulator';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** QUEUE_BACKEND=postgres measures BullMQ's PostgreSQL backend, in a schema of the bench's database. */
const ON_POSTGRES = process.env.QUEUE_BACKEND === 'postgres';

export interface BenchEnvironment {
  cadence: RunningCadence;
  emulator: RemoteEmulator;
  clock: OffsetClock;
  /** Slack user ids of everyone in the workspace (in each workspace, when there are several). */
  people: string[];
  /** The workspaces' team ids: one, or several installed through OAuth (`workspaces`). */
  teams: string[];
  /** Moves Cadence's clock and the emulator's together. */
  advance(ms: number): Promise<void>;
  teardown(): Promise<void>;
}

/**
 * The real Cadence (worker role) on a database and a Redis prefix of its own, talking over HTTP to
 * the Slack emulator (in a child process: it stands in for Slack, whose work is not ours), whose
 * workspace holds `count` people in `timezone`. Both clocks start at `startIso` and move together
 * (`advance`). Everything is created here and removed by `teardown`.
 */
export async function startBenchEnvironment(options: {
  count: number;
  timezone: string;
  startIso: string;
  /** Cadence's chat.postMessage pacing (SLACK_POST_MESSAGE_PER_MINUTE), per workspace. */
  postMessagesPerMinute: number;
  /** More than one: Cadence in OAuth mode, every workspace installed, the same people in each. */
  workspaces?: number;
}): Promise<BenchEnvironment> {
  const workspaces = options.workspaces ?? 1;
  const teams = BENCH_TEAMS.slice(0, workspaces);
  const suffix = randomBytes(4).toString('hex');
  const database = `cadence_bench_${suffix}`;
  const prefix = ON_POSTGRES ? `bench_${suffix}` : `{bench-${suffix}}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${database}`));
  const clock = new OffsetClock(Math.max(0, DateTime.fromISO(options.startIso).toMillis() - Date.now()));

  const people = Array.from({ length: options.count }, (_, i) => `U0BENCH${String(i).padStart(6, '0')}`);
  const { emulator, apiUrl } = await RemoteEmulator.start({ people, timezone: options.timezone, offsetMs: clock.offset, workspaces });

  const credentials =
    workspaces > 1
      ? {
          SLACK_CLIENT_ID: 'bench.client',
          SLACK_CLIENT_SECRET: 'bench-client-secret',
          SLACK_STATE_SECRET: 'bench-state-secret-0123456789',
          SLACK_INSTALLATIONS_KEY: randomBytes(32).toString('hex'),
        }
      : { SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN };
  const loaded = loadConfig({
    ...credentials,
    SLACK_SIGNING_SECRET: DEFAULT_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    DATABASE_URL: databaseUrl(database),
    ...(ON_POSTGRES ? { QUEUE_BACKEND: 'postgres' } : { QUEUE_BACKEND: 'redis', REDIS_URL }),
    QUEUE_PREFIX: prefix,
    // The worker role is the one that dispatches and sends; no Slack requests come in.
    ROLE: 'worker',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    SLACK_POST_MESSAGE_PER_MINUTE: String(options.postMessagesPerMinute),
  });
  // The emulator enforces no tiers here, and pacing the start-up directory sync at Tier 2 (20
  // pages of users.list a minute) would only stretch the setup: 250 pages for 50,000 people.
  const unpaced = { perMinute: 60_000, burst: 1000 };
  const config = { ...loaded, slack: { ...loaded.slack, pacing: { ...loaded.slack.pacing, tiers: { 2: unpaced, 3: unpaced, 4: unpaced } } } };
  const cadence = await startCadence(config, createLogger(config.logLevel), clock);
  if (workspaces > 1) {
    // Installed as the OAuth redirect would store them; then everyone is recorded and scheduled.
    const { installations, people: directory, checkinSchedule } = cadence.deps;
    for (const [i, teamId] of teams.entries()) {
      const document = JSON.stringify({ team: { id: teamId }, user: { id: people[0] }, bot: { token: benchBotToken(i), scopes: [] }, tokenType: 'bot', isEnterpriseInstall: false });
      await installations?.store({ id: teamId, enterpriseId: null, isEnterpriseInstall: false, installerSlackId: null, document });
      await directory.syncDirectory(teamId);
    }
    await checkinSchedule.refresh();
  }

  return {
    cadence,
    emulator,
    clock,
    people,
    teams,
    async advance(ms) {
      clock.advance(ms);
      await emulator.advance(ms);
    },
    async teardown() {
      await cadence.stop();
      await emulator.stop();
      if (!ON_POSTGRES) {
        const redis: Redis = createRedisConnection(REDIS_URL, 'worker');
        await deleteKeysUnder(redis, prefix);
        await closeRedisConnection(redis);
      }
      // On PostgreSQL the queues' schema goes with the database.
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    },
  };
}
