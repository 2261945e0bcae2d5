/**
 * `npm run bench`: check-in nudges dispatched and delivered by the real Cadence through the Slack
 * emulator, on PostgreSQL and Redis on loopback (QUEUE_BACKEND=postgres: the queues on PostgreSQL
 * too). Results are ratios within this run, not absolute
 * thresholds.
 *
 * Dispatcher: everyone due in the same minute (10,000 and 50,000 people; BENCH_DISPATCH), one tick
 * timed against BullMQ's own addBulk of the same jobs, measured right after it; an untimed tick of
 * 1,000 people first, so that neither runs on code V8 has not optimized yet.
 *
 * Paced delivery: the emulator holds chat.postMessage to a Slack-like workspace cap (BENCH_CAP a
 * second, bursts of one second's worth), Cadence paces just below it (BENCH_PACE a minute), and
 * BENCH_PACED_PEOPLE nudges go out: the delivery rate against the cap, every 429, duplicate and loss.
 *
 * Before them, the ack round: 50 concurrent signed `/goal` commands (BENCH_ACK_CONCURRENCY), a few
 * times over (BENCH_ACK_ROUNDS), against Cadence and against a bare Bolt app that only acks, in the
 * same run; p50/p95/p99 of the time to Slack's HTTP response and Cadence's ratio to the bare app.
 * Two workspaces (BENCH_ONLY=workspaces; not in the default set): the same BENCH_WORKSPACE_PEOPLE
 * people in two workspaces installed through OAuth, everyone due in the same minute, and every DM
 * to the first answered 429: how long the second's nudges take, against its own pace.
 * BENCH_ONLY picks rounds (ack, dispatch, paced, workspaces; comma-separated); ack, dispatch and
 * paced by default.
 */
import { sql } from 'kysely';
import { type AckLatency, ackLatencyRound } from './ack-latency';
import { type DispatchResult, dispatchRound } from './dispatcher';
import { fairnessRound, type FairnessResult, nudgeRound, type RoundResult, stopDispatcherTicks, waitUntilScheduled } from './checkin-nudges';
import { type BenchEnvironment, startBenchEnvironment } from './environment';
import { sampleMemory } from './memory';
import { printTable } from './table';

const DISPATCH_SIZES = (process.env.BENCH_DISPATCH ?? '10000,50000').split(',').map(Number).filter((n) => n > 0);
const DISPATCH_WARM_UP = 1000;
/** The emulator's chat.postMessage cap, a second: 9/s is 540 a minute, "several hundred". */
const CAP = Number(process.env.BENCH_CAP ?? 9);
/** Cadence's pacing, a minute: just below the cap, leaving the cap's burst as headroom for jitter. */
const PACE = Number(process.env.BENCH_PACE ?? 535);
const PACED_PEOPLE = Number(process.env.BENCH_PACED_PEOPLE ?? 1000);
const WORKSPACE_PEOPLE = Number(process.env.BENCH_WORKSPACE_PEOPLE ?? 1000);
/** Pacing that never binds: the dispatcher rounds deliver nothing, and this keeps it out of the way. */
const UNPACED = 60_000;

// Wednesday before the first Friday, in London (GMT in March, before the clocks change).
const START = '2027-03-10T12:00:00Z';
const FIRST = { dueIso: '2027-03-12T15:00:00Z', period: '2027-03-12' };

const ROUNDS = new Set((process.env.BENCH_ONLY ?? 'ack,dispatch,paced').split(',').map((round) => round.trim()));

const ACK_CONCURRENCY = Number(process.env.BENCH_ACK_CONCURRENCY ?? 50);
// Ten rounds: the p99 of 500 commands rests on five of them, not on the second slowest of 200.
const ACK_ROUNDS = Number(process.env.BENCH_ACK_ROUNDS ?? 10);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(1)} ms`;

async function ackRound(): Promise<void> {
  console.log(`Ack round: ${ACK_ROUNDS} x ${ACK_CONCURRENCY} concurrent /goal commands, Cadence and a bare Bolt app...`);
  const results: AckLatency[] = await ackLatencyRound({ concurrency: ACK_CONCURRENCY, rounds: ACK_ROUNDS });
  const [bare] = results;
  const rows = [['app', 'commands', 'p50', 'p95', 'p99', 'p99 ratio to bare Bolt']];
  for (const r of results) rows.push([r.label, String(r.samples), millis(r.p50), millis(r.p95), millis(r.p99), bare ? `${(r.p99 / bare.p99).toFixed(2)}x` : '-']);
  console.log('');
  printTable(rows);
  console.log('');
  console.log('time from sending a signed command to Slack\'s HTTP response (the ack); target: Cadence p99 at most 2x the bare app\'s.');
  console.log('');
}

async function withEnvironment<T>(people: number, postMessagesPerMinute: number, run: (env: BenchEnvironment) => Promise<T>, workspaces = 1): Promise<T> {
  const backend = process.env.QUEUE_BACKEND === 'postgres' ? 'PostgreSQL (QUEUE_BACKEND=postgres)' : 'Redis';
  const where = workspaces > 1 ? `in each of ${workspaces} workspaces ` : '';
  console.log(`Setting up ${people} people ${where}in Europe/London (directory sync through the emulator); queues on ${backend}...`);
  const env = await startBenchEnvironment({ count: people, timezone: 'Europe/London', startIso: START, postMessagesPerMinute, workspaces });
  try {
    await waitUntilScheduled(env, FIRST.dueIso);
    await stopDispatcherTicks(env);
    // In production the directory sync runs long before anyone is due, and autovacuum analyzes
    // what it inserted within a minute; the bench ticks seconds after it, so it analyzes itself.
    await sql`analyze`.execute(env.cadence.deps.db);
    return await run(env);
  } finally {
    await env.teardown();
  }
}

async function dispatchRounds(): Promise<DispatchResult[]> {
  const dispatches: DispatchResult[] = [];
  // A first tick runs on code V8 has not optimized yet, while the floor, measured after it, runs
  // on code the tick warmed. A worker ticks every minute: one untimed tick of a few people first.
  console.log(`Dispatcher warm-up: ${DISPATCH_WARM_UP} people due...`);
  await withEnvironment(DISPATCH_WARM_UP, UNPACED, (env) => dispatchRound(env, FIRST.dueIso));
  for (const size of DISPATCH_SIZES) {
    dispatches.push(
      await withEnvironment(size, UNPACED, (env) => {
        console.log(`Dispatcher: ${size} people due in the same minute...`);
        return dispatchRound(env, FIRST.dueIso);
      }),
    );
  }

  console.log('');
  const dispatchRows = [['people due', 'dispatcher tick', 'addBulk floor', 'tick / floor', 'per 10,000 due', 'jobs queued']];
  for (const d of dispatches) {
    dispatchRows.push([String(d.people), seconds(d.tickMs), seconds(d.floorMs), `${(d.tickMs / d.floorMs).toFixed(2)}x`, seconds((d.tickMs / d.people) * 10_000), String(d.queued)]);
  }
  printTable(dispatchRows);
  console.log('dispatcher tick: periods, reminders and schedules written in Postgres and every nudge job added to Redis (workers paused).');
  console.log('addBulk floor: BullMQ addBulk of the same jobs (same ids, data and delays, 1,000 a call) to an empty queue, in this run.');
  console.log('');
  return dispatches;
}

async function pacedRound(): Promise<RoundResult> {
  const sampler = sampleMemory();
  const paced: RoundResult = await withEnvironment(PACED_PEOPLE, PACE, (env) => {
    console.log(`Paced delivery: emulator capped at ${CAP}/s, Cadence pacing at ${PACE}/min...`);
    return nudgeRound(env, { label: `cap ${CAP}/s (${CAP * 60}/min), paced at ${PACE}/min`, ...FIRST, rate: CAP });
  });
  const memory = sampler.stop();

  console.log('');
  // After the first DM, each further one needs a slot under the cap.
  const rate = (paced.people - 1) / (paced.sendingMs / 1000);
  const endToEnd = paced.people / (paced.deliverMs / 1000);
  printTable([
    ['round', 'people', 'enqueue', 'deliver', 'first to last DM', 'DMs/s', 'cap', 'ratio to cap', 'end to end', '429s', 'duplicates', 'losses'],
    [
      paced.label,
      String(paced.people),
      seconds(paced.enqueueMs),
      seconds(paced.deliverMs),
      seconds(paced.sendingMs),
      rate.toFixed(2),
      `${CAP}/s`,
      (rate / CAP).toFixed(3),
      (endToEnd / CAP).toFixed(3),
      String(paced.rateLimited),
      String(paced.duplicates),
      String(paced.losses),
    ],
  ]);
  console.log('deliver: from the minute everyone became due until the emulator held the last nudge.');
  console.log('DMs/s and ratio to cap: the rate at which Slack received DMs, from the first to the last, over the cap.');
  console.log('end to end: people / deliver over the cap, the dispatcher tick and the first job included.');
  console.log(`peak memory of the Cadence process during the paced round: ${memory.peakRssMb.toFixed(0)} MB RSS, ${memory.peakHeapMb.toFixed(0)} MB heap`);

  return paced;
}

async function workspacesRound(): Promise<FairnessResult> {
  const result = await withEnvironment(
    WORKSPACE_PEOPLE,
    PACE,
    (env) => {
      const [hard = '', other = ''] = env.teams;
      console.log(`Two workspaces: every DM to ${hard} answered 429 (Retry-After 1 s); ${other} paced at ${PACE}/min...`);
      return fairnessRound(env, { ...FIRST, hard, other, perMinute: PACE });
    },
    2,
  );
  console.log('');
  printTable([
    ['people each', 'other workspace delivered', 'took', 'at its pace alone', 'ratio', 'duplicates', "throttled workspace's 429s", 'throttled delivered'],
    [
      String(result.people),
      String(result.otherDelivered),
      seconds(result.otherMs),
      seconds(result.pacedMs),
      `${(result.otherMs / result.pacedMs).toFixed(2)}x`,
      String(result.otherDuplicates),
      String(result.hardRateLimited),
      String(result.hardDelivered),
    ],
  ]);
  console.log("took: from the minute everyone became due until the other workspace held its last nudge; target: close to 1x its pace alone.");
  console.log('');
  return result;
}

async function main(): Promise<void> {
  if (ROUNDS.has('ack')) await ackRound();
  const dispatches: DispatchResult[] = ROUNDS.has('dispatch') ? await dispatchRounds() : [];
  const paced = ROUNDS.has('paced') ? await pacedRound() : undefined;
  const fairness = ROUNDS.has('workspaces') ? await workspacesRound() : undefined;
  if (
    (paced && (paced.duplicates > 0 || paced.losses > 0)) ||
    dispatches.some((d) => d.queued !== d.people) ||
    (fairness && (fairness.otherDuplicates > 0 || fairness.otherDelivered < fairness.people || fairness.hardDelivered > 0))
  ) {
    console.error('FAILED: duplicates or losses, or a dispatcher tick that did not queue everyone');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
