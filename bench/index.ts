/**
 * `npm run bench`: 10,000 people due for a check-in nudge in the same minute, dispatched and
 * delivered by the real Cadence through the Slack emulator, on PostgreSQL and Redis on loopback.
 *
 * Round 1 delivers with no rate limit: the baseline, what the pipeline itself can do on this
 * machine. Round 2 (the next week) delivers through the emulator enforcing a chat.postMessage
 * rate, and compares the time with the minimum that rate allows. Results are ratios within this
 * run, not absolute thresholds. BENCH_PEOPLE and BENCH_RATE change the size and the rate.
 *
 * Before them, the ack round: 50 concurrent signed `/goal` commands (BENCH_ACK_CONCURRENCY), a few
 * times over (BENCH_ACK_ROUNDS), against Cadence and against a bare Bolt app that only acks, in the
 * same run; p50/p95/p99 of the time to Slack's HTTP response and Cadence's ratio to the bare app.
 * BENCH_ONLY=ack runs that round alone.
 */
import { type AckLatency, ackLatencyRound } from './ack-latency';
import { dropFollowUps, nudgeRound, type RoundResult, stopDispatcherTicks, waitUntilScheduled } from './checkin-nudges';
import { startBenchEnvironment } from './environment';
import { sampleMemory } from './memory';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 10_000);
/**
 * chat.postMessage calls a second the emulator lets through, as a token bucket holding one
 * second's worth. Slack's own is about one a second per channel (each person is their own DM
 * channel here) under a workspace-wide ceiling; 200/s keeps 10,000 DMs at under a minute.
 */
const RATE = Number(process.env.BENCH_RATE ?? 200);

// Wednesday before the first Friday, in London (GMT in March, before the clocks change).
const START = '2027-03-10T12:00:00Z';
const FIRST = { dueIso: '2027-03-12T15:00:00Z', period: '2027-03-12' };
const SECOND = { dueIso: '2027-03-19T15:00:00Z', period: '2027-03-19' };

const ACK_CONCURRENCY = Number(process.env.BENCH_ACK_CONCURRENCY ?? 50);
const ACK_ROUNDS = Number(process.env.BENCH_ACK_ROUNDS ?? 4);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(1)} ms`;

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

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

async function main(): Promise<void> {
  await ackRound();
  if (process.env.BENCH_ONLY === 'ack') return;
  console.log(`Setting up ${PEOPLE} people in Europe/London (directory sync through the emulator)...`);
  const env = await startBenchEnvironment({ count: PEOPLE, timezone: 'Europe/London', startIso: START });
  const results: RoundResult[] = [];
  let memory: { peakRssMb: number; peakHeapMb: number } | undefined;
  try {
    await waitUntilScheduled(env, FIRST.dueIso);
    await stopDispatcherTicks(env);
    const sampler = sampleMemory();
    console.log('Round 1: no rate limit (baseline)...');
    results.push(await nudgeRound(env, { label: 'baseline: no rate limit', ...FIRST }));
    await dropFollowUps(env);
    console.log(`Round 2: chat.postMessage limited to ${RATE}/s...`);
    results.push(await nudgeRound(env, { label: `chat.postMessage at ${RATE}/s`, ...SECOND, rate: RATE }));
    memory = sampler.stop();
  } finally {
    await env.teardown();
  }

  const [baseline] = results;
  const rows = [['round', 'people', 'enqueue', 'deliver', 'delivered/s', 'theoretical min', 'ratio to min', 'ratio to baseline', '429s', 'duplicates', 'losses']];
  for (const r of results) {
    rows.push([
      r.label,
      String(r.people),
      seconds(r.enqueueMs),
      seconds(r.deliverMs),
      (r.people / (r.deliverMs / 1000)).toFixed(0),
      r.theoreticalMs === undefined ? '-' : seconds(r.theoreticalMs),
      r.theoreticalMs === undefined ? '-' : `${(r.deliverMs / r.theoreticalMs).toFixed(2)}x`,
      baseline ? `${(r.deliverMs / baseline.deliverMs).toFixed(2)}x` : '-',
      String(r.rateLimited),
      String(r.duplicates),
      String(r.losses),
    ]);
  }
  console.log('');
  printTable(rows);
  console.log('');
  if (memory) console.log(`peak memory of the Cadence process (the emulator runs in a process of its own; Postgres and Redis are separate): ${memory.peakRssMb.toFixed(0)} MB RSS, ${memory.peakHeapMb.toFixed(0)} MB heap`);
  console.log('enqueue: the dispatcher recording every due period and reminder in Postgres and queueing the jobs in Redis, while the workers already deliver.');
  console.log('deliver: from the minute everyone became due until the emulator held the last nudge.');
  console.log(`theoretical min: (people - one second's burst) / rate. ratio to baseline: deliver / the no-limit round's deliver.`);
  const bad = results.filter((r) => r.duplicates > 0 || r.losses > 0);
  if (bad.length > 0) {
    console.error(`FAILED: duplicates or losses in ${bad.map((r) => r.label).join(', ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
