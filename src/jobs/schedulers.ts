import { QUEUE_NAMES, assertValidJobId, parsePayload, type JobDefinition, type QueueName } from './job-definition';
import { retryOptions, type JobQueue } from './job-queue';

/**
 * When a recurring job runs: a fixed interval, or a cron pattern evaluated in UTC. BullMQ 6 dropped
 * the `utc` flag and reads a pattern in the server's local zone unless `tz` is given, so patterns
 * always get `tz: 'UTC'`; per-person local times belong in the job, via luxon.
 */
export type RecurringTiming = { every: number; pattern?: never; tz?: never } | { pattern: string; tz?: 'UTC'; every?: never };

export type RecurringJob<P> = {
  /** Stable id: renaming it creates a new scheduler and removes the old one on the next boot. */
  schedulerId: string;
  definition: JobDefinition<P>;
  payload: P;
} & RecurringTiming;

/** A list entry whose payload type is not known statically (see AnyJobDefinition). */
export type AnyRecurringJob = RecurringJob<unknown>;

/** Ties payload to definition so P is inferred when declaring the list. */
export function recurring<P>(job: RecurringJob<P>): RecurringJob<P> {
  return job;
}

/**
 * Makes the schedulers in Redis match `jobs`, the one list of recurring work: upserts each entry
 * (atomic and idempotent in BullMQ, so concurrent boots of several replicas are safe) and removes
 * every scheduler under this prefix that the list no longer names. Call it on every boot.
 *
 * BullMQ facts worth knowing (docs guide/job-schedulers): a scheduler keeps exactly one next job
 * delayed, produces the next one only when the previous starts processing, and ignores custom job
 * ids, so its jobs get ids like `repeat:<schedulerId>:<millis>`. A new `every` scheduler runs at once.
 */
export async function upsertSchedulers(
  queue: JobQueue,
  jobs: ReadonlyArray<AnyRecurringJob>,
  options: { removeOthers?: boolean } = {},
): Promise<void> {
  const wanted = new Map<QueueName, Set<string>>(QUEUE_NAMES.map((name) => [name, new Set<string>()]));
  const prepared = jobs.map((job) => {
    // Scheduler ids become part of job ids, so the job id rules apply to them too.
    assertValidJobId(job.definition.name, job.schedulerId);
    for (const ids of wanted.values()) {
      if (ids.has(job.schedulerId)) throw new Error(`scheduler "${job.schedulerId}" is declared twice`);
    }
    wanted.get(job.definition.queue)?.add(job.schedulerId);
    return { job, data: parsePayload(job.definition, job.payload) };
  });

  for (const { job, data } of prepared) {
    const timing = job.every !== undefined ? { every: job.every } : { pattern: job.pattern, tz: 'UTC' };
    await queue.queueFor(job.definition.queue).upsertJobScheduler(job.schedulerId, timing, {
      name: job.definition.name,
      data,
      opts: retryOptions(job.definition),
    });
  }

  if (options.removeOthers === false) return;
  for (const [queueName, ids] of wanted) {
    const bullQueue = queue.queueFor(queueName);
    for (const scheduler of await bullQueue.getJobSchedulers()) {
      if (!ids.has(scheduler.key)) await bullQueue.removeJobScheduler(scheduler.key);
    }
  }
}

/**
 * Re-creates the schedulers of `jobs` that Redis no longer has (a flush, a Redis restarted without
 * its data) and leaves the others alone, so re-running it never moves a scheduler's next tick.
 * Unlike `upsertSchedulers` it removes nothing: during a rolling deploy an older replica must not
 * take away a newer one's schedulers. Returns the ids it restored.
 */
export async function restoreMissingSchedulers(queue: JobQueue, jobs: ReadonlyArray<AnyRecurringJob>): Promise<string[]> {
  const existing = new Set<string>();
  for (const name of QUEUE_NAMES) {
    for (const scheduler of await queue.queueFor(name).getJobSchedulers()) existing.add(`${name}/${scheduler.key}`);
  }
  const missing = jobs.filter((job) => !existing.has(`${job.definition.queue}/${job.schedulerId}`));
  if (missing.length > 0) await upsertSchedulers(queue, missing, { removeOthers: false });
  return missing.map((job) => job.schedulerId);
}

export interface SchedulerWatch {
  /** Checks at once (Redis just reconnected, perhaps empty) instead of at the next interval. */
  checkNow(): void;
  stop(): void;
}

/**
 * Checks every `intervalMs` that the recurring jobs still exist in Redis and restores any that do
 * not. Without it, a Redis that lost its data would silently stop every recurring job (the
 * feedback reconciler among them) until the next deploy.
 */
export function watchSchedulers(
  queue: JobQueue,
  jobs: ReadonlyArray<AnyRecurringJob>,
  options: { intervalMs: number; onRestored: (ids: string[]) => void; onError: (error: unknown) => void },
): SchedulerWatch {
  let running = false;
  let stopped = false;
  const check = () => {
    if (running || stopped) return;
    running = true;
    restoreMissingSchedulers(queue, jobs)
      .then((ids) => ids.length > 0 && options.onRestored(ids), options.onError)
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(check, options.intervalMs);
  // A check must never keep the process alive on its own.
  timer.unref();
  return {
    checkNow: check,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
