import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ensureRedis, REDIS_MISSING } from '../../../src/embedded/redis';
import { createLogger } from '../../../src/lib/logger';
import { freePort } from '../../support/ports';

const logger = createLogger('silent');

/** Whether connecting is refused (a plain socket: ioredis would keep a connect timer alive). */
function refused(url: string): Promise<boolean> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

describe('ensureRedis', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cadence-redis-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses a Redis that already answers, says it did not start it, and leaves it running', async () => {
    const redis = await ensureRedis('redis://127.0.0.1:6379', dir, logger);
    expect(redis.started).toBe(false);
    await redis.stop();
    const client = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 0 });
    await expect(client.ping()).resolves.toBe('PONG');
    client.disconnect();
  });

  it('starts redis-server when nothing answers, with its files in the data folder, and stops it', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const redis = await ensureRedis(url, dir, logger);
    expect(redis.started).toBe(true);
    const client = new Redis(url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      expect(await client.ping()).toBe('PONG');
      expect(await client.config('GET', 'dir')).toEqual(['dir', dir]);
      expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    } finally {
      client.disconnect();
      await redis.stop();
    }
    await expect(refused(url)).resolves.toBe(true);
  });

  it('says how to get Redis when there is none to start', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    await expect(ensureRedis(url, dir, logger, 'no-such-redis-server')).rejects.toThrow(REDIS_MISSING);
  });
});
