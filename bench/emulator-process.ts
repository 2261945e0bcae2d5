/**
 * The Slack emulator in a process of its own, so the CPU it spends standing in for Slack is not
 * counted against Cadence. Driven over IPC by remote-emulator.ts.
 */
import { DEFAULT_SIGNING_SECRET, defaultWorkspace, type RateLimitRule, SlackDriver, type SlackEmulator, startSlackEmulator } from '../sandbox';
import { OffsetClock } from '../src/lib/clock';

export type EmulatorRequest =
  /** `workspaces` (default 1) workspaces, each holding the same people: BENCH_TEAMS names them. */
  | { id: number; type: 'start'; people: string[]; timezone: string; offsetMs: number; workspaces?: number }
  /** Every chat.postMessage of one workspace answers 429 from now on: a workspace rate-limited hard. */
  | { id: number; type: 'throttle'; teamId: string; retryAfterSeconds: number }
  | { id: number; type: 'advance'; ms: number }
  | { id: number; type: 'rate'; rule: RateLimitRule | null }
  | { id: number; type: 'clear' }
  | { id: number; type: 'stats' }
  /** `count` signed-to-be slash command bodies from the workspace's people, triggers issued. */
  | { id: number; type: 'prepare-commands'; botUrl: string; command: string; count: number }
  | { id: number; type: 'views-opened' }
  | { id: number; type: 'stop' };

export interface EmulatorStats {
  /** Successful chat.postMessage calls per channel (of the first workspace's people when there are several). */
  delivered: Record<string, number>;
  /** The same, and the 429s and the last delivery, per workspace. */
  byTeam?: Record<string, { delivered: Record<string, number>; rateLimited: number; lastAt?: number }>;
  /** chat.postMessage calls answered with HTTP 429. */
  rateLimited: number;
  /** When the first and the last successful chat.postMessage arrived (emulator clock, ms). */
  firstAt?: number;
  lastAt?: number;
}

type Outcome = { ok: true; apiUrl?: string; stats?: EmulatorStats; bodies?: string[]; viewsOpened?: number } | { ok: false; error: string };
export type EmulatorReply = Outcome & { id: number };

/** The workspaces' team ids, the first being the sandbox's default; bench/environment.ts installs them by these. */
export const BENCH_TEAMS = ['T0CADENCE', 'T0BENCH2', 'T0BENCH3', 'T0BENCH4'] as const;
export const benchBotToken = (i: number) => (i === 0 ? defaultWorkspace().botToken : `xoxb-bench-workspace-${i}`);

let emulator: SlackEmulator | undefined;
let clock = new OffsetClock();

function stats(): EmulatorStats {
  const delivered: Record<string, number> = {};
  let rateLimited = 0;
  let firstAt: number | undefined;
  let lastAt: number | undefined;
  const byTeam: NonNullable<EmulatorStats['byTeam']> = {};
  for (const call of emulator?.calls('chat.postMessage') ?? []) {
    const team = (byTeam[call.teamId ?? ''] ??= { delivered: {}, rateLimited: 0 });
    if (call.status === 429) {
      rateLimited += 1;
      team.rateLimited += 1;
    }
    if (!call.response.ok) continue;
    const channel = String(call.params.channel);
    team.delivered[channel] = (team.delivered[channel] ?? 0) + 1;
    team.lastAt = Math.max(team.lastAt ?? call.at, call.at);
    if (call.teamId !== BENCH_TEAMS[0]) continue;
    delivered[channel] = (delivered[channel] ?? 0) + 1;
    firstAt = Math.min(firstAt ?? call.at, call.at);
    lastAt = Math.max(lastAt ?? call.at, call.at);
  }
  return { delivered, rateLimited, firstAt, lastAt, byTeam };
}

function prepareCommands(request: Extract<EmulatorRequest, { type: 'prepare-commands' }>): string[] {
  const running = emulator;
  if (!running) throw new Error('the emulator is not started');
  const driver = new SlackDriver({ emulator: running, botUrl: request.botUrl, signingSecret: DEFAULT_SIGNING_SECRET });
  const people = running.workspace().allPeople().filter((person) => !person.isBot).map((person) => person.id);
  return Array.from({ length: request.count }, (_, i) => driver.prepareCommand({ user: people[i % people.length] ?? '', command: request.command }).body);
}

async function handle(request: EmulatorRequest): Promise<Outcome> {
  switch (request.type) {
    case 'start': {
      clock = new OffsetClock(request.offsetMs);
      const people = request.people.map((id, i) => ({ id, name: `person${i}`, realName: `Person ${i}`, email: `person${i}@bench.example`, tz: request.timezone }));
      const workspaces = BENCH_TEAMS.slice(0, request.workspaces ?? 1).map((teamId, i) => ({
        ...defaultWorkspace(),
        teamId,
        name: `Bench ${i + 1}`,
        domain: `bench${i + 1}`,
        botToken: benchBotToken(i),
        botUserId: i === 0 ? defaultWorkspace().botUserId : `UBENCHBOT${i}`,
        botId: i === 0 ? defaultWorkspace().botId : `BBENCHBOT${i}`,
        people,
      }));
      emulator = await startSlackEmulator({ workspaces, rateLimits: 'off', now: () => clock.now().toMillis() });
      return { ok: true, apiUrl: emulator.apiUrl };
    }
    case 'advance':
      clock.advance(request.ms);
      return { ok: true };
    case 'rate':
      emulator?.setRateLimit('chat.postMessage', request.rule);
      return { ok: true };
    case 'throttle':
      emulator?.failNext('chat.postMessage', { status: 429, retryAfterSeconds: request.retryAfterSeconds, teamId: request.teamId, times: 1_000_000 });
      return { ok: true };
    case 'clear':
      emulator?.clearCalls();
      return { ok: true };
    case 'stats':
      return { ok: true, stats: stats() };
    case 'prepare-commands':
      return { ok: true, bodies: prepareCommands(request) };
    case 'views-opened':
      return { ok: true, viewsOpened: emulator?.calls('views.open').length ?? 0 };
    case 'stop':
      await emulator?.stop();
      setImmediate(() => process.exit(0));
      return { ok: true };
  }
}

process.on('message', (request: EmulatorRequest) => {
  handle(request).then(
    (reply) => process.send?.({ id: request.id, ...reply }),
    (error: unknown) => process.send?.({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
