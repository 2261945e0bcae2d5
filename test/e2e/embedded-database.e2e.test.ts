import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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

const alice = DEFAULT_PEOPLE.alice.id;

/**
 * DATABASE_URL and REDIS_URL unset, QUEUE_BACKEND=postgres: the same migrations, the /goal slice and
 * its queued confirmation DM on the embedded PostgreSQL server alone, which also holds the queues.
 */
describe('Cadence on its embedded database, queues included', () => {
  let emulator: SlackEmulator;
  let dataDir: string;
  let cadence: RunningCadence | undefined;

  const start = async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN,
      SLACK_SIGNING_SECRET: DEFAULT_SIGNING_SECRET,
      SLACK_API_URL: emulator.apiUrl,
      QUEUE_BACKEND: 'postgres',
      DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL,
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    const running = await startCadence(config, createLogger(config.logLevel));
    const driver = new SlackDriver({ emulator, botUrl: `http://127.0.0.1:${running.port}/slack/events`, signingSecret: DEFAULT_SIGNING_SECRET });
    return { running, driver };
  };

  beforeAll(async () => {
    // The PostgreSQL binaries' package is an ES module, loaded with import(), which Jest's module
    // sandbox allows only with this flag.
    if (typeof (vm as { SourceTextModule?: unknown }).SourceTextModule !== 'function') {
      throw new Error('Run this test through `npm test`, which starts Jest with node --experimental-vm-modules.');
    }
    emulator = await startSlackEmulator({ rateLimits: 'off' });
    dataDir = mkdtempSync(join(tmpdir(), 'cadence-embedded-'));
    // As root, PostgreSQL runs as the postgres user, which must be able to enter the folder.
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    await cadence?.stop();
    await emulator.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('applies every migration and runs /goal: form, inline error, saved goal, DM and list', async () => {
    const started = await start();
    cadence = started.running;
    const { driver } = started;
    const { db } = cadence.deps;
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    expect(cadence.deps.config.queueBackend).toBe('postgres');

    await driver.command({ user: alice, command: '/goal' });
    await emulator.waitForModal(alice, (v) => v.callback_id === 'goal_new');
    const invalid = await driver.submitView({ user: alice, values: { [GoalBlock.Title]: '  ' }, skipClientValidation: true });
    expect(invalid.body).toEqual({ response_action: 'errors', errors: { [GoalBlock.Title]: 'Give your goal a title.' } });

    const target = DateTime.now().setZone(DEFAULT_PEOPLE.alice.tz).plus({ days: 30 }).toISODate()!;
    const saved = await driver.submitView({ user: alice, values: { [GoalBlock.Title]: 'Run on embedded PostgreSQL', [GoalBlock.TargetDate]: target } });
    expect(saved.outcome.kind).toBe('closed');
    await emulator.waitForDm(alice, (m) => m.text.includes('Run on embedded PostgreSQL'));
    const goal = await db.selectFrom('goal').select(['title', 'target_date']).executeTakeFirstOrThrow();
    // The same type parsers as on a PostgreSQL server: a date stays the calendar day it is.
    expect(goal).toEqual({ title: 'Run on embedded PostgreSQL', target_date: target });

    await driver.command({ user: alice, command: '/goal', text: 'list' });
    await emulator.waitForEphemeral(alice, (m) => JSON.stringify(m.blocks).includes('Run on embedded PostgreSQL'));
  });

  it('refuses a second Cadence on the same files with a clear message', async () => {
    // PostgreSQL's own lock on its data directory.
    await expect(start()).rejects.toThrow(/could not start[\s\S]*postmaster\.pid/);
  });

  it('keeps its data across a restart', async () => {
    await cadence?.stop();
    cadence = undefined;
    const { running } = await start();
    cadence = running;
    const titles = await running.deps.db.selectFrom('goal').select('title').execute();
    expect(titles).toEqual([{ title: 'Run on embedded PostgreSQL' }]);
  });
});
