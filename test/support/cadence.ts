import { startCadence, type RunningCadence } from '../../src/cadence';
import { type Config, loadConfig } from '../../src/config';
import type { Clock } from '../../src/lib/clock';
import { createLogger } from '../../src/lib/logger';
import {
  DEFAULT_BOT_TOKEN,
  DEFAULT_SIGNING_SECRET,
  SlackDriver,
  type SlackEmulator,
  type SlackEmulatorOptions,
  startSlackEmulator,
} from '../../sandbox';
import { createTestDatabase, type TestDatabase } from './database';
import { createTestRedis, type TestRedis, waitFor } from './redis';

export interface CadenceHarness {
  cadence: RunningCadence;
  config: Config;
  emulator: SlackEmulator;
  driver: SlackDriver;
  database: TestDatabase;
  redis: TestRedis;
  /** The bot's own HTTP base URL. */
  url: string;
  stop(): Promise<void>;
}

/** The environment that points Cadence at the emulator and at one test's database and Redis prefix. */
export function cadenceTestEnv(parts: { emulator: SlackEmulator; database: TestDatabase; redis: TestRedis }): NodeJS.ProcessEnv {
  return {
    SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN,
    SLACK_SIGNING_SECRET: DEFAULT_SIGNING_SECRET,
    SLACK_API_URL: parts.emulator.apiUrl,
    DATABASE_URL: parts.database.url,
    QUEUE_BACKEND: parts.redis.kind,
    // On PostgreSQL the queues live in the test's own database, in the schema the prefix names.
    ...(parts.redis.kind === 'redis' ? { REDIS_URL: parts.redis.url } : {}),
    QUEUE_PREFIX: parts.redis.prefix,
    PORT: '0',
    // Not UTC, so a test can tell the workspace default from a hard-coded fallback.
    DEFAULT_TIMEZONE: 'Pacific/Auckland',
    LOG_LEVEL: process.env.LOG_LEVEL,
  };
}

/**
 * The real Cadence (web and worker roles) on its own database and Redis prefix, talking to the
 * Slack emulator over HTTP, with a driver that plays the people using it.
 */
export async function startCadenceHarness(
  options: { emulator?: SlackEmulatorOptions; clock?: Clock; env?: NodeJS.ProcessEnv; schedulerCheckMs?: number } = {},
): Promise<CadenceHarness> {
  const database = await createTestDatabase();
  const redis = createTestRedis('e2e');
  const emulator = await startSlackEmulator({ rateLimits: 'off', ...options.emulator });
  const config = loadConfig({ ...cadenceTestEnv({ emulator, database, redis }), ...options.env });
  const cadence = await startCadence(config, createLogger(config.logLevel), options.clock, { schedulerCheckMs: options.schedulerCheckMs });
  const url = `http://127.0.0.1:${cadence.port}`;
  const driver = new SlackDriver({ emulator, botUrl: `${url}/slack/events`, signingSecret: DEFAULT_SIGNING_SECRET });
  return {
    cadence,
    config,
    emulator,
    driver,
    database,
    redis,
    url,
    async stop() {
      await cadence.stop();
      await emulator.stop();
      await redis.cleanup();
      await database.drop();
    },
  };
}

/**
 * Makes every minute but 23:59 working time in the workspace, every day (settings an admin could pick): for tests of what a
 * message says rather than when it may arrive, whose recipients live in zones (New York, Kolkata,
 * Sydney) that share no working hour, so the wall clock they run at cannot hold a DM back.
 */
export async function openAllHours(h: CadenceHarness, workspaceId = 'T0CADENCE'): Promise<void> {
  const db = h.database.db;
  await waitFor(async () => (await db.selectFrom('workspace').select('id').where('id', '=', workspaceId).executeTakeFirst()) !== undefined, {
    timeoutMs: 15_000,
    what: `workspace ${workspaceId} to be recorded`,
  });
  await db
    .updateTable('workspace')
    .set({ working_days: [1, 2, 3, 4, 5, 6, 7], work_start: '00:00', work_end: '23:59', quiet_start: '23:59', quiet_end: '00:00' })
    .where('id', '=', workspaceId)
    .execute();
}
