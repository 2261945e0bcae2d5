import { Client } from 'pg';
import { DEFAULT_PEOPLE, DEFAULT_TEAM_ID } from '../../sandbox';
import { GoalAction } from '../../src/views/ids';
import { type CadenceHarness, openAllHours, startCadenceHarness } from '../support/cadence';
import { linkManager } from '../support/factories';

const alice = DEFAULT_PEOPLE.alice.id;
const bob = DEFAULT_PEOPLE.bob.id;
/** The HR admin: her Home tab renders every section, the most a Home render reads. */
const dana = DEFAULT_PEOPLE.dana.id;

type Query = (this: Client, text: unknown, ...rest: unknown[]) => unknown;

/**
 * What Postgres is asked while one Slack request is answered. Every statement Cadence sends goes
 * through a pg Client's query(); the spy records its text and calls through.
 */
function statementLog() {
  const texts: string[] = [];
  const original = Client.prototype.query as unknown as Query;
  const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, text: unknown, ...rest: unknown[]) {
    texts.push(typeof text === 'string' ? text : String((text as { text?: unknown }).text));
    return original.call(this, text, ...rest);
  } as never);
  return {
    async during(work: () => Promise<unknown>): Promise<string[]> {
      texts.length = 0;
      await work();
      return [...texts];
    },
    restore: () => spy.mockRestore(),
  };
}

/** Reads of the workspace row (its settings). */
const settingsReads = (statements: string[]) => statements.filter((text) => /from "workspace"/.test(text)).length;
/** Reads of who manages whom (a count for the admin summary is not the chart). */
const orgChartReads = (statements: string[]) => statements.filter((text) => /from "?manager_link"?/.test(text) && !/count\(/.test(text)).length;

describe('a Slack request reads the workspace settings and the org chart once', () => {
  let h: CadenceHarness;
  let log: ReturnType<typeof statementLog>;

  beforeAll(async () => {
    // The web role alone: no worker queries interleave with the request's.
    h = await startCadenceHarness({ env: { ROLE: 'web', ADMIN_SLACK_IDS: dana } });
    const [a, b, d] = await Promise.all([alice, bob, dana].map((id) => h.cadence.deps.people.resolveActor(DEFAULT_TEAM_ID, id)));
    await openAllHours(h);
    await linkManager(h.database.db, a!.id, b!.id);
    await linkManager(h.database.db, b!.id, d!.id);
    await h.cadence.deps.goals.create(a!, { title: 'Ship the onboarding flow', description: null, category: 'development', targetDate: null });
    log = statementLog();
  });
  afterAll(async () => {
    log?.restore();
    await h.stop();
  });

  it('/goal opens the form with one read of the settings and of the org chart', async () => {
    const statements = await log.during(async () => {
      await h.driver.command({ user: alice, command: '/goal', text: '' });
      await h.emulator.waitForModal(alice, (view) => view.callback_id === 'goal_new');
    });
    expect(settingsReads(statements)).toBe(1);
    expect(orgChartReads(statements)).toBe(1);
    // Every statement, the replay guard's insert included (before the per-request cache: 11, the workspace row read 4 times),
    // and the competencies of the framework the form offers for development goals.
    expect(statements.length).toBeLessThanOrEqual(6);
  });

  it('a Home render reads the settings and the org chart once each, however many checks it makes', async () => {
    const statements = await log.during(async () => {
      await h.driver.appHomeOpened({ user: dana });
      await h.emulator.waitForHome(dana);
    });
    expect(settingsReads(statements)).toBe(1);
    expect(orgChartReads(statements)).toBe(1);
    // Every statement, the replay guard's insert included (before the per-request cache: 38: the workspace row 10 times, the org chart 9;
    // 21 after it, then 3 more for the Reviews section and the admin's AI usage line, and 2 for the transcripts
    // waiting for her and the integrations' problems).
    expect(statements.length).toBeLessThanOrEqual(26);
  });

  it('a goal button opens its modal with one read of each', async () => {
    await h.driver.appHomeOpened({ user: alice });
    await h.emulator.waitForHome(alice);
    const statements = await log.during(async () => {
      await h.driver.clickButton({ user: alice, actionId: GoalAction.OpenUpdate, source: { home: true } });
      await h.emulator.waitForModal(alice, (view) => view.callback_id !== 'goal_new');
    });
    expect(settingsReads(statements)).toBe(1);
    expect(orgChartReads(statements)).toBe(1);
    // Every statement, the replay guard's insert included (before the per-request cache: 14).
    expect(statements.length).toBeLessThanOrEqual(10);
  });
});
