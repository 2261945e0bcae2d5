import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { connect } from 'node:net';
import type { Logger } from '../lib/logger';
import { stopChild } from './child-process';

/** Where Cadence looks for Redis when REDIS_URL is unset. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const REDIS_MISSING =
  'it needs Redis, but nothing answers at 127.0.0.1:6379 and there is no redis-server on the PATH to start. ' +
  'Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`, macOS: `brew install redis`) and run `npm start` again, ' +
  'or set REDIS_URL to a Redis server.';

/** Nothing answers and there is no redis-server to start: the one case Cadence can do without Redis. */
export class RedisMissingError extends Error {
  override readonly name = 'RedisMissingError';
  constructor() {
    super(REDIS_MISSING);
  }
}

const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const PROBE_TIMEOUT_MS = 1_000;

export interface LocalRedis {
  url: string;
  /** Whether Cadence started this redis-server (false: it found one already answering). */
  started: boolean;
  /** Stops the redis-server Cadence started; nothing when it found one already running. */
  stop(): Promise<void>;
}

/**
 * Uses the Redis at `url` if one answers; otherwise starts `redis-server` from the PATH on that
 * port, bound to loopback, with its append-only file and log in `dir`, so queued and delayed jobs
 * survive a restart as the embedded database does. It runs in its own process group, so a Ctrl-C
 * in the terminal reaches Cadence alone and Cadence stops it last, after its workers.
 */
export async function ensureRedis(url: string, dir: string, logger: Logger, command = 'redis-server'): Promise<LocalRedis> {
  if (await answers(url)) return { url, started: false, stop: async () => undefined };
  const port = new URL(url).port || '6379';
  const home = resolve(dir);
  mkdirSync(home, { recursive: true });
  const child = await spawnRedis(command, home, port);
  let stopping = false;
  child.once('exit', (code, signal) => {
    if (!stopping) logger.error({ code, signal, log: `${home}/redis.log` }, 'the redis-server Cadence started has exited');
  });
  try {
    await waitUntilAnswering(url, child, home);
  } catch (error) {
    stopping = true;
    await stopChild(child, 'SIGTERM', STOP_TIMEOUT_MS);
    throw error;
  }
  logger.info({ port, dir: home }, 'started redis-server; set REDIS_URL to use another Redis');
  return {
    url,
    started: true,
    async stop() {
      stopping = true;
      await stopChild(child, 'SIGTERM', STOP_TIMEOUT_MS);
    },
  };
}

function redisArgs(dir: string, port: string): string[] {
  return [
    '--port', port,
    '--bind', '127.0.0.1',
    '--dir', dir,
    '--appendonly', 'yes',
    '--save', '',
    // BullMQ must never lose a key to eviction.
    '--maxmemory-policy', 'noeviction',
    '--logfile', 'redis.log',
    '--daemonize', 'no',
  ];
}

function spawnRedis(command: string, dir: string, port: string): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, redisArgs(dir, port), { detached: true, stdio: 'ignore' });
    child.once('spawn', () => resolvePromise(child));
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new RedisMissingError() : new Error(`could not start redis-server: ${error.message}`));
    });
  });
}

async function waitUntilAnswering(url: string, child: ChildProcess, dir: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redis-server exited at start (code ${child.exitCode ?? child.signalCode}); see ${dir}/redis.log`);
    }
    if (await answers(url)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`redis-server did not answer within ${START_TIMEOUT_MS / 1000} s; see ${dir}/redis.log`);
}

/**
 * Is a Redis there right now? One inline PING over a plain socket: no client library, so no
 * reconnects or timers left behind when nothing listens. An error reply (-NOAUTH) still means a
 * Redis answers; it is then the client's job to say what it needs.
 */
function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolvePromise) => {
    const socket = connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    const done = (result: boolean) => {
      socket.destroy();
      resolvePromise(result);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (reply: Buffer) => done(/^[+-]/.test(reply.toString('latin1'))));
  });
}

