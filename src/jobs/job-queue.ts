import type { DefaultJobOptions } from 'bullmq';
import type { Logger } from '../lib/logger';
import type { OutageLog } from '../lib/outage';
import { isRedisUnavailable } from './connection';
import { isDatabaseUnavailable } from '../db/client';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  QUEUE_NAMES,
  jobIdOf,
  parsePayload,
  type JobDefinition,
  type QueueName,
} from './job-definition';
import type { BullQueue, QueueBackend } from './queue-backend';

/**
 * Finished jobs are removed by age and count (by default BullMQ keeps them forever). A completed
 * job still blocks its id while it is kept, so re-enqueueing the same id within the hour is a
 * no-op; the Postgres ledger, not the job id, is what guarantees a send happens once.
 */
export const DEFAULT_JOB_OPTIONS = {
  attempts: DEFAULT_ATTEMPTS,
  backoff: { type: 'exponential', delay: DEFAULT_BACKOFF_MS },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const satisfies DefaultJobOptions;

/** Per-definition retry options, on top of the queue defaults. */
export function retryOptions<P>(def: JobDefinition<P>): Pick<DefaultJobOptions, 'attempts' | 'backoff'> {
  return {
    attempts: def.attempts ?? DEFAULT_ATTEMPTS,
    backoff: { type: 'exponential', delay: def.backoffMs ?? DEFAULT_BACKOFF_MS },
  };
}

const CANCELLABLE_STATES: ReadonlySet<string> = new Set(['waiting', 'delayed', 'prioritized']);
const FINISHED_STATES: ReadonlySet<string> = new Set(['failed', 'completed']);

export interface JobQueueOptions {
  /** Redis or PostgreSQL (`createQueueBackend`); the caller owns and closes it. */
  backend: QueueBackend;
  logger: Logger;
  /** Where a Redis outage is reported, once; without it every connection error is logged. */
  outages?: OutageLog;
}

export interface EnqueueResult {
  jobId: string;
  /** false when a job with this id already existed (it is left untouched, delay included). */
  added: boolean;
}

/** The only way application code puts work on a queue. */
export class JobQueue {
  private readonly queues: ReadonlyMap<QueueName, BullQueue>;
  private readonly logger: Logger;

  constructor(opts: JobQueueOptions) {
    this.logger = opts.logger.child({ component: 'job-queue' });
    this.queues = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = opts.backend.queue(name, DEFAULT_JOB_OPTIONS);
        // Without a listener an 'error' event (a Redis or PostgreSQL hiccup) would crash the process.
        queue.on('error', (err) =>
          opts.outages && (isRedisUnavailable(err) || isDatabaseUnavailable(err))
            ? opts.outages.down(opts.backend.kind === 'redis' ? 'redis' : 'postgres', err)
            : this.logger.error({ err, queue: name }, 'queue error'),
        );
        return [name, queue] as const;
      }),
    );
  }

  /** Validates the payload and adds the job under its deterministic id. */
  async enqueue<P>(def: JobDefinition<P>, payload: P, opts: { delayMs?: number } = {}): Promise<EnqueueResult> {
    const data = parsePayload(def, payload); // throws the ZodError
    const jobId = jobIdOf(def, data);
    // BullMQ answers a duplicate id with a Job object too, without saying so; the creation time
    // stored in Redis tells them apart (ours unless another add won, possibly within the same ms).
    const timestamp = Date.now();
    await this.queueFor(def.queue).add(def.name, data, {
      ...retryOptions(def),
      jobId,
      timestamp,
      delay: opts.delayMs,
    });
    const stored = await this.queueFor(def.queue).getJob(jobId);
    const added = stored === undefined || stored.timestamp === timestamp;
    if (!added) {
      this.logger.debug({ job: def.name, jobId }, 'job already exists; not added again');
    }
    return { jobId, added };
  }

  /**
   * Adds many jobs of one kind in a single round trip (BullMQ's addBulk), each validated like
   * `enqueue`. Ids that already exist are left untouched, delay included; unlike `enqueue` it does
   * not report which were new, so callers that need to know use `enqueue`.
   */
  async enqueueMany<P>(def: JobDefinition<P>, items: ReadonlyArray<{ payload: P; delayMs?: number }>): Promise<void> {
    await this.enqueueBuilt(
      def,
      items.map(({ payload, delayMs }) => ({ payload: parsePayload(def, payload), delayMs })),
    );
  }

  /**
   * `enqueueMany` for payloads our own code built from typed values (the dispatcher's nudges,
   * 10,000 in a minute): they skip the per-job JSON round trip and schema run on enqueue, and are
   * validated by the worker like every payload it reads.
   */
  async enqueueBuilt<P>(def: JobDefinition<P>, items: ReadonlyArray<{ payload: P; delayMs?: number }>): Promise<void> {
    if (items.length === 0) return;
    const timestamp = Date.now();
    const { attempts, backoff } = retryOptions(def);
    const jobs = items.map(({ payload, delayMs }) => ({ name: def.name, data: payload, opts: { attempts, backoff, jobId: jobIdOf(def, payload), timestamp, delay: delayMs } }));
    await this.queueFor(def.queue).addBulk(jobs);
  }

  /**
   * Like `enqueueMany`, for work Postgres says is still owed: a job under the same id that already
   * finished (failed, or completed without doing it) is replaced, not kept as a no-op. A job that
   * is waiting, delayed or running is left as it is.
   */
  async requeueMany<P>(def: JobDefinition<P>, items: ReadonlyArray<{ payload: P; delayMs?: number }>): Promise<void> {
    const queue = this.queueFor(def.queue);
    const ids = items.map(({ payload }) => jobIdOf(def, parsePayload(def, payload)));
    const states = await Promise.all(ids.map((id) => queue.getJobState(id)));
    const finished = ids.filter((_, i) => FINISHED_STATES.has(states[i] ?? ''));
    // remove() leaves a job alone that became active meanwhile (it holds a lock).
    await Promise.all(finished.map((id) => queue.remove(id)));
    if (finished.length > 0) this.logger.info({ job: def.name, replaced: finished.length }, 'replaced finished jobs for work still owed');
    await this.enqueueMany(def, items);
  }

  /**
   * Cancels a waiting or delayed job; returns whether one was removed. A running job holds a lock
   * and is left alone (its handler must notice the cancellation in Postgres), and so is a finished
   * one: BullMQ's remove would delete its record and free the id for a new job.
   */
  async remove<P>(def: JobDefinition<P>, payload: P): Promise<boolean> {
    const jobId = jobIdOf(def, parsePayload(def, payload));
    const queue = this.queueFor(def.queue);
    const state = await queue.getJobState(jobId);
    if (!CANCELLABLE_STATES.has(state)) return false;
    // 0 when the job became active in the meantime.
    return (await queue.remove(jobId)) === 1;
  }

  /** 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | ..., or undefined if no such job. */
  async getJobState<P>(def: JobDefinition<P>, payload: P): Promise<string | undefined> {
    const jobId = jobIdOf(def, parsePayload(def, payload));
    const state = await this.queueFor(def.queue).getJobState(jobId);
    return state === 'unknown' ? undefined : state;
  }

  /**
   * The underlying BullMQ queue, for code inside src/jobs (schedulers, metrics) and tests.
   * Application code goes through `enqueue`.
   */
  queueFor(name: QueueName): BullQueue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue "${name}"`);
    return queue;
  }

  /** Closes the queues; the connection stays open because the caller owns it. */
  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
