import type { JobType } from 'bullmq';
import { DateTime } from 'luxon';
import { checkinReminderJob } from '../src/jobs/checkin.job';
import { jobIdOf, parsePayload } from '../src/jobs/job-definition';
import { DEFAULT_JOB_OPTIONS, retryOptions } from '../src/jobs/job-queue';
import type { BenchEnvironment } from './environment';

export interface DispatchResult {
  people: number;
  /** One dispatcher tick: due schedules -> periods and reminders in Postgres -> jobs in Redis. */
  tickMs: number;
  /** BullMQ's addBulk of the very jobs the tick queued, on an empty queue: the floor for the Redis half. */
  floorMs: number;
  queued: number;
}

/** Jobs per addBulk, as the dispatcher's queue adapter sends them (src/jobs/checkin-queue.ts). */
const CHUNK = 1000;

/**
 * Everyone becomes due in the same minute; one dispatcher tick is timed while the slack queue is
 * paused (so no worker competes with it for the CPU), then the same jobs are added with BullMQ's
 * addBulk alone to a queue of their own, which is as fast as they can reach Redis.
 */
export async function dispatchRound(env: BenchEnvironment, dueIso: string): Promise<DispatchResult> {
  const { deps } = env.cadence;
  const slack = deps.jobs.queueFor('slack');
  await slack.pause();
  await env.advance(Math.max(0, DateTime.fromISO(dueIso).toMillis() - env.clock.now().toMillis()));

  const start = performance.now();
  await deps.checkinSchedule.dispatchDue();
  const tickMs = performance.now() - start;
  // BullMQ's PostgreSQL backend counts what was added to a paused queue as 'paused' (Redis as
  // 'waiting'); its types leave that state out.
  const counts = await slack.getJobCounts('waiting', 'delayed', 'prioritized', 'paused' as JobType);
  const queued = Object.values(counts).reduce((sum, n) => sum + n, 0);

  const reminders = await deps.db
    .selectFrom('checkin_reminder as r')
    .innerJoin('checkin_period as p', 'p.id', 'r.period_id')
    .select(['p.person_id', 'p.period', 'r.kind', 'r.seq', 'r.due_at'])
    .where('r.state', '=', 'scheduled')
    .execute();
  const now = env.clock.now().toMillis();
  const jobs = reminders.map((r) => {
    const data = parsePayload(checkinReminderJob, { personId: r.person_id, period: r.period, kind: r.kind, seq: r.seq });
    return {
      name: checkinReminderJob.name,
      data,
      opts: { ...retryOptions(checkinReminderJob), jobId: jobIdOf(checkinReminderJob, data), timestamp: now, delay: Math.max(0, r.due_at.getTime() - now) },
    };
  });
  // On the same backend as Cadence's own queues (Redis, or PostgreSQL with QUEUE_BACKEND=postgres).
  const floor = deps.queueBackend.queue('bench-addbulk-floor', DEFAULT_JOB_OPTIONS);
  try {
    const floorStart = performance.now();
    for (let i = 0; i < jobs.length; i += CHUNK) await floor.addBulk(jobs.slice(i, i + CHUNK));
    const floorMs = performance.now() - floorStart;
    return { people: env.people.length, tickMs, floorMs, queued };
  } finally {
    await floor.close();
  }
}
