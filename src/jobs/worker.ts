import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { isDatabaseUnavailable } from '../db/client';
import { PermanentError, RateLimitedError, RunLaterError } from '../lib/errors';
import { inLogScope, logScopeFields } from '../lib/log-scope';
import type { Logger } from '../lib/logger';
import type { OutageLog } from '../lib/outage';
import { isRedisUnavailable } from './connection';
import type { AnyJobDefinition, AnyJobHandler, QueueName } from './job-definition';
import type { BullWorker, QueueBackend } from './queue-backend';
import { buildRegistry } from './registry';

/**
 * Jobs run at once per queue and process. Slack sends wait on the network, not the CPU, and are
 * paced (slack/pacing.ts), so more in flight keeps one slow answer from holding back the others;
 * the rest wait on Postgres, whose pool bounds them.
 */
const DEFAULT_CONCURRENCY: Record<QueueName, number> = { default: 5, slack: 50 };

/** BullMQ's errors for a running job whose keys Redis no longer has. */
const LOST_JOB = /^(Missing key for job|Missing lock for job|could not renew lock for job)/;

const POOL_BUSY = /^timeout exceeded when trying to connect$/;

/** How long a job waits for Postgres to come back before it runs again (jittered by a fifth). */
const DEPENDENCY_RETRY_MS = 5000;

export interface StartWorkersOptions {
  /** The JobQueue's backend; each Worker gets a connection of its own from it, closed by `close()`. */
  backend: QueueBackend;
  logger: Logger;
  handlers: ReadonlyArray<AnyJobHandler>;
  /** Every job kind the app knows; startup fails unless each has exactly one handler. */
  definitions: ReadonlyArray<AnyJobDefinition>;
  /** Jobs run at once per queue. Default: DEFAULT_CONCURRENCY. */
  concurrency?: number;
  /** false: workers start when `worker.run()` is called (tests). Default true. */
  autorun?: boolean;
  /** Where Postgres and Redis outages are reported (once each); without it, every error is logged. */
  outages?: OutageLog;
}

export interface RunningWorkers {
  workers: ReadonlyMap<QueueName, BullWorker>;
  /** Stops fetching, waits for active jobs to finish (no timeout of its own), then disconnects. */
  close(): Promise<void>;
}

/** One Worker per queue that has handlers; each switches on the job name. */
export function startWorkers(opts: StartWorkersOptions): RunningWorkers {
  // Checked before any connection exists, so a bad registry fails boot without leaking sockets.
  const byQueue = buildRegistry(opts.definitions, opts.handlers);
  const logger = opts.logger.child({ component: 'worker' });
  const closers: Array<() => Promise<void>> = [];
  const workers = new Map<QueueName, BullWorker>();

  for (const [queueName, handlers] of byQueue) {
    const log = logger.child({ queue: queueName });
    const running = opts.backend.worker(queueName, (job, token) => inLogScope(() => runJob(job, token, handlers, log, opts.outages).catch(rememberWorkspace)), {
      concurrency: opts.concurrency ?? DEFAULT_CONCURRENCY[queueName],
      autorun: opts.autorun ?? true,
    });
    const { worker } = running;
    closers.push(() => running.close());
    // Without an 'error' listener a connection hiccup would crash the process; BullMQ reconnects by itself.
    worker.on('error', (err) => {
      if (opts.outages && isRedisUnavailable(err)) opts.outages.down(opts.backend.kind === 'redis' ? 'redis' : 'postgres', err);
      // A job Redis lost while it ran (a flush, a restart without data): Postgres still owes the
      // work and the reconciler queues it again, so one line per lost job would only be noise.
      else if (LOST_JOB.test(err.message)) log.debug({ err }, 'a running job was lost from Redis');
      else log.error({ err }, 'worker error');
    });
    worker.on('failed', (job, err) => logFailure(log, job, err));
    workers.set(queueName, worker);
  }

  return {
    workers,
    async close() {
      await Promise.all(closers.map((close) => close()));
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
 * - Postgres unreachable: the same, a few seconds on, however long the outage lasts; the handler
 *   decides when it runs again whether the work is still worth doing;
 * - anything else: rethrown, so BullMQ retries with exponential backoff.
 */
async function runJob(
  job: Job<unknown, void>,
  token: string | undefined,
  handlers: ReadonlyMap<string, AnyJobHandler>,
  log: Logger,
  outages: OutageLog | undefined,
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
    if (isDatabaseUnavailable(err)) {
      // pg-pool says the same when all its connections are busy for a moment (a load spike): the
      // job waits all the same, but only a broken or refused connection is reported as an outage.
      if (err instanceof Error && POOL_BUSY.test(err.message)) log.debug({ err, job: job.name, jobId: job.id }, 'no Postgres connection free in time; job waits');
      else if (outages) outages.down('postgres', err);
      else log.warn({ err, job: job.name, jobId: job.id }, 'postgres unavailable; job waits');
      await job.moveToDelayed(Date.now() + Math.round(DEPENDENCY_RETRY_MS * (0.8 + 0.4 * Math.random())), token);
      throw new DelayedError();
    }
    // BullMQ records err.message and needs an Error to do so.
    throw err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * The workspace a failed job was working for, by its error: BullMQ reports the failure after the
 * job's log scope has ended, and the line must still name the workspace.
 */
const failedIn = new WeakMap<object, string>();

function rememberWorkspace(err: unknown): never {
  const { workspace } = logScopeFields();
  if (workspace !== undefined && typeof err === 'object' && err !== null) failedIn.set(err, workspace);
  throw err;
}

/** The final failure is an error; one that will be retried is only a warning. */
function logFailure(log: Logger, job: Job<unknown, void> | undefined, err: Error): void {
  // BullMQ sets finishedOn only when it moves the job to 'failed' for good.
  const final = job === undefined || job.finishedOn !== undefined;
  const fields = { err, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade, workspace: failedIn.get(err) };
  if (final) {
    log.error(fields, 'job failed');
  } else {
    log.warn(fields, 'job failed; will retry');
  }
}
