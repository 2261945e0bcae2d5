import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { PermanentError, RateLimitedError, RunLaterError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { closeRedisConnection } from './connection';
import type { AnyJobDefinition, AnyJobHandler, QueueName } from './job-definition';
import { buildRegistry } from './registry';

export interface StartWorkersOptions {
  /**
   * Called once per Worker for a worker-kind connection, which `close()` quits. BullMQ runs the
   * worker's regular commands on it and opens a duplicate for the blocking fetch.
   */
  connection: () => Redis;
  /** Must equal the JobQueue's prefix. */
  prefix: string;
  logger: Logger;
  handlers: ReadonlyArray<AnyJobHandler>;
  /** Every job kind the app knows; startup fails unless each has exactly one handler. */
  definitions: ReadonlyArray<AnyJobDefinition>;
  /** Jobs run at once per queue. They are I/O-bound (Slack, OpenAI, Postgres). Default 5. */
  concurrency?: number;
  /** false: workers start when `worker.run()` is called (tests). Default true. */
  autorun?: boolean;
}

export interface RunningWorkers {
  workers: ReadonlyMap<QueueName, Worker<unknown, void>>;
  /** Stops fetching, waits for active jobs to finish (no timeout of its own), then disconnects. */
  close(): Promise<void>;
}

/** One Worker per queue that has handlers; each switches on the job name. */
export function startWorkers(opts: StartWorkersOptions): RunningWorkers {
  // Checked before any connection exists, so a bad registry fails boot without leaking sockets.
  const byQueue = buildRegistry(opts.definitions, opts.handlers);
  const logger = opts.logger.child({ component: 'worker' });
  const connections: Redis[] = [];
  const workers = new Map<QueueName, Worker<unknown, void>>();

  for (const [queueName, handlers] of byQueue) {
    const connection = opts.connection();
    connections.push(connection);
    const log = logger.child({ queue: queueName });
    const worker = new Worker<unknown, void>(
      queueName,
      (job, token) => runJob(job, token, handlers, log),
      {
        connection,
        prefix: opts.prefix,
        concurrency: opts.concurrency ?? 5,
        autorun: opts.autorun ?? true,
      },
    );
    // Without an 'error' listener a Redis hiccup would crash the process; BullMQ reconnects by itself.
    worker.on('error', (err) => log.error({ err }, 'worker error'));
    worker.on('failed', (job, err) => logFailure(log, job, err));
    workers.set(queueName, worker);
  }

  return {
    workers,
    async close() {
      await Promise.all([...workers.values()].map((worker) => worker.close()));
      await Promise.all(connections.map(closeRedisConnection));
    },
  };
}

/**
 * Runs one job and translates the domain's errors into BullMQ's vocabulary:
 * - unknown name or a payload the schema rejects: UnrecoverableError (retrying cannot fix data);
 * - PermanentError: UnrecoverableError, so no attempts are left to burn;
 * - RateLimitedError, RunLaterError: move this job back to the delayed set for `retryAfterMs` /
 *   `delayMs` (DelayedError tells BullMQ the move was deliberate, so it is neither a failure nor an
 *   attempt). A rate limit holds back only this job: the Slack client's pacing (slack/pacing.ts)
 *   already makes every worker wait for that workspace and method, and for nothing else;
 * - anything else: rethrown, so BullMQ retries with exponential backoff.
 */
async function runJob(
  job: Job<unknown, void>,
  token: string | undefined,
  handlers: ReadonlyMap<string, AnyJobHandler>,
  log: Logger,
): Promise<void> {
  const handler = handlers.get(job.name);
  if (!handler) {
    // A newer producer during a rolling deploy, or a job kind that was removed. The reconciler
    // re-creates anything Postgres still wants done.
    throw new UnrecoverableError(`no handler for job "${job.name}" on this worker`);
  }
  const parsed = handler.definition.schema.safeParse(job.data);
  if (!parsed.success) {
    // Issues name paths and expectations, not values, so no payload content reaches the log.
    throw new UnrecoverableError(
      `invalid payload for job "${job.name}": ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
  try {
    await handler.handle(parsed.data, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 });
  } catch (err) {
    if (err instanceof PermanentError) {
      const unrecoverable = new UnrecoverableError(err.message);
      unrecoverable.cause = err;
      throw unrecoverable;
    }
    if (err instanceof RateLimitedError || err instanceof RunLaterError) {
      const delayMs = err instanceof RateLimitedError ? err.retryAfterMs : err.delayMs;
      if (err instanceof RateLimitedError) log.debug({ job: job.name, jobId: job.id, retryAfterMs: delayMs }, 'rate limited; the job waits');
      await job.moveToDelayed(Date.now() + Math.max(1, Math.ceil(delayMs)), token);
      throw new DelayedError();
    }
    // BullMQ records err.message and needs an Error to do so.
    throw err instanceof Error ? err : new Error(String(err));
  }
}

/** The final failure is an error; one that will be retried is only a warning. */
function logFailure(log: Logger, job: Job<unknown, void> | undefined, err: Error): void {
  // BullMQ sets finishedOn only when it moves the job to 'failed' for good.
  const final = job === undefined || job.finishedOn !== undefined;
  const fields = { err, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade };
  if (final) {
    log.error(fields, 'job failed');
  } else {
    log.warn(fields, 'job failed; will retry');
  }
}
