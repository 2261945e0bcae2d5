import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BOT_TOKEN, DEFAULT_SIGNING_SECRET } from '../sandbox';
import { startCadence } from '../src/cadence';
import { loadConfig } from '../src/config';
import { closeRedisConnection, createRedisConnection } from '../src/jobs/connection';
import { createLogger } from '../src/lib/logger';
import { databaseUrl, withAdmin } from '../test/support/postgres';
import { deleteKeysUnder } from '../test/support/redis';
import { RemoteEmulator } from './remote-emulator';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PEOPLE = Array.from({ length: 10 }, (_, i) => `U0ACK${String(i).padStart(4, '0')}`);

export interface AckLatency {
  label: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function summarize(label: string, latencies: number[]): AckLatency {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { label, samples: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

/** A Bolt app that only acknowledges `/goal`: the floor any Slack app has on this machine. */
async function startBareBolt(apiUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const receiver = new ExpressReceiver({ signingSecret: DEFAULT_SIGNING_SECRET, logLevel: LogLevel.ERROR });
  const app = new App({ token: DEFAULT_BOT_TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: apiUrl } });
  app.command('/goal', async ({ ack }) => ack());
  const server = createServer(receiver.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * The ack round: `rounds` x `concurrency` signed `/goal` commands against Cadence (web role, on a
 * database and Redis prefix of its own, opening the New goal form after each ack) and against a
 * bare Bolt app, both in this process, one after the other. The emulator and the client sending
 * the commands run in a process of their own, so their CPU is not counted against either app.
 */
export async function ackLatencyRound(options: { concurrency: number; rounds: number }): Promise<AckLatency[]> {
  const suffix = randomBytes(4).toString('hex');
  const database = `cadence_bench_ack_${suffix}`;
  const prefix = `{bench-ack-${suffix}}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${database}`));
  const { emulator, apiUrl } = await RemoteEmulator.start({ people: PEOPLE, timezone: 'Europe/London', offsetMs: 0 });
  const config = loadConfig({
    SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN,
    SLACK_SIGNING_SECRET: DEFAULT_SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    DATABASE_URL: databaseUrl(database),
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    ROLE: 'web',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
  });
  const cadence = await startCadence(config, createLogger(config.logLevel));
  const bare = await startBareBolt(apiUrl);
  try {
    const cadenceUrl = `http://127.0.0.1:${cadence.port}/slack/events`;
    // Warm-up, not measured: everyone recorded on first sight, connections and code paths warm.
    await emulator.commands({ botUrl: cadenceUrl, command: '/goal', concurrency: PEOPLE.length, rounds: 1, modals: true });
    await emulator.commands({ botUrl: bare.url, command: '/goal', concurrency: PEOPLE.length, rounds: 1, modals: false });
    const bareLatencies = await emulator.commands({ botUrl: bare.url, command: '/goal', ...options, modals: false });
    const cadenceLatencies = await emulator.commands({ botUrl: cadenceUrl, command: '/goal', ...options, modals: true });
    return [summarize('bare Bolt app (ack only)', bareLatencies), summarize('Cadence /goal (ack, then the form)', cadenceLatencies)];
  } finally {
    await bare.stop();
    await cadence.stop();
    await emulator.stop();
    const redis = createRedisConnection(REDIS_URL, 'worker');
    await deleteKeysUnder(redis, prefix);
    await closeRedisConnection(redis);
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}
