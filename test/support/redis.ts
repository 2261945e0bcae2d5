import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Client } from 'pg';
import { closeRedisConnection, createRedisConnection, type RedisConnectionKind } from '../../src/jobs/connection';
import { createQueueBackend, type QueueBackend, type QueueBackendConfig } from '../../src/jobs/queue-backend';
import { adminUrl, withClient } from './postgres';

/** Tests run against a real Redis (BullMQ's Lua scripts do not run on mocks). */
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The queue backend the job tests run on: Redis, or with QUEUE_BACKEND=postgres BullMQ's
 * PostgreSQL backend (CI runs the job and delivery tests once more that way).
 */
export const TEST_QUEUE_BACKEND: QueueBackendConfig['kind'] = process.env.QUEUE_BACKEND === 'postgres' ? 'postgres' : 'redis';

interface Closeable {
  close(): Promise<void>;
}

/**
 * One test file's corner of the queue backend. On Redis its prefix is unique per file and
 * hash-tagged like production's (`{...}`); on PostgreSQL the prefix is a schema of its own in the
 * test server's `postgres` database. Either way files running in parallel never see each other's
 * queues.
 */
export interface TestRedis {
  readonly kind: QueueBackendConfig['kind'];
  /** The Redis URL (on PostgreSQL, Redis is not used and this is only what REDIS_URL would be). */
  readonly url: string;
  readonly prefix: string;
  /** A queue backend on this corner, closed by `reset()`. */
  backend(): QueueBackend;
  /** A Redis connection closed by `reset()` (Redis backend only). */
  connection(kind: RedisConnectionKind): Redis;
  /**
   * Deletes everything the queues hold (jobs, schedulers) in `backendUrl`'s corner, as a Redis
   * flush would; returns how many keys or rows went. On PostgreSQL, `databaseUrl` names the
   * database whose queue schema is wiped (an e2e test's own database); default the test server's.
   */
  wipe(databaseUrl?: string): Promise<number>;
  /** Every value the queues store, as text, to check what they hold. */
  stored(databaseUrl?: string): Promise<string[]>;
  /** Registers something (queue, workers, QueueEvents) for `reset()` to close; returns it. */
  track<T extends Closeable>(resource: T): T;
  /** Closes tracked resources (newest first) and connections, then deletes every key under the prefix. */
  reset(): Promise<void>;
  /** `reset()`, then closes the helper's own connection. Call in afterAll. */
  cleanup(): Promise<void>;
}

export function createTestRedis(label: string): TestRedis {
  const kind = TEST_QUEUE_BACKEND;
  const suffix = randomBytes(4).toString('hex');
  const prefix = kind === 'redis' ? `{test-${label}-${suffix}}` : `test_${label.replace(/[^a-z0-9]/g, '_')}_${suffix}`;
  const admin = kind === 'redis' ? createRedisConnection(TEST_REDIS_URL, 'worker') : undefined;
  let resources: Closeable[] = [];
  let connections: Redis[] = [];

  const reset = async (): Promise<void> => {
    const toClose = resources.reverse();
    resources = [];
    for (const resource of toClose) await resource.close();
    await Promise.all(connections.map(closeRedisConnection));
    connections = [];
    if (admin) await deleteKeysUnder(admin, prefix);
    else await wipeSchema(adminUrl, prefix);
  };

  return {
    kind,
    url: TEST_REDIS_URL,
    prefix,
    backend() {
      const config: QueueBackendConfig = kind === 'redis' ? { kind, url: TEST_REDIS_URL, prefix } : { kind, url: adminUrl, schema: prefix };
      const backend = createQueueBackend(config);
      resources.push(backend);
      return backend;
    },
    connection(kind) {
      const redis = createRedisConnection(TEST_REDIS_URL, kind);
      connections.push(redis);
      return redis;
    },
    wipe: (databaseUrl = adminUrl) => (admin ? deleteKeysUnder(admin, prefix) : wipeSchema(databaseUrl, prefix)),
    stored: (databaseUrl = adminUrl) => (admin ? redisValuesUnder(admin, prefix) : schemaValues(databaseUrl, prefix)),
    track(resource) {
      resources.push(resource);
      return resource;
    },
    reset,
    async cleanup() {
      await reset();
      if (admin) await closeRedisConnection(admin);
      else await withClient(adminUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${prefix} CASCADE`));
    },
  };
}

/** The queue tables of a schema BullMQ created, its own migration ledger left out. */
async function queueTables(client: Client, schema: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> 'migration'`,
    [schema],
  );
  return rows.map((row) => row.name);
}

/** Empties BullMQ's tables in `schema`, as a Redis that lost its data would be; returns the rows removed. */
async function wipeSchema(url: string, schema: string): Promise<number> {
  return withClient(url, async (client) => {
    let removed = 0;
    // One transaction, so nothing sees the queues half gone.
    await client.query('BEGIN');
    for (const table of await queueTables(client, schema)) removed += (await client.query(`DELETE FROM ${table}`)).rowCount ?? 0;
    await client.query('COMMIT');
    return removed;
  });
}

async function schemaValues(url: string, schema: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const values: string[] = [];
    for (const table of await queueTables(client, schema)) {
      const { rows } = await client.query<{ row: unknown }>(`SELECT to_jsonb(t) AS row FROM ${table} t`);
      values.push(...rows.map((r) => JSON.stringify(r.row)));
    }
    return values;
  });
}

async function redisValuesUnder(redis: Redis, prefix: string): Promise<string[]> {
  const stored: string[] = [];
  for (const key of await redis.keys(`${prefix.replace(/[[\]*?\\]/g, '\\$&')}*`)) {
    const type = await redis.type(key);
    if (type === 'string') stored.push((await redis.get(key)) ?? '');
    if (type === 'hash') stored.push(JSON.stringify(await redis.hgetall(key)));
    if (type === 'list') stored.push(JSON.stringify(await redis.lrange(key, 0, -1)));
    if (type === 'zset') stored.push(JSON.stringify(await redis.zrange(key, 0, -1)));
    if (type === 'stream') stored.push(JSON.stringify(await redis.xrange(key, '-', '+')));
  }
  return stored;
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
