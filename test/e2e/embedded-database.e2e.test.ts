import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { migrations } from '../../db/migrations';
import { DEFAULT_BOT_TOKEN, DEFAULT_PEOPLE, DEFAULT_SIGNING_SECRET, SlackDriver, type SlackEmulator, startSlackEmulator } from '../../sandbox';
import { type RunningCadence, startCadence } from '../../src/cadence';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';
import { GoalBlock } from '../../src/views/ids';
import { createTestRedis, type TestRedis } from '../support/redis';

const alice = DEFAULT_PEOPLE.alice.id;

/** DATABASE_URL unset: the same migrations and the /goal slice on the embedded PostgreSQL (PGlite). */
describe('Cadence on its embedded database', () => {
  let emulator: SlackEmulator;
  let redis: TestRedis;
  let dataDir: string;
  let cadence: RunningCadence | undefined;

  const start = async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN,
      SLACK_SIGNING_SECRET: DEFAULT_SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL,
    });
    expect(config.databaseUrl).toBeUndefined();
    const running = await startCadence(config, createLogger(config.logLevel));
    const driver = new SlackDriver({ emulator, botUrl: `http://127.0.0.1:${running.port}/slack/events`, signingSecret: DEFAULT_SIGNING_SECRET });
    return { running, driver };
  };

  beforeAll(async () => {
    // PGlite loads parts of itself with import(), which Jest's module sandbox allows only with this flag.
    if (typeof (vm as { SourceTextModule?: unknown }).SourceTextModule !== 'function') {
      throw new Error('Run this test through `npm test`, which starts Jest with node --experimental-vm-modules.');
    }
    emulator = await startSlackEmulator({ rateLimits: 'off' });
    redis = createTestRedis('pglite');
    dataDir = mkdtempSync(join(tmpdir(), 'cadence-pglite-'));
  });
  afterAll(async () => {
    await cadence?.stop();
    await emulator.stop();
    await redis.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every migration and runs /goal: form, inline error, saved goal, DM and list', async () => {
    const started = await start();
    cadence = started.running;
    const { driver } = started;
    const { db } = cadence.deps;
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());

    await driver.command({ user: alice, command: '/goal' });
    await emulator.waitForModal(alice, (v) => v.callback_id === 'goal_new');
    const invalid = await driver.submitView({ user: alice, values: { [GoalBlock.Title]: '  ' }, skipClientValidation: true });
    expect(invalid.body).toEqual({ response_action: 'errors', errors: { [GoalBlock.Title]: 'Give your goal a title.' } });

    const target = DateTime.now().setZone(DEFAULT_PEOPLE.alice.tz).plus({ days: 30 }).toISODate()!;
    const saved = await driver.submitView({ user: alice, values: { [GoalBlock.Title]: 'Run on PGlite', [GoalBlock.TargetDate]: target } });
    expect(saved.outcome.kind).toBe('closed');
    await emulator.waitForDm(alice, (m) => m.text.includes('Run on PGlite'));
    const goal = await db.selectFrom('goal').select(['title', 'target_date']).executeTakeFirstOrThrow();
    // The same type parsers as on a PostgreSQL server: a date stays the calendar day it is.
    expect(goal).toEqual({ title: 'Run on PGlite', target_date: target });

    await driver.command({ user: alice, command: '/goal', text: 'list' });
    await emulator.waitForEphemeral(alice, (m) => JSON.stringify(m.blocks).includes('Run on PGlite'));
  });

  it('refuses a second Cadence on the same files with a clear message', async () => {
    await expect(start()).rejects.toThrow(/in use by another Cadence process/);
  });

  it('keeps its data across a restart', async () => {
    await cadence?.stop();
    cadence = undefined;
    const { running } = await start();
    cadence = running;
    const titles = await running.deps.db.selectFrom('goal').select('title').execute();
    expect(titles).toEqual([{ title: 'Run on PGlite' }]);
  });
});
