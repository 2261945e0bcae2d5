import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_BOT_TOKEN, DEFAULT_SIGNING_SECRET } from '../../sandbox/emulator/defaults';
import { type SlackEmulator, startSlackEmulator } from '../../sandbox/emulator/emulator';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { cadenceTestEnv } from '../support/cadence';
import { freePort } from '../support/ports';
import { createTestRedis, type TestRedis } from '../support/redis';

const root = join(__dirname, '../..');

interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm start` without npm: the same entry point, run by tsx. */
function startMain(env: NodeJS.ProcessEnv): { child: ChildProcess; exited: Promise<Exited>; output: () => string } {
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<Exited>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return { child, exited, output: () => stdout + stderr };
}

async function waitUntilReady(url: string, deadline = Date.now() + 20000): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered 200`);
}

describe('the cadence process', () => {
  it('refuses to start with half a configuration, listing every problem and no stack trace', async () => {
    const { exited } = startMain({ SLACK_BOT_TOKEN: 'xoxb-1', PORT: 'abc' });
    const { code, stderr } = await exited;
    expect(code).toBe(1);
    expect(stderr).toContain('SLACK_SIGNING_SECRET is missing');
    expect(stderr).toContain('PORT must be a port number');
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it('checks the configuration in sandbox mode too', async () => {
    const { code, stderr } = await startMain({ PORT: 'abc' }).exited;
    expect(code).toBe(1);
    expect(stderr).toContain('PORT must be a port number');
    expect(stderr).not.toContain('SLACK_BOT_TOKEN');
  });

  describe('with everything it needs', () => {
    let emulator: SlackEmulator;
    let database: TestDatabase;
    let redis: TestRedis;
    beforeAll(async () => {
      emulator = await startSlackEmulator({ rateLimits: 'off' });
      database = await createTestDatabase();
      redis = createTestRedis('process');
    });
    afterAll(async () => {
      await emulator.stop();
      await database.drop();
      await redis.cleanup();
    });

    it('serves health checks, never logs its secrets, and exits cleanly on SIGTERM', async () => {
      const port = await freePort();
      const main = startMain({ ...cadenceTestEnv({ emulator, database, redis }), PORT: String(port), LOG_LEVEL: 'debug' });
      try {
        await waitUntilReady(`http://127.0.0.1:${port}/readyz`);
        const health = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(health.status).toBe(200);
        const ready = (await (await fetch(`http://127.0.0.1:${port}/readyz`)).json()) as unknown;
        expect(ready).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
      } finally {
        main.child.kill('SIGTERM');
      }
      const { code } = await main.exited;
      expect(code).toBe(0);
      expect(main.output()).toContain('shutting down');
      expect(main.output()).not.toContain(DEFAULT_BOT_TOKEN);
      expect(main.output()).not.toContain(DEFAULT_SIGNING_SECRET);
    });

    it('without Slack credentials, starts the sandbox, prints where its page is, and serves it', async () => {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), 'cadence-process-'));
      const withoutSlack = Object.fromEntries(Object.entries(cadenceTestEnv({ emulator, database, redis })).filter(([name]) => !name.startsWith('SLACK_')));
      const main = startMain({ ...withoutSlack, PORT: String(port), DATA_DIR: dataDir });
      try {
        await waitUntilReady(`http://127.0.0.1:${port}/`);
        expect(main.output()).toContain(`Cadence sandbox: open http://localhost:${port}`);
        const page = await (await fetch(`http://127.0.0.1:${port}/`)).text();
        expect(page).toContain('Try this first');
      } finally {
        main.child.kill('SIGTERM');
      }
      expect((await main.exited).code).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('says what is wrong, without a stack trace, when the database is unreachable', async () => {
      const { exited } = startMain({
        ...cadenceTestEnv({ emulator, database, redis }),
        DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`,
        LOG_LEVEL: 'info',
      });
      const { code, stdout } = await exited;
      expect(code).toBe(1);
      expect(stdout).toContain('Cadence could not start');
      expect(stdout).toContain('ECONNREFUSED');
      expect(stdout).not.toMatch(/\\n\s+at /);
    });
  });
});
