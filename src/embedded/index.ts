import { join } from 'node:path';
import { type Config, isSchemaName, type ResolvedConfig } from '../config';
import type { Logger } from '../lib/logger';
import { embeddedPostgresDir, startEmbeddedPostgres } from './postgres';
import { DEFAULT_REDIS_URL, ensureRedis, RedisMissingError } from './redis';

export interface Services {
  config: ResolvedConfig;
  /** Stops what was started here (the embedded database, a redis-server); never an outside server. */
  stop(): Promise<void>;
}

/**
 * The defaults that let Cadence run with nothing installed but Node:
 * - DATABASE_URL unset: a PostgreSQL server of Cadence's own under DATA_DIR (src/embedded/postgres.ts);
 * - the queues on Redis (REDIS_URL, else 127.0.0.1:6379, started from the PATH if nothing answers)
 *   unless QUEUE_BACKEND says postgres, or it is unset and so are REDIS_URL and DATABASE_URL and no
 *   Redis can be had: then on the embedded PostgreSQL too, which needs no second server.
 */
export async function resolveServices(config: Config, logger: Logger): Promise<Services> {
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  try {
    let queueBackend = config.queueBackend ?? 'redis';
    let redisUrl = queueBackend === 'redis' ? config.redisUrl : undefined;
    let localRedis: ResolvedConfig['localRedis'];
    // Redis first: when it is missing, say so before spending seconds on a new database.
    if (queueBackend === 'redis' && redisUrl === undefined) {
      const mayFallBack = config.queueBackend === undefined && config.databaseUrl === undefined;
      try {
        const redis = await ensureRedis(DEFAULT_REDIS_URL, join(config.dataDir, 'redis'), logger);
        stops.push(() => redis.stop());
        redisUrl = redis.url;
        localRedis = redis.started ? 'started' : 'found';
      } catch (error) {
        if (!(mayFallBack && error instanceof RedisMissingError)) throw error;
        logger.info('no Redis on this machine: the job queues run on the embedded PostgreSQL (set QUEUE_BACKEND or REDIS_URL to choose)');
        queueBackend = 'postgres';
      }
    }
    if (queueBackend === 'postgres' && !isSchemaName(config.queuePrefix)) {
      throw new Error(`QUEUE_PREFIX "${config.queuePrefix}" cannot name the PostgreSQL schema of the queues; use lower-case letters, digits and _`);
    }
    let databaseUrl = config.databaseUrl;
    if (databaseUrl === undefined) {
      const embedded = await startEmbeddedPostgres(embeddedPostgresDir(config.dataDir), logger);
      stops.push(() => embedded.stop());
      databaseUrl = embedded.url;
    }
    return {
      config: {
        ...config,
        databaseUrl,
        queueBackend,
        embeddedDatabase: config.databaseUrl === undefined,
        ...(redisUrl !== undefined ? { redisUrl } : {}),
        ...(localRedis ? { localRedis } : {}),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
