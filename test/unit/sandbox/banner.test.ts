import { sandboxBanner } from '../../../sandbox/web/start';
import { loadConfig, type ResolvedConfig } from '../../../src/config';

const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATA_DIR: 'data' });
const resolved = (localRedis?: ResolvedConfig['localRedis']): ResolvedConfig => ({
  ...config,
  databaseUrl: 'postgres://127.0.0.1:5433/postgres',
  redisUrl: 'redis://127.0.0.1:6379',
  queueBackend: 'redis',
  embeddedDatabase: true,
  ...(localRedis ? { localRedis } : {}),
});

describe('the sandbox banner', () => {
  it('says when the Redis is one Cadence started, and where its files are', () => {
    const banner = sandboxBanner('http://localhost:3000', resolved('started'));
    expect(banner).toContain('jobs: a Redis it started on 127.0.0.1:6379 (files in data/redis');
    expect(banner).toContain('Data: an embedded PostgreSQL in data/postgresql');
  });

  it('says when the Redis is one that was already running, which Cadence shares', () => {
    const banner = sandboxBanner('http://localhost:3000', resolved('found'));
    expect(banner).toContain('jobs: the Redis already running on 127.0.0.1:6379 (not started by Cadence');
  });

  it('says REDIS_URL and DATABASE_URL when those are what it uses', () => {
    const banner = sandboxBanner('http://localhost:3000', { ...resolved(), embeddedDatabase: false });
    expect(banner).toContain('Data: PostgreSQL at DATABASE_URL; jobs: Redis at REDIS_URL.');
  });

  it('says when the jobs wait in the embedded PostgreSQL, so no Redis is needed', () => {
    const banner = sandboxBanner('http://localhost:3000', { ...resolved(), queueBackend: 'postgres' });
    expect(banner).toContain('Data: an embedded PostgreSQL in data/postgresql; jobs: the same embedded PostgreSQL (no Redis needed).');
  });
});
