import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeRedisConnection, createRedisConnection, type RedisConnectionKind } from '../../src/jobs/connection';

/** Tests run against a real Redis (BullMQ's Lua scripts do not run on mocks). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Closeable {
  close(): Promise<void>;
}

/**
 * One test file's corner of the shared Redis. Its prefix is unique per file and hash-tagged like
 * production's (`{...}`), so files running in parallel never see each other's queues.
 */
export interface TestRedis {
  readonly url: string;
  readonly prefix: string;
  /** A connection closed by `reset()`. */
  connection(kind: RedisConnectionKind): Redis;
  /** Registers something (queue, workers, QueueEvents) for `reset()` to close; returns it. */
  track<T extends Closeable>(resource: T): T;
  /** Closes tracked resources (newest first) and connections, then deletes every key under the prefix. */
  reset(): Promise<void>;
  /** `reset()`, then closes the helper's own connection. Call in afterAll. */
  cleanup(): Promise<void>;
}

export function createTestRedis(label: string): TestRedis {
  const prefix = `{test-${label}-${randomBytes(4).toString('hex')}}`;
  const admin = createRedisConnection(TEST_REDIS_URL, 'worker');
  let resources: Closeable[] = [];
  let connections: Redis[] = [];

  const reset = async (): Promise<void> => {
    const toClose = resources.reverse();
    resources = [];
    for (const resource of toClose) await resource.close();
    await Promise.all(connections.map(closeRedisConnection));
    connections = [];
    await deleteKeysUnder(admin, prefix);
  };

  return {
    url: TEST_REDIS_URL,
    prefix,
    connection(kind) {
      const redis = createRedisConnection(TEST_REDIS_URL, kind);
      connections.push(redis);
      return redis;
    },
    track(resource) {
      resources.push(resource);
      return resource;
    },
    reset,
    async cleanup() {
      await reset();
      await closeRedisConnection(admin);
    },
  };
}

/** Deletes every key starting with `prefix` (SCAN, not KEYS, so a shared Redis is not blocked). */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  // '[', ']', '*', '?' and '\' are glob syntax in MATCH; braces are literal.
  const pattern = `${prefix.replace(/[[\]*?\\]/g, '\\$&')}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

/**
 * Polls until `check` returns a value other than undefined/false, or fails after `timeoutMs`.
 * For state that lives in Redis, where there is no event to await.
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 5000, intervalMs = 20, what = 'condition' }: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
