import { sandboxBanner } from '../../../sandbox/web/start';
import { loadConfig, type ResolvedConfig } from '../../../src/config';

const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', DATA_DIR: 'data' });
const resolved = (localRedis?: ResolvedConfig['localRedis']): ResolvedConfig => ({
  ...config,
  databaseUrl: 'postgres://x',
  redisUrl: 'redis://127.0.0.1:6379',
  singleSessionDatabase: true,
  ...(localRedis ? { localRedis } : {}),
});

describe('the sandbox banner', () => {
  it('says when the Redis is one Cadence started, and where its files are', () => {
    const banner = sandboxBanner('http://localhost:3000', config, resolved('started'));
    expect(banner).toContain('a Redis it started on 127.0.0.1:6379 (files in data/redis');
    expect(banner).not.toContain('already running');
  });

  it('says when the Redis is one that was already running, which Cadence shares', () => {
    const banner = sandboxBanner('http://localhost:3000', config, resolved('found'));
    expect(banner).toContain('the Redis already running on 127.0.0.1:6379 (not started by Cadence');
  });

  it('says REDIS_URL when that is what it uses', () => {
    const withUrl = { ...config, redisUrl: 'redis://elsewhere:6379' };
    expect(sandboxBanner('http://localhost:3000', withUrl, resolved())).toContain('jobs: Redis at REDIS_URL');
  });
});
