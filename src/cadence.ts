import type { Config } from './config';
import { createDeps, type Deps } from './deps';
import { createRedisConnection } from './jobs/connection';
import { createJobHandlers, jobDefinitions } from './jobs';
import { startWorkers } from './jobs/worker';
import { migrateToLatest } from './db/migrate';
import type { Clock } from './lib/clock';
import type { Logger } from './lib/logger';
import { startWeb } from './web';

export interface RunningCadence {
  deps: Deps;
  /** Bound HTTP port when the web role runs. */
  port?: number;
  /** Ordered shutdown: stop taking requests, let running jobs finish, close pools. */
  stop(): Promise<void>;
}

export async function startCadence(config: Config, logger: Logger, clock?: Clock): Promise<RunningCadence> {
  const deps = createDeps(config, logger, clock);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  stops.push(() => deps.close());
  try {
    await migrateToLatest(deps.db);
    if (config.role !== 'web') {
      const workers = startWorkers({
        connection: () => createRedisConnection(config.redisUrl, 'worker', logger),
        prefix: config.queuePrefix,
        logger,
        definitions: jobDefinitions,
        handlers: createJobHandlers(deps),
      });
      stops.push(() => workers.close());
    }
    let port: number | undefined;
    if (config.role !== 'worker') {
      const web = await startWeb(deps);
      port = web.port;
      stops.push(() => web.close());
    }
    logger.info({ role: config.role }, 'Cadence started');
    return { deps, port, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
