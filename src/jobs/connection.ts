import { Redis } from 'ioredis';
import type { Logger } from '../lib/logger';
import type { OutageLog } from '../lib/outage';

export type RedisConnectionKind = 'producer' | 'worker';

/**
 * ioredis connections for BullMQ, shaped by who uses them (docs.bullmq.io guide/connections,
 * patterns/failing-fast-when-redis-is-down):
 *
 * - producer: `enableOfflineQueue: false`, so an enqueue made while Redis is unreachable fails at
 *   once and the Slack request that caused it can answer with an error instead of hanging past
 *   Slack's 3 s deadline. BullMQ still waits for the very first connect before using it.
 * - worker: `maxRetriesPerRequest: null`, so commands wait out a reconnect instead of failing a
 *   job's bookkeeping. A BullMQ 6 Worker runs its regular commands on this client and duplicates it
 *   for its blocking fetch; `worker.close()` closes only the duplicate, so the owner quits this one.
 *
 * Pass a logger so errors of a connection no BullMQ object is listening to (before a queue opens,
 * after it closed) are logged rather than printed by ioredis to stderr, or an outage log, which
 * says once that Redis went away and once that it came back, whichever connection notices.
 */
export function createRedisConnection(url: string, kind: RedisConnectionKind, logger?: Logger | OutageLog): Redis {
  const redis =
    kind === 'worker'
      ? new Redis(url, { maxRetriesPerRequest: null })
      : // maxRetriesPerRequest 1: a command caught by a dropped socket fails after one reconnect
        // attempt instead of ioredis's default 20.
        new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  if (logger && 'down' in logger) {
    redis.on('error', (err: Error) => logger.down('redis', err));
    redis.on('ready', () => logger.up('redis'));
  } else if (logger) {
    redis.on('error', (err: Error) => logger.warn({ err, kind }, 'redis connection error'));
  }
  return redis;
}

/** ioredis's errors for a Redis it cannot reach (as opposed to a command Redis refused). */
export function isRedisUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(code)) return true;
  return typeof message === 'string' && /Connection is closed|Stream isn't writeable|connect ECONNREFUSED|read ECONNRESET|Reached the max retries/i.test(message);
}

const closing = new WeakMap<Redis, Promise<void>>();

/** How long a graceful QUIT may take before the socket is dropped (Redis may be down at shutdown). */
const QUIT_TIMEOUT_MS = 2000;

/**
 * Closes a connection in whatever state it is in and resolves once its socket is gone, so a
 * shutdown leaves nothing behind, and never hangs. Safe to call twice: the second call waits for
 * the first.
 */
export function closeRedisConnection(redis: Redis): Promise<void> {
  let done = closing.get(redis);
  if (!done) {
    done = close(redis);
    closing.set(redis, done);
  }
  return done;
}

async function close(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status !== 'ready' && redis.status !== 'connect') {
    // Never connected (lazyConnect) or waiting to reconnect: there is no one to say goodbye to,
    // and a QUIT would sit in the offline queue until Redis came back.
    redis.disconnect();
    return;
  }
  // quit() resolves on Redis's reply, before the socket closes; 'end' is the socket being gone.
  const ended = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), QUIT_TIMEOUT_MS);
  });
  const graceful = redis.quit().then(
    () => ended,
    () => {
      redis.disconnect();
      return ended;
    },
  );
  // The connection can drop mid-QUIT and start reconnecting; then 'end' never comes.
  const outcome = await Promise.race([graceful, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') redis.disconnect();
}
