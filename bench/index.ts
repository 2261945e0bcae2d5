/**
 * `npm run bench`: 10,000 people due for a check-in nudge in the same minute, dispatched and
 * delivered by the real Cadence through the Slack emulator, on PostgreSQL and Redis on loopback.
 *
 * Round 1 delivers with no rate limit: the baseline, what the pipeline itself can do on this
 * machine. Round 2 (the next week) delivers through the emulator enforcing a chat.postMessage
 * rate, and compares the time with the minimum that rate allows. Results are ratios within this
 * run, not absolute thresholds. BENCH_PEOPLE and BENCH_RATE change the size and the rate.
 */
import { dropFollowUps, nudgeRound, type RoundResult, stopDispatcherTicks, waitUntilScheduled } from './checkin-nudges';
import { startBenchEnvironment } from './environment';
import { sampleMemory } from './memory';
import { printTable } from './table';

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

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
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
