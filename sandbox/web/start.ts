/**
 * Sandbox mode, what `npm start` runs without Slack credentials: the local Slack workspace
 * emulator, the real Cadence (same code, same HTTP endpoint, reached with signed requests), a clock
 * that can be moved forward, and the page that lets a person play the workspace's people.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { type RunningCadence, startCadence } from '../../src/cadence';
import { slashCommands } from '../../src/commands';
import type { Config, ResolvedConfig } from '../../src/config';
import { TimeMachine } from '../../src/jobs/time-machine';
import { OffsetClock } from '../../src/lib/clock';
import type { Logger } from '../../src/lib/logger';
import { SlackDriver } from '../driver/driver';
import { DEFAULT_BOT_TOKEN } from '../emulator/defaults';
import { type SlackEmulator, startSlackEmulator } from '../emulator/emulator';
import { createActions } from './actions';
import { keepConversations } from './conversation-store';
import { ModalFeedback } from './modal-feedback';
import { seedOrgChart } from './org-seed';
import { REVIEW_CAST, SANDBOX_ADMIN, SANDBOX_PEOPLE, sandboxWorkspace } from './people';
import { createPageHandler, listenPage } from './server';
import { peopleCards, regionsFor } from './snapshot';
import { readState, writeState } from './state-file';
import { seedReviewStory } from './story-seed';

/**
 * Where the page and the bot listen: this machine only, since whoever reaches the page can act as
 * anyone, and the bot's endpoint takes the emulator's requests alone.
 */
const LOOPBACK = '127.0.0.1';

export interface RunningSandbox {
  /** The page, e.g. http://localhost:3000 */
  url: string;
  cadence: RunningCadence;
  emulator: SlackEmulator;
  driver: SlackDriver;
  time: TimeMachine;
  stop(): Promise<void>;
}

/**
 * The environment Cadence's configuration is checked against in sandbox mode: the emulator's bot
 * token stands in for Slack's, and the HR admin is a Cadence admin unless ADMIN_SLACK_IDS says who is.
 */
export function sandboxEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    SLACK_BOT_TOKEN: DEFAULT_BOT_TOKEN,
    // Replaced by a fresh secret at start; only the page's driver knows it.
    SLACK_SIGNING_SECRET: 'sandbox',
    ADMIN_SLACK_IDS: env.ADMIN_SLACK_IDS || SANDBOX_ADMIN.id,
    // The terminal is not where the sandbox is watched; the banner says where to look.
    LOG_LEVEL: env.LOG_LEVEL || 'warn',
  };
}

/** Where the sandbox's jobs wait: REDIS_URL's Redis, one Cadence started or found, or PostgreSQL. */
function queueText(config: ResolvedConfig): string {
  if (config.queueBackend === 'postgres') return config.embeddedDatabase ? 'the same embedded PostgreSQL (no Redis needed)' : 'PostgreSQL at DATABASE_URL';
  if (config.localRedis === 'started') return `a Redis it started on 127.0.0.1:6379 (files in ${config.dataDir}/redis, stopped with it)`;
  if (config.localRedis === 'found') return 'the Redis already running on 127.0.0.1:6379 (not started by Cadence; its data is shared with whoever else uses it)';
  return 'Redis at REDIS_URL';
}

/** What `npm start` prints in sandbox mode, for a person at the terminal, once it knows what it runs on. */
export function sandboxBanner(url: string, config: ResolvedConfig): string {
  const database = config.embeddedDatabase ? `an embedded PostgreSQL in ${config.dataDir}/postgresql` : 'PostgreSQL at DATABASE_URL';
  const jobs = queueText(config);
  return [
    '',
    `  Cadence sandbox: open ${url}`,
    '',
    '  No Slack credentials are set, so a simulated Slack workspace stands in for Slack.',
    `  Data: ${database}; jobs: ${jobs}.`,
    '  Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to run against a real workspace. Ctrl-C stops.',
    '',
    '',
  ].join('\n');
}

export async function startSandbox(config: Config, logger: Logger): Promise<RunningSandbox> {
  const log = logger.child({ component: 'sandbox' });
  const saved = readState(config.dataDir);
  if (saved.problem) log.warn(saved.problem);
  const clock = new OffsetClock(saved.state.clockOffsetMs);
  const emulator = await startSlackEmulator({ workspaces: [sandboxWorkspace()], now: () => clock.now().toMillis() });
  const stops: Array<() => Promise<void>> = [() => emulator.stop()];
  const stop = async () => {
    for (const step of stops.reverse()) await step();
  };
  try {
    // A secret of this run: nothing but the page's driver can sign requests the bot accepts.
    const signingSecret = randomBytes(24).toString('hex');
    const cadence = await startCadence(
      { ...config, role: 'all', port: 0, host: LOOPBACK, slack: { ...config.slack, botToken: DEFAULT_BOT_TOKEN, signingSecret, apiUrl: emulator.apiUrl } },
      logger,
      clock,
      {
        // The conversations of earlier runs are back before the bot can post or a button be clicked.
        alongside: async (deps) => {
          const store = await keepConversations(deps.db, emulator.workspace(), log);
          return () => store.close();
        },
      },
    );
    stops.push(() => cadence.stop());
    const state = { ...saved.state };
    if (!state.orgChartSeeded) {
      // A sandbox without the story's managers is still worth starting: say why and go on.
      const problem = await seedOrgChart(cadence.deps, SANDBOX_PEOPLE);
      if (problem) log.warn(`the sandbox's starting org chart was not set up: ${problem}`);
      state.orgChartSeeded = true;
      writeState(config.dataDir, state);
    }
    if (!state.reviewStorySeeded) {
      const problem = await seedReviewStory(cadence.deps, REVIEW_CAST);
      if (problem) log.warn(`the sandbox's review story was not set up: ${problem}`);
      state.reviewStorySeeded = true;
      writeState(config.dataDir, state);
    }
    const driver = new SlackDriver({ emulator, botUrl: `http://127.0.0.1:${cadence.port}/slack/events`, signingSecret });
    const time = new TimeMachine({ clock, jobs: cadence.deps.jobs, logger, sources: cadence.deps.dueSources });
    const feedback = new ModalFeedback();

    const changes = new EventEmitter().setMaxListeners(0);
    const changed = () => {
      if (clock.offset !== state.clockOffsetMs) {
        state.clockOffsetMs = clock.offset;
        writeState(config.dataDir, state);
      }
      changes.emit('change');
    };
    const actions = createActions({ emulator, driver, time, feedback, commands: Object.keys(slashCommands), changed });
    const handler = createPageHandler({
      actions,
      regionsFor: (user) => regionsFor({ emulator, time, feedback }, user),
      mentionOptions: () => peopleCards(emulator).map((p) => ({ name: p.name, handle: p.handle })),
      workspaceName: emulator.workspace().name,
      onChange: (listener) => {
        changes.on('change', listener);
        const fromEmulator = emulator.onChange(listener);
        return () => {
          changes.off('change', listener);
          fromEmulator();
        };
      },
      readiness: cadence.deps.readiness,
      logger: log,
    });
    const page = await listenPage(handler, config.port, LOOPBACK);
    stops.push(() => page.close());
    log.info({ url: page.url }, 'sandbox page ready');
    return { url: page.url, cadence, emulator, driver, time, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
