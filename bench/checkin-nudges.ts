import { DateTime } from 'luxon';
import { checkinDispatcher } from '../src/jobs/checkin.job';
import type { BenchEnvironment } from './environment';

export interface RoundResult {
  label: string;
  people: number;
  /** Dispatcher: due schedules -> periods and reminders in Postgres -> jobs in Redis. */
  enqueueMs: number;
  /** From the minute everyone became due until Slack (the emulator) holds the last nudge. */
  deliverMs: number;
  /** From the first DM Slack (the emulator) received to the last: the span the workspace cap governs. */
  sendingMs: number;
  rateLimited: number;
  duplicates: number;
  losses: number;
}

const DELIVERY_TIMEOUT_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One round: everyone becomes due in the same minute (the clock jumps there), the dispatcher
 * queues the nudges, and the workers deliver them through the emulator, limited to `rate`
 * chat.postMessage calls a second when given (a token bucket whose burst is one second's worth).
 */
export async function nudgeRound(env: BenchEnvironment, options: { label: string; dueIso: string; period: string; rate?: number }): Promise<RoundResult> {
  const { cadence, emulator, clock, people } = env;
  const { deps } = cadence;
  await emulator.clearCalls();
  await emulator.setRateLimit(options.rate ? { max: options.rate, windowMs: 1000 } : null);
  await env.advance(Math.max(0, DateTime.fromISO(options.dueIso).toMillis() - clock.now().toMillis()));

  const start = performance.now();
  await deps.checkinSchedule.dispatchDue();
  const enqueueMs = performance.now() - start;

  const delivered = async () => Object.values((await emulator.stats()).delivered).reduce((sum, n) => sum + n, 0);
  const deadline = start + DELIVERY_TIMEOUT_MS;
  while ((await delivered()) < people.length && performance.now() < deadline) await sleep(100);
  const deliverMs = performance.now() - start;

  // Let anything still running finish, so a late duplicate would be counted.
  const slack = deps.jobs.queueFor('slack');
  while (Object.values(await slack.getJobCounts('waiting', 'active', 'prioritized')).some((n) => n > 0) && performance.now() < deadline) await sleep(100);

  const stats = await emulator.stats();
  const perPerson = Object.values(stats.delivered);
  const ledger = await deps.db
    .selectFrom('delivery')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('kind', '=', 'checkin-nudge')
    .where('dedupe_key', 'like', `%-${options.period}-0`)
    .groupBy('status')
    .execute();
  const sentInLedger = ledger.find((row) => row.status === 'sent')?.n ?? 0;
  const rowsInLedger = ledger.reduce((sum, row) => sum + row.n, 0);
  return {
    label: options.label,
    people: people.length,
    enqueueMs,
    deliverMs,
    sendingMs: (stats.lastAt ?? 0) - (stats.firstAt ?? 0),
    rateLimited: stats.rateLimited,
    // Slack received a second DM for someone, or the ledger holds more than one row per person.
    duplicates: perPerson.reduce((sum, n) => sum + n - 1, 0) + Math.max(0, rowsInLedger - people.length),
    // Someone Slack never received a DM for, or whose ledger row is not 'sent'.
    losses: Math.max(people.length - perPerson.length, people.length - sentInLedger),
  };
}

export interface FairnessResult {
  people: number;
  /** From the minute everyone became due until the unthrottled workspace held its last nudge. */
  otherMs: number;
  /** What its nudges take at Cadence's pace alone: people / pace. */
  pacedMs: number;
  otherDelivered: number;
  otherDuplicates: number;
  /** 429s the throttled workspace answered, and the nudges it let through (none). */
  hardRateLimited: number;
  hardDelivered: number;
}

/**
 * Two workspaces, everyone in both due in the same minute; every DM to `hard` is answered 429.
 * Times how long the other workspace's nudges take, against what its own pace allows.
 */
export async function fairnessRound(env: BenchEnvironment, options: { dueIso: string; hard: string; other: string; perMinute: number }): Promise<FairnessResult> {
  const { cadence, emulator, clock, people } = env;
  await emulator.clearCalls();
  await emulator.setRateLimit(null);
  await emulator.throttle(options.hard, 1);
  await env.advance(Math.max(0, DateTime.fromISO(options.dueIso).toMillis() - clock.now().toMillis()));

  const start = performance.now();
  await cadence.deps.checkinSchedule.dispatchDue();
  const team = async (teamId: string) => (await emulator.stats()).byTeam?.[teamId] ?? { delivered: {}, rateLimited: 0 };
  const deadline = start + DELIVERY_TIMEOUT_MS;
  while (Object.keys((await team(options.other)).delivered).length < people.length && performance.now() < deadline) await sleep(100);
  const otherMs = performance.now() - start;

  const [other, hard] = [await team(options.other), await team(options.hard)];
  const counts = Object.values(other.delivered);
  return {
    people: people.length,
    otherMs,
    pacedMs: (people.length / options.perMinute) * 60_000,
    otherDelivered: counts.length,
    otherDuplicates: counts.reduce((sum, n) => sum + n - 1, 0),
    hardRateLimited: hard.rateLimited,
    hardDelivered: Object.keys(hard.delivered).length,
  };
}

/** Waits until the start-up directory sync has recorded everyone and scheduled them all for `dueIso`. */
export async function waitUntilScheduled(env: BenchEnvironment, dueIso: string): Promise<void> {
  const due = DateTime.fromISO(dueIso).toJSDate();
  const deadline = performance.now() + 5 * 60_000;
  for (;;) {
    const row = await env.cadence.deps.db
      .selectFrom('checkin_schedule')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('next_due_at', '=', due)
      .executeTakeFirst();
    const everyone = env.people.length * env.teams.length;
    if ((row?.n ?? 0) >= everyone) return;
    if (performance.now() > deadline) throw new Error(`only ${row?.n ?? 0} of ${everyone} people were scheduled for ${dueIso}`);
    await sleep(200);
  }
}

/**
 * The bench calls the dispatcher itself, to time it; its every-minute tick would otherwise take
 * part of the work at a random moment.
 */
export async function stopDispatcherTicks(env: BenchEnvironment): Promise<void> {
  await env.cadence.deps.jobs.queueFor(checkinDispatcher.definition.queue).removeJobScheduler(checkinDispatcher.schedulerId);
}
