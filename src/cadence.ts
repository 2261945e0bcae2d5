import type { Config } from './config';
import { createDeps, type Deps } from './deps';
import { createRedisConnection } from './jobs/connection';
import { createJobHandlers, jobDefinitions, recurringJobs } from './jobs';
import { directorySyncJob } from './jobs/directory-sync.job';
import { upsertSchedulers, watchSchedulers } from './jobs/schedulers';
import { startWorkers } from './jobs/worker';
import { migrateToLatest } from './db/migrate';
import { resolveServices } from './embedded';
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

export interface CadenceOptions {
  /** How often a worker checks that the recurring jobs still exist in Redis; default a minute. */
  schedulerCheckMs?: number;
  /**
   * Something that lives beside Cadence on its database (the sandbox's conversations): started once
   * the database is migrated, before any worker or request can reach Slack; the stop it returns runs
   * after the workers and the web role have stopped, before the database closes.
   */
  alongside?: (deps: Deps) => Promise<() => Promise<void>>;
}

const SCHEDULER_CHECK_MS = 60_000;

export async function startCadence(loaded: Config, logger: Logger, clock?: Clock, options: CadenceOptions = {}): Promise<RunningCadence> {
  // The embedded database and a local Redis when their URLs are unset; stopped last.
  const services = await resolveServices(loaded, logger);
  const config = services.config;
  const deps = createDeps(config, logger, clock);
  const stops: Array<() => Promise<void>> = [];
  let stopping: Promise<void> | undefined;
  // Newest first; a failing step must not leave the pools after it open.
  const stop = () =>
    (stopping ??= (async () => {
      const failures: unknown[] = [];
      for (const step of [...stops].reverse()) await step().catch((error: unknown) => failures.push(error));
      if (failures.length > 0) throw new AggregateError(failures, 'Cadence did not stop cleanly');
    })());
  stops.push(() => services.stop(), () => deps.close());
  try {
    await migrateToLatest(deps.db);
    if (options.alongside) stops.push(await options.alongside(deps));
    if (config.role !== 'web') {
      const workers = startWorkers({
        connection: () => createRedisConnection(config.redisUrl, 'worker', logger),
        prefix: config.queuePrefix,
        logger,
        definitions: jobDefinitions,
        handlers: createJobHandlers(deps),
      });
      stops.push(() => workers.close());
      await upsertSchedulers(deps.jobs, recurringJobs);
      // Redis may lose its data while Cadence runs; recurring jobs (the feedback reconciler among them) come back by themselves.
      const watch = watchSchedulers(deps.jobs, recurringJobs, {
        intervalMs: options.schedulerCheckMs ?? SCHEDULER_CHECK_MS,
        onRestored: (ids) => logger.warn({ schedulers: ids }, 'recurring jobs were missing from Redis and have been restored'),
        onError: (error) => logger.warn({ err: error }, 'could not check the recurring jobs in Redis'),
      });
      stops.push(async () => watch.stop());
      // Know everyone from the start, not only from the first daily run.
      await deps.jobs.enqueue(directorySyncJob, {});
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
