import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSandbox, sandboxEnv, startSandbox } from '../../sandbox/web/start';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';
import { createTestDatabase, type TestDatabase } from './database';
import { createTestRedis, type TestRedis } from './redis';

export interface SandboxHarness {
  sandbox: RunningSandbox;
  /** The page, on a free port. */
  url: string;
  dataDir: string;
  database: TestDatabase;
  redis: TestRedis;
  /** Stops the sandbox and starts it again on the same database, Redis and data folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Sandbox mode as `npm start` runs it without Slack credentials, on one test's database and Redis prefix. */
export async function startSandboxHarness(): Promise<SandboxHarness> {
  const database = await createTestDatabase();
  const redis = createTestRedis('sandbox');
  const dataDir = mkdtempSync(join(tmpdir(), 'cadence-sandbox-'));
  const config = loadConfig(
    sandboxEnv({
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: redis.prefix,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: process.env.LOG_LEVEL,
    }),
  );
  const start = () => startSandbox(config, createLogger(config.logLevel));
  const sandbox = await start();
  const harness: SandboxHarness = {
    sandbox,
    url: sandbox.url,
    dataDir,
    database,
    redis,
    async restart() {
      await harness.sandbox.stop();
      harness.sandbox = await start();
      harness.url = harness.sandbox.url;
    },
    async stop() {
      await harness.sandbox.stop();
      await redis.cleanup();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
