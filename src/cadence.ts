import type { Config } from './config';
import { createDeps, type Deps } from './deps';
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
  /** How often a worker checks that the recurring jobs still exist in the queues; default a minute. */
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
  // The embedded database, a local Redis or the PostgreSQL queue backend when URLs are unset; stopped last.
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
    // After a key rotation, every installation is sealed with the new key before the old one goes.
    await deps.installations?.reseal();
    if (options.alongside) stops.push(await options.alongside(deps));
    if (config.role !== 'web') {
      const workers = startWorkers({
        backend: deps.queueBackend,
        logger,
        outages: deps.outages,
        definitions: jobDefinitions,
        handlers: createJobHandlers(deps),
      });
      stops.push(() => workers.close());
      await upsertSchedulers(deps.jobs, recurringJobs);
      // The queue backend may lose its data while Cadence runs (a Redis flushed or restarted empty);
      // recurring jobs (the feedback reconciler among them) come back by themselves.
      const watch = watchSchedulers(deps.jobs, recurringJobs, {
        intervalMs: options.schedulerCheckMs ?? SCHEDULER_CHECK_MS,
        onRestored: (ids) => logger.warn({ schedulers: ids }, 'recurring jobs were missing from the queues and have been restored'),
        onError: (error) => logger.warn({ err: error }, 'could not check the recurring jobs in the queues'),
      });
      // A Redis restarted empty gets its schedulers back as soon as the connection is ready again.
      const unsubscribe = deps.queueBackend.onReconnect(() => watch.checkNow());
      stops.push(async () => {
        unsubscribe();
        watch.stop();
      });
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
