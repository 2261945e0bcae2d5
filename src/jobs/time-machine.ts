import type { Job } from 'bullmq';
import { DateTime } from 'luxon';
import type { OffsetClock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { QUEUE_NAMES, type QueueName } from './job-definition';
import type { JobQueue } from './job-queue';
import type { BullQueue } from './queue-backend';

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
  logger: Logger;
  sources?: readonly DueSource[];
}

/** What one move of the clock did: where it stopped, and each piece of scheduled work it reached, in due order. */
export interface ClockMove {
  now: DateTime;
  /** Delayed jobs released (promoted) on the way. */
  released: number;
  reached: ScheduledWork[];
}

/** Safety net for a step that never settles or work that never stops coming due. */
const MAX_STEPS = 10_000;
const SETTLE_TIMEOUT_MS = 60_000;
const POLL_MS = 20;

/**
 * Moves the app's clock forward and lets production's own scheduling catch up: nothing runs here
 * but BullMQ's promote and changeDelay, so the jobs, handlers, workers and ledger at work are the
 * real ones. Invariant: a delayed job's due time on the app's clock is its real due time plus the
 * clock's offset.
 *
 * A move never skips anything: it walks from one piece of scheduled work to the next in due order
 * (a delayed job, or work a dispatcher finds in Postgres), stops the clock at each one's time, lets
 * it and everything it causes run (`settle`), then looks again, until the target time. So a
 * follow-up due on Tuesday runs on Tuesday, and a Monday digest is sent on Monday, however far
 * the clock jumps. `runNext` is the same walk, stopping after its first piece of work, so "advance"
 * and "deliver what is scheduled next" cannot disagree.
 *
 * For that to hold, scheduling code reads time from the injected Clock, never SQL `now()`, and the
 * workers run in this process or keep up with it (settle waits for the queues to be idle).
 */
export class TimeMachine {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;
  /** When this machine last set each job's delay (`changeDelay` counts from that moment). */
  private readonly shifted = new Map<string, number>();

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
    const fromJobs: ScheduledWork[] = [];
    for (const name of QUEUE_NAMES) {
      const queue = this.opts.jobs.queueFor(name);
      // Delayed jobs come in due order, so a queue's first one-off job is its earliest.
      const { jobs, value: due } = await stable(queue, async (delayed) => {
        const k = delayed.findIndex((job) => !job.repeatJobKey);
        const job = delayed[k];
        return job ? ((await dueAt(queue, k, this.guessDue(job))) ?? this.guessDue(job)) : undefined;
      });
      const job = jobs.find((j) => !j.repeatJobKey);
      if (!job || due === undefined) continue;
      fromJobs.push({ at: DateTime.fromMillis(due + offset, { zone: 'utc' }), what: job.name });
    }
    const fromSources = await Promise.all((this.opts.sources ?? []).map((source) => source.next(now)));
    const all = [...fromJobs, ...fromSources.filter((w): w is ScheduledWork => w !== undefined)];
    return all.reduce<ScheduledWork | undefined>((earliest, w) => (!earliest || w.at < earliest.at ? w : earliest), undefined);
  }

  /** Moves the clock forward by `ms`, carrying out every piece of work due on the way, in due order. */
  advance(ms: number): Promise<ClockMove> {
    return this.serially(async () => {
      const target = this.now().plus(ms);
      // The offset grows by exactly `ms` (real time keeps flowing while the steps run).
      const offset = this.opts.clock.offset + ms;
      const move = await this.walk((next) => next.at <= target);
      const released = move.released + (await this.shift(Math.max(0, offset - this.opts.clock.offset)));
      await this.settle();
      this.log.info({ byMs: ms, now: this.now().toISO(), reached: move.reached.length }, 'clock advanced');
      return { now: this.now(), released, reached: move.reached };
    });
  }

  /** Jumps to the next scheduled work (not back if it is overdue), carries it out and returns it. */
  async runNext(): Promise<ScheduledWork | undefined> {
    return this.serially(async () => {
      let first = true;
      const move = await this.walk(() => {
        const take = first;
        first = false;
        return take;
      });
      return move.reached[0];
    });
  }

  /** Steps from one piece of work to the next while `wanted` says so, settling after each. */
  private async walk(wanted: (next: ScheduledWork) => boolean): Promise<Omit<ClockMove, 'now'>> {
    const reached: ScheduledWork[] = [];
    let released = 0;
    let stuck = 0;
    await this.settle();
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const next = await this.next();
      if (!next || !wanted(next)) break;
      const ahead = Math.max(0, next.at.toMillis() - this.now().toMillis());
      released += await this.shift(ahead);
      if (next.scheduler) await this.promoteTicks(next.scheduler);
      await this.settle();
      reached.push(next);
      // Work a dispatcher cannot take on (overdue and left so) must not hold the walk forever.
      stuck = ahead === 0 && next.scheduler ? stuck + 1 : 0;
      if (stuck >= 3) break;
    }
    return { released, reached };
  }

  /**
   * Waits until nothing is left to run at the clock's time: no job waiting, running or due. A
   * handler that sends is done once its job is; work it queued for later is delayed, not waiting.
   */
  async settle(): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (await this.idle()) return;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    this.log.warn({ now: this.now().toISO() }, 'jobs still running after the clock moved');
  }

  private async idle(): Promise<boolean> {
    for (const name of QUEUE_NAMES) {
      const counts = await this.opts.jobs.queueFor(name).getJobCounts('waiting', 'active', 'prioritized');
      if (Object.values(counts).some((n) => n > 0)) return false;
    }
    // The delayed jobs due by now are the first `count` in due order; recurring ticks do not count.
    const now = Date.now();
    for (const name of QUEUE_NAMES) {
      const queue = this.opts.jobs.queueFor(name);
      const due = await queue.getDelayedCount(now + 1);
      if (due > 0 && (await queue.getDelayed(0, due - 1)).some((job) => !job.repeatJobKey)) return false;
    }
    return true;
  }

  /** Every delayed job of every queue, soonest first. */
  async delayedJobs(): Promise<DelayedJob[]> {
    const found: DelayedJob[] = [];
    for (const queueName of QUEUE_NAMES) {
      const queue = this.opts.jobs.queueFor(queueName);
      // Ascending due order on both backends; the due times themselves come from dueTimes.
      const { jobs, value: due } = await stable(queue, (delayed) => dueTimes(queue, delayed.map((job) => this.guessDue(job))));
      jobs.forEach((job, i) => {
        if (job.id === undefined) return;
        found.push({
          queue: queueName,
          jobId: job.id,
          name: job.name,
          dueAtMs: due[i] ?? this.guessDue(job),
          ...(job.repeatJobKey ? { schedulerId: job.repeatJobKey } : {}),
        });
      });
    }
    return found.sort((a, b) => a.dueAtMs - b.dueAtMs);
  }

  /**
   * A job's due time as far as its fields tell: BullMQ stores the delay last set but not when it was
   * set, so this is exact for a job added with a delay and only near for one this machine or a
   * worker (run later, retry) delayed since. `dueTimes` corrects it.
   */
  private guessDue(job: Job): number {
    return (this.shifted.get(`${job.queueName}/${job.id}`) ?? job.processedOn ?? job.timestamp) + (job.delay ?? 0);
  }

  private async promoteTicks(schedulerId: string): Promise<void> {
    for (const name of QUEUE_NAMES) {
      for (const job of await this.opts.jobs.queueFor(name).getDelayed()) {
        // It may have started meanwhile, which is what promoting it was for.
        if (job.repeatJobKey === schedulerId) await job.promote().catch(() => undefined);
      }
    }
  }

  /**
   * Moves the clock by `ms` and every delayed job with it: those due within `ms` (the first ones in
   * due order) are promoted, the others get `ms` less delay. Due times are read before anything
   * moves, since both promoting and changing a delay renumber the jobs.
   */
  private async shift(ms: number): Promise<number> {
    this.opts.clock.advance(ms);
    let released = 0;
    for (const name of QUEUE_NAMES) {
      const queue = this.opts.jobs.queueFor(name);
      const cutoff = Date.now() + ms + 1;
      const {
        jobs,
        value: { releasing, dues },
      } = await stable(queue, async (delayed) => {
        const count = await queue.getDelayedCount(cutoff);
        const staying = delayed.slice(count);
        return { releasing: count, dues: ms > 0 ? await dueTimes(queue, staying.map((job) => this.guessDue(job)), count) : [] };
      });
      for (const [i, job] of jobs.entries()) {
        const key = `${name}/${job.id}`;
        try {
          if (i < releasing) {
            this.shifted.delete(key);
            await job.promote();
            released += 1;
          } else if (ms > 0) {
            const remaining = Math.max(1, (dues[i - releasing] ?? this.guessDue(job)) - Date.now() - ms);
            this.shifted.set(key, Date.now());
            await job.changeDelay(remaining);
          }
        } catch (error) {
          // It became due and started meanwhile: already where it should be.
          this.log.debug({ err: error, jobId: job.id }, 'delayed job moved on before it could be shifted');
        }
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

/** How often `stable` reads again a queue whose delayed jobs changed while it read them. */
const STABLE_ATTEMPTS = 5;

/**
 * Reads a queue's delayed jobs and, with `read`, what depends on their positions (counts, due
 * times), again if the set changed meanwhile (a worker promoted a due job or delayed one), since a
 * position read on another set would belong to another job.
 */
async function stable<T>(queue: BullQueue, read: (jobs: Job[]) => Promise<T>): Promise<{ jobs: Job[]; value: T }> {
  for (let attempt = 1; ; attempt += 1) {
    const jobs = await queue.getDelayed();
    const value = await read(jobs);
    const after = await queue.getDelayed();
    const same = after.length === jobs.length && after.every((job, i) => job.id === jobs[i]?.id);
    if (same || attempt >= STABLE_ATTEMPTS) return { jobs, value };
  }
}

/** How many counts `dueAt` spends on one job: 2^40 ms is 35 years either way of the guess. */
const MAX_PROBES = 80;
const MAX_GALLOP = 40;

/**
 * The exact due times of a queue's delayed jobs from the `first`-th on, given them in due order
 * with a guess for each.
 * BullMQ's backend-neutral `getDelayedCount(t)` counts the delayed jobs due strictly before `t`, so
 * the k-th job (0-based) is due at the least `t` with `count(t + 1) > k`. A right guess costs two
 * counts; a wrong one is corrected by galloping then bisecting. Jobs that move meanwhile (promoted
 * by a worker) keep their guess.
 */
async function dueTimes(queue: BullQueue, guesses: number[], first = 0): Promise<Array<number | undefined>> {
  const result: Array<number | undefined> = [];
  for (const [i, guess] of guesses.entries()) result.push(await dueAt(queue, first + i, guess));
  return result;
}

/** The due time of the k-th delayed job (0-based, in due order) of `queue`, searched from `guess`. */
async function dueAt(queue: BullQueue, k: number, rawGuess: number): Promise<number | undefined> {
  const countBefore = (t: number) => queue.getDelayedCount(Math.max(0, Math.round(t)));
  const guess = Math.round(rawGuess);
  // Invariant while searching: count(lo + 1) <= k < count(hi + 1).
  let lo: number | undefined;
  let hi: number | undefined;
  let probes = 0;
  if ((await countBefore(guess + 1)) > k) hi = guess;
  else lo = guess;
  for (let step = 1; (lo === undefined || hi === undefined) && probes < MAX_GALLOP; step *= 2, probes += 1) {
    const t = hi === undefined ? lo! + step : hi - step;
    if ((await countBefore(t + 1)) > k) hi = t;
    else lo = t;
  }
  while (lo !== undefined && hi !== undefined && hi - lo > 1 && probes < MAX_PROBES) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await countBefore(mid + 1)) > k) hi = mid;
    else lo = mid;
    probes += 1;
  }
  return lo !== undefined && hi !== undefined && hi - lo === 1 ? hi : undefined;
}
