import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import type { OffsetClock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { QUEUE_NAMES, type QueueName } from './job-definition';
import type { JobQueue } from './job-queue';

/**
 * BullMQ keeps a delayed job in a sorted set scored `dueAtMs * 0x1000 + tie-breaker` (its Lua
 * include getDelayedScore). The due time is read from there because `changeDelay` rewrites the
 * score and the delay but not the job's timestamp. test/integration/jobs/time-machine.test.ts
 * pins this down so a BullMQ upgrade that changes it fails loudly.
 */
const SCORE_FACTOR = 0x1000;

export interface DelayedJob {
  queue: QueueName;
  jobId: string;
  name: string;
  /** When BullMQ will run it, in real (system) time. */
  dueAtMs: number;
  /** Set for the jobs a job scheduler keeps queued (recurring ticks such as a dispatcher). */
  schedulerId?: string;
}

/** Work that will happen at a time on the app's clock. */
export interface ScheduledWork {
  at: DateTime;
  /** Job name or kind of work, for people: `goal-created`, `checkin-nudge`. */
  what: string;
  /**
   * The job scheduler whose tick does this work (a dispatcher), for work that waits in Postgres.
   * `runNext` runs that tick at once: BullMQ times a scheduler's next tick from its previous one,
   * so after a promotion it can be almost two intervals away, and a short jump would not reach it.
   */
  scheduler?: string;
}

/**
 * Something else that knows when it next has work to do. Delayed jobs are covered already; work
 * that waits in Postgres for a recurring dispatcher (a nudge's `next_due_at`) plugs in here, so
 * "deliver what is scheduled next" jumps to it and the dispatcher, promoted by `advance`, sends it.
 */
export interface DueSource {
  next(now: DateTime): Promise<ScheduledWork | undefined>;
}

export interface TimeMachineOptions {
  clock: OffsetClock;
  jobs: JobQueue;
  /** A connection to the Redis the queues live on (the producer connection will do). */
  redis: Redis;
  logger: Logger;
  sources?: readonly DueSource[];
}

/**
 * Moves the app's clock forward and lets production's own scheduling catch up: nothing runs here
 * but BullMQ's promote and changeDelay, so the jobs, handlers, workers and ledger at work are the
 * real ones. Invariant: a delayed job's due time on the app's clock is its real due time plus the
 * clock's offset. Advancing by d therefore promotes jobs due within d of real now and pulls every
 * later one d closer. Recurring ticks (job schedulers) are promoted too, so a dispatcher that asks
 * Postgres "who is due at clock.now()" runs at once with the new time.
 *
 * For that to hold, scheduling code reads time from the injected Clock, never SQL `now()`.
 */
export class TimeMachine {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;

  constructor(private readonly opts: TimeMachineOptions) {
    this.log = opts.logger.child({ component: 'time-machine' });
  }

  now(): DateTime {
    return this.opts.clock.now();
  }

  /** How far the app's clock runs ahead of real time. */
  get offsetMs(): number {
    return this.opts.clock.offset;
  }

  /** The earliest one-off work ahead (recurring ticks left out: they are always a minute away). */
  async next(): Promise<ScheduledWork | undefined> {
    const now = this.now();
    const offset = this.opts.clock.offset;
    const fromJobs = (await this.delayedJobs())
      .filter((job) => job.schedulerId === undefined)
      .map((job) => ({ at: DateTime.fromMillis(job.dueAtMs + offset, { zone: 'utc' }), what: job.name }));
    const fromSources = await Promise.all((this.opts.sources ?? []).map((source) => source.next(now)));
    const all = [...fromJobs, ...fromSources.filter((w): w is ScheduledWork => w !== undefined)];
    return all.reduce<ScheduledWork | undefined>((earliest, w) => (!earliest || w.at < earliest.at ? w : earliest), undefined);
  }

  /** Moves the clock forward by `ms` and releases whatever became due. */
  advance(ms: number): Promise<{ now: DateTime; released: number }> {
    return this.serially(async () => {
      this.opts.clock.advance(ms);
      const released = await this.shiftDelayed(ms);
      this.log.info({ byMs: ms, now: this.now().toISO(), released }, 'clock advanced');
      return { now: this.now(), released };
    });
  }

  /** Jumps to the next scheduled work (not back if it is overdue) and releases it. */
  async runNext(): Promise<ScheduledWork | undefined> {
    const next = await this.next();
    if (!next) return undefined;
    await this.advance(Math.max(0, next.at.toMillis() - this.now().toMillis()));
    const { scheduler } = next;
    if (scheduler) await this.serially(() => this.promoteTicks(scheduler));
    return next;
  }

  /** Every delayed job of every queue, soonest first. */
  async delayedJobs(): Promise<DelayedJob[]> {
    const found: DelayedJob[] = [];
    for (const queueName of QUEUE_NAMES) {
      const queue = this.opts.jobs.queueFor(queueName);
      const entries = await this.opts.redis.zrange(queue.keys.delayed ?? '', 0, -1, 'WITHSCORES');
      for (let i = 0; i + 1 < entries.length; i += 2) {
        const jobId = entries[i] ?? '';
        const job = await queue.getJob(jobId);
        if (!job) continue;
        found.push({
          queue: queueName,
          jobId,
          name: job.name,
          dueAtMs: Math.floor(Number(entries[i + 1]) / SCORE_FACTOR),
          ...(job.repeatJobKey ? { schedulerId: job.repeatJobKey } : {}),
        });
      }
    }
    return found.sort((a, b) => a.dueAtMs - b.dueAtMs);
  }

  private async promoteTicks(schedulerId: string): Promise<void> {
    for (const delayed of await this.delayedJobs()) {
      if (delayed.schedulerId !== schedulerId) continue;
      // It may have started meanwhile, which is what promoting it was for.
      await (await this.opts.jobs.queueFor(delayed.queue).getJob(delayed.jobId))?.promote().catch(() => undefined);
    }
  }

  private async shiftDelayed(ms: number): Promise<number> {
    let released = 0;
    for (const delayed of await this.delayedJobs()) {
      const job = await this.opts.jobs.queueFor(delayed.queue).getJob(delayed.jobId);
      if (!job) continue;
      const remaining = delayed.dueAtMs - Date.now() - ms;
      try {
        if (remaining <= 0) {
          await job.promote();
          released += 1;
        } else {
          await job.changeDelay(remaining);
        }
      } catch (error) {
        // It became due and started meanwhile: already where it should be.
        this.log.debug({ err: error, jobId: delayed.jobId }, 'delayed job moved on before it could be shifted');
      }
    }
    return released;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
