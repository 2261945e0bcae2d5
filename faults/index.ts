/**
 * `npm run faults`: exactly-once delivery through real faults. A private PostgreSQL and Redis
 * (faults/services.ts), the Slack emulator in a process of its own behind a misbehaving proxy
 * (faults/slack-proxy.ts) and two full Cadence instances in processes of their own
 * (faults/instance.ts). Each scenario is one check-in round: everyone due in the same minute, a
 * fault during the fan-out, and then a count of what Slack received and what the ledger says.
 * `--short` (CI) runs four scenarios with fewer people. FAULTS_PEOPLE sets the size; FAULTS_ONLY
 * runs the scenarios whose name contains it.
 * Exits non-zero on any duplicate, loss, crash or round that did not finish.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { DEFAULT_BOT_TOKEN, DEFAULT_SIGNING_SECRET } from '../sandbox';
import { RemoteEmulator } from '../bench/remote-emulator';
import { createDb, type Db } from '../src/db/client';
import { OffsetClock } from '../src/lib/clock';
import type { InstanceReply, InstanceRequest } from './instance';
import { type PrivatePostgres, type PrivateRedis, startPrivatePostgres, startPrivateRedis } from './services';
import { type ProxyCounts, type ProxyFaults, SlackProxy } from './slack-proxy';

const SHORT = process.argv.includes('--short');
const PEOPLE = Number(process.env.FAULTS_PEOPLE ?? (SHORT ? 200 : 1000));
const ZONE = 'Europe/London';
const START = '2027-03-10T12:00:00Z';
const FIRST_DUE = DateTime.fromISO('2027-03-12T15:00', { zone: ZONE });
const PREFIX = '{faults}';
/** Every call waits this long at the proxy, so a fan-out lasts long enough to be hit mid-way. */
const LATENCY_MS = 300;
/** A storm lasts this long from the first DM Cadence tries to send. */
const STORM_MS = 10_000;
const ROUND_TIMEOUT_MS = 4 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One Cadence process, asked over IPC. */
class Instance {
  private next = 0;
  private readonly pending = new Map<number, (reply: InstanceReply) => void>();
  exitedUnexpectedly = false;
  private killing = false;

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    child.on('message', (reply: InstanceReply) => {
      if ('id' in reply) {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      }
    });
    child.on('exit', () => {
      if (!this.killing) this.exitedUnexpectedly = true;
    });
  }

  static async start(name: string, env: NodeJS.ProcessEnv, logFile: string): Promise<Instance> {
    const log = openSync(logFile, 'a');
    const child = fork(join(__dirname, 'instance.ts'), [], { execArgv: ['--import', 'tsx'], env, stdio: ['ignore', log, log, 'ipc'] });
    const ready = new Promise<void>((resolve, reject) => {
      child.on('message', (reply: InstanceReply) => 'type' in reply && reply.type === 'ready' && resolve());
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code} while starting; see ${logFile}`)));
    });
    const instance = new Instance(name, child);
    await ready;
    return instance;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  ask(request: Omit<Extract<InstanceRequest, { type: 'dispatch' }>, 'id'> | Omit<Extract<InstanceRequest, { type: 'advance' }>, 'id'>): Promise<void> {
    const id = (this.next += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) => ('ok' in reply && reply.ok ? resolve() : reject(new Error('error' in reply ? reply.error : 'failed'))));
      this.child.send({ id, ...request });
    });
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    this.killing = true;
    if (!this.alive) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}

interface Context {
  pg: PrivatePostgres;
  redis: PrivateRedis;
  proxy: SlackProxy;
  instances: Instance[];
  restart(index: number): Promise<void>;
}

interface Scenario {
  name: string;
  /** Before the dispatch: e.g. the proxy's storm. */
  before?(ctx: Context): void;
  /** Once a fifth of the round has been delivered. */
  midway?(ctx: Context): Promise<void>;
  /** After the count: put back what the fault took away. */
  after?(ctx: Context): Promise<void>;
  /** Both instances dispatch the same minute. */
  bothDispatch?: boolean;
  short: boolean;
}

const storm = (ctx: Context, faults: Omit<ProxyFaults, 'latencyMs' | 'forMs'>) => ctx.proxy.set({ latencyMs: LATENCY_MS, forMs: STORM_MS, ...faults });

const SCENARIOS: Scenario[] = [
  {
    name: 'Redis flushed',
    short: false,
    async midway(ctx) {
      const redis = new Redis(ctx.redis.url);
      await redis.flushall();
      redis.disconnect();
    },
  },
  {
    name: 'Redis restarted empty',
    short: true,
    async midway(ctx) {
      await ctx.redis.stop();
      await sleep(3000);
      await ctx.redis.start();
    },
  },
  {
    name: 'a worker SIGKILLed',
    short: false,
    async midway(ctx) {
      await ctx.instances[0]?.kill('SIGKILL');
    },
    async after(ctx) {
      await ctx.restart(0);
    },
  },
  {
    name: 'Postgres stopped 20 s',
    short: true,
    async midway(ctx) {
      ctx.pg.stop();
      await sleep(20_000);
      await ctx.pg.start();
    },
  },
  { name: 'Slack 429 storm', short: false, before: (ctx) => storm(ctx, { rateLimited: 0.5 }) },
  { name: 'Slack 5xx storm', short: true, before: (ctx) => storm(ctx, { unavailable: 0.1, errorAfterPost: 0.1, errorBeforePost: 0.1 }) },
  { name: 'answers held past the timeout', short: true, before: (ctx) => storm(ctx, { held: 0.2, holdMs: 7000 }) },
  { name: 'two full instances dispatching', short: false, bothDispatch: true },
];

interface Row {
  scenario: string;
  delivered: number;
  duplicates: number;
  losses: number;
  outcomeUnknown: number;
  unresolved: number;
  injected: number;
  seconds: number;
  problem?: string;
}

/** What Slack received this round and what the ledger says, per person. */
async function count(db: Db, emulator: RemoteEmulator, people: string[], period: string) {
  const stats = await emulator.stats();
  const received = people.map((id) => stats.delivered[id] ?? 0);
  const ledger = await db
    .selectFrom('delivery as d')
    .innerJoin('person as p', 'p.id', 'd.person_id')
    .select(['p.slack_user_id', 'd.status', 'd.unknown_outcomes'])
    .where('d.kind', '=', 'checkin-nudge')
    .where('d.dedupe_key', 'like', `%-${period}-0`)
    .execute();
  const followUps = await db
    .selectFrom('checkin_reminder as r')
    .innerJoin('checkin_period as p', 'p.id', 'r.period_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.period', '=', period)
    .where('r.kind', '=', 'follow_up')
    .executeTakeFirst();
  const sent = ledger.filter((row) => row.status === 'sent').length;
  const slackHas = new Set(people.filter((_, i) => (received[i] ?? 0) > 0));
  return {
    delivered: slackHas.size,
    duplicates: received.reduce((sum, n) => sum + Math.max(0, n - 1), 0) + Math.max(0, ledger.length - people.length),
    // Nobody without a DM, every ledger row sent, every nudge's follow-up queued.
    losses: Math.max(people.length - slackHas.size, people.length - sent, people.length - (followUps?.n ?? 0)),
    outcomeUnknown: ledger.reduce((sum, row) => sum + row.unknown_outcomes, 0),
    unresolved: ledger.filter((row) => row.status !== 'sent' && slackHas.has(row.slack_user_id)).length,
  };
}

async function waitForSchedules(db: Db, due: DateTime, people: number): Promise<void> {
  const deadline = performance.now() + 5 * 60_000;
  for (;;) {
    const row = await db
      .selectFrom('checkin_schedule')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('next_due_at', '=', due.toJSDate())
      .executeTakeFirst()
      .catch(() => undefined);
    if ((row?.n ?? 0) >= people) return;
    if (performance.now() > deadline) throw new Error(`only ${row?.n ?? 0} of ${people} people were scheduled for ${due.toISO()}`);
    await sleep(500);
  }
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

const injectedTotal = (c: ProxyCounts) => c.rateLimited + c.unavailable + c.errorAfterPost + c.errorBeforePost + c.held;

async function main(): Promise<void> {
  const only = process.env.FAULTS_ONLY?.toLowerCase();
  const scenarios = SCENARIOS.filter((s) => (!SHORT || s.short) && (!only || s.name.toLowerCase().includes(only)));
  const logDir = mkdtempSync(join(tmpdir(), 'cadence-faults-logs-'));
  console.log(`Fault suite${SHORT ? ' (short)' : ''}: ${PEOPLE} people, ${scenarios.length} scenarios; instance logs in ${logDir}`);
  const pg = await startPrivatePostgres();
  const redis = await startPrivateRedis();
  const clock = new OffsetClock(Math.max(0, DateTime.fromISO(START).toMillis() - Date.now()));
  const people = Array.from({ length: PEOPLE }, (_, i) => `U0FAULT${String(i).padStart(6, '0')}`);
  const { emulator, apiUrl } = await RemoteEmulator.start({ people, timezone: ZONE, offsetMs: clock.offset });
  const proxy = await SlackProxy.start(apiUrl);
  proxy.set({ latencyMs: LATENCY_MS });
  const admin = createDb(pg.url('postgres'), { maxConnections: 1 });
  await sql`create database cadence`.execute(admin);
  await admin.destroy();
  // The suite's own view of the database must outlive the Postgres outage too.
  const db = createDb(pg.url('cadence'), { maxConnections: 2, onConnectionError: () => undefined });

  const env = (): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN,
    SLACK_SIGNING_SECRET: DEFAULT_SIGNING_SECRET,
    SLACK_API_URL: proxy.apiUrl,
    DATABASE_URL: pg.url('cadence'),
    REDIS_URL: redis.url,
    QUEUE_PREFIX: PREFIX,
    ROLE: 'all',
    PORT: '0',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    FAULTS_CLOCK_OFFSET_MS: String(clock.offset),
  });
  const instances: Instance[] = [];
  const crashed: string[] = [];
  const ctx: Context = {
    pg,
    redis,
    proxy,
    instances,
    async restart(index) {
      const name = `instance-${index + 1}`;
      instances[index] = await Instance.start(name, env(), join(logDir, `${name}.log`));
    },
  };
  const rows: Row[] = [];
  try {
    // One at a time: the first migrates the database.
    await ctx.restart(0);
    await ctx.restart(1);
    let due = FIRST_DUE;
    await waitForSchedules(db, due, PEOPLE);
    for (const scenario of scenarios) {
      const period = due.toISODate() ?? '';
      const advance = Math.max(0, due.toMillis() - clock.now().toMillis());
      clock.advance(advance);
      await emulator.advance(advance);
      await Promise.all(instances.map((i) => i.ask({ type: 'advance', ms: advance })));
      await emulator.clearCalls();
      proxy.resetCounts();
      proxy.set({ latencyMs: LATENCY_MS });
      console.log(`${scenario.name}: round ${period}...`);
      const start = performance.now();
      scenario.before?.(ctx);
      const dispatchers = scenario.bothDispatch ? instances : instances.slice(0, 1);
      await Promise.all(dispatchers.map((i) => i.ask({ type: 'dispatch' })));

      let midway = scenario.midway ? undefined : Promise.resolve();
      let result = await count(db, emulator, people, period);
      let problem: string | undefined;
      for (;;) {
        if (!midway && result.delivered >= PEOPLE / 5) midway = scenario.midway?.(ctx);
        if (midway && result.losses === 0) break;
        if (performance.now() - start > ROUND_TIMEOUT_MS) {
          problem = 'did not finish';
          break;
        }
        await sleep(250);
        result = await count(db, emulator, people, period).catch(() => result);
      }
      await midway;
      // Everything sent: wait for the queue to run dry, so a late duplicate would still be counted.
      const queue = new Redis(redis.url, { maxRetriesPerRequest: null });
      for (let i = 0; i < 120; i += 1) {
        const counts = await Promise.all(['wait', 'active'].map((state) => queue.llen(`${PREFIX}:slack:${state}`)));
        if (counts.every((n) => n === 0)) break;
        await sleep(250);
      }
      result = await count(db, emulator, people, period);
      const seconds = (performance.now() - start) / 1000;
      for (const instance of instances) {
        if (instance.exitedUnexpectedly && !crashed.includes(instance.name)) {
          crashed.push(instance.name);
          problem = `${instance.name} crashed`;
        }
      }
      rows.push({ scenario: scenario.name, ...result, injected: injectedTotal(proxy.counts), seconds, problem });
      await scenario.after?.(ctx);
      // The next round must not be disturbed by this one's follow-ups (due next Monday).
      await db.updateTable('checkin_reminder').set({ state: 'skipped', outcome: 'faults: next round' }).where('state', '=', 'scheduled').execute();
      await queue.del(`${PREFIX}:slack:delayed`);
      queue.disconnect();
      due = due.plus({ weeks: 1 });
      await waitForSchedules(db, due, PEOPLE);
    }
  } finally {
    await Promise.all(instances.map((i) => i.kill('SIGTERM')));
    await proxy.stop();
    await emulator.stop();
    await db.destroy();
    await redis.destroy();
    pg.destroy();
  }

  const table = [['scenario', 'people', 'delivered', 'duplicates', 'losses', 'outcome-unknown', 'unknown left unresolved', 'faults injected at the proxy', 'time']];
  for (const r of rows) {
    table.push([r.scenario + (r.problem ? ` (${r.problem})` : ''), String(PEOPLE), String(r.delivered), String(r.duplicates), String(r.losses), String(r.outcomeUnknown), String(r.unresolved), String(r.injected), `${r.seconds.toFixed(1)} s`]);
  }
  console.log('');
  printTable(table);
  console.log('');
  console.log('delivered: people whose DM Slack (the emulator) holds. duplicates: second DMs to a person, plus ledger rows beyond one a person.');
  console.log('losses: people without the DM, or whose ledger row is not "sent", or whose follow-up was not queued.');
  console.log('outcome-unknown: sends whose answer was lost (timeout, 5xx, kill), each resolved from the DM history; unresolved: those not "sent" although Slack had them.');
  for (const name of ['instance-1', 'instance-2']) {
    const text = readFileSync(join(logDir, `${name}.log`), 'utf8');
    const down = text.split('\n').filter((line) => line.includes('is unavailable;')).length;
    const back = text.split('\n').filter((line) => line.includes('is available again')).length;
    console.log(`${name}: ${down} "unavailable" and ${back} "available again" log lines`);
  }
  const bad = rows.filter((r) => r.duplicates > 0 || r.losses > 0 || r.unresolved > 0 || r.problem);
  if (bad.length > 0 || rows.length < scenarios.length) {
    console.error(`FAILED: ${bad.map((r) => r.scenario).join(', ') || 'not every scenario ran'}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
