import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BOT_TOKEN, DEFAULT_SIGNING_SECRET } from '../sandbox';
import { startCadence } from '../src/cadence';
import { loadConfig } from '../src/config';
import { closeRedisConnection, createRedisConnection } from '../src/jobs/connection';
import { createLogger } from '../src/lib/logger';
import { databaseUrl, withAdmin } from '../test/support/postgres';
import { deleteKeysUnder } from '../test/support/redis';
import type { SendReply, SendRequest } from './command-sender';
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

/** The sender of command-sender.ts in a child process: posts bodies at once, returns each ack's time. */
function startSender(): { send(botUrl: string, bodies: string[]): Promise<number[]>; stop(): void } {
  const child = fork(join(__dirname, 'command-sender.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let next = 0;
  return {
    send: (botUrl, bodies) =>
      new Promise((resolve, reject) => {
        const id = (next += 1);
        const onReply = (reply: SendReply) => {
          if (reply.id !== id) return;
          child.off('message', onReply);
          if (reply.ok) resolve(reply.latenciesMs);
          else reject(new Error(reply.error));
        };
        child.on('message', onReply);
        child.send({ id, botUrl, bodies } satisfies SendRequest);
      }),
    stop: () => void child.kill(),
  };
}

/**
 * `rounds` times, `concurrency` signed `/goal` commands at once, each timed to its ack. With
 * `modals`, a round ends once the bot has opened a modal for every command of it, so rounds do not
 * overlap.
 */
async function commandRounds(
  emulator: RemoteEmulator,
  sender: ReturnType<typeof startSender>,
  options: { botUrl: string; concurrency: number; rounds: number; modals: boolean },
): Promise<number[]> {
  const latencies: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const opened = await emulator.viewsOpened();
    const bodies = await emulator.prepareCommands({ botUrl: options.botUrl, command: '/goal', count: options.concurrency });
    latencies.push(...(await sender.send(options.botUrl, bodies)));
    while (options.modals && (await emulator.viewsOpened()) < opened + options.concurrency) await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return latencies;
}

/**
 * The ack round: `rounds` x `concurrency` signed `/goal` commands against Cadence (web role, on a
 * database and Redis prefix of its own, opening the New goal form after each ack) and against a
 * bare Bolt app, both in this process, one after the other. The emulator and the client sending
 * the commands run in processes of their own, so their CPU is not counted against either app, and
 * the emulator's work answering views.open does not delay reading the acks.
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
  const sender = startSender();
  try {
    const cadenceUrl = `http://127.0.0.1:${cadence.port}/slack/events`;
    // Warm-up, not measured: everyone recorded on first sight, connections and code paths warm.
    await commandRounds(emulator, sender, { botUrl: cadenceUrl, concurrency: PEOPLE.length, rounds: 1, modals: true });
    await commandRounds(emulator, sender, { botUrl: bare.url, concurrency: PEOPLE.length, rounds: 1, modals: false });
    const bareLatencies = await commandRounds(emulator, sender, { botUrl: bare.url, ...options, modals: false });
    const cadenceLatencies = await commandRounds(emulator, sender, { botUrl: cadenceUrl, ...options, modals: true });
    return [summarize('bare Bolt app (ack only)', bareLatencies), summarize('Cadence /goal (ack, then the form)', cadenceLatencies)];
  } finally {
    sender.stop();
    await bare.stop();
    await cadence.stop();
    await emulator.stop();
    const redis = createRedisConnection(REDIS_URL, 'worker');
    await deleteKeysUnder(redis, prefix);
    await closeRedisConnection(redis);
    await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
  }
}
