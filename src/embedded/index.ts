import { join } from 'node:path';
import type { Config, ResolvedConfig } from '../config';
import type { Logger } from '../lib/logger';
import { startEmbeddedPostgres } from './postgres';
import { DEFAULT_REDIS_URL, ensureRedis } from './redis';

export interface Services {
  config: ResolvedConfig;
  /** Stops what was started here (the embedded database, a redis-server); never an outside server. */
  stop(): Promise<void>;
}

/**
 * The embedded defaults, so Cadence runs with nothing installed but Node and Redis: DATABASE_URL
 * unset means PGlite under DATA_DIR; REDIS_URL unset means Redis on 127.0.0.1:6379, started from
 * the PATH if nothing answers there.
 */
export async function resolveServices(config: Config, logger: Logger): Promise<Services> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  try {
    // Redis first: when it is missing, say so before spending seconds on a new database.
    let redisUrl = config.redisUrl;
    let localRedis: ResolvedConfig['localRedis'];
    if (redisUrl === undefined) {
      const redis = await ensureRedis(DEFAULT_REDIS_URL, join(config.dataDir, 'redis'), logger);
      stops.push(() => redis.stop());
      redisUrl = redis.url;
      localRedis = redis.started ? 'started' : 'found';
    }
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === undefined) {
      const embedded = await startEmbeddedPostgres(join(config.dataDir, 'postgres'), logger);
      stops.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }
    const singleSessionDatabase = config.databaseUrl === undefined;
    return { config: { ...config, databaseUrl, redisUrl, singleSessionDatabase, ...(localRedis ? { localRedis } : {}) }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
