import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parse } from 'yaml';
import { DEFAULT_PEOPLE, DEFAULT_TEAM_ID, type SlackView } from '../../sandbox';
import { goalCreatedJob } from '../../src/jobs/goal-created.job';
import { GoalBlock } from '../../src/views/ids';
import { type CadenceHarness, openAllHours, startCadenceHarness } from '../support/cadence';
import { waitFor } from '../support/redis';

const alice = DEFAULT_PEOPLE.alice.id;
const bob = DEFAULT_PEOPLE.bob.id;

const blockText = (view: { blocks?: unknown[] } | undefined) => JSON.stringify(view?.blocks ?? []);
const londonToday = () => DateTime.now().setZone('Europe/London');

describe('/goal through the Slack emulator', () => {
  let h: CadenceHarness;
  beforeAll(async () => {
    h = await startCadenceHarness();
    await openAllHours(h);
  });
  afterAll(() => h.stop());

  const goalsOf = (slackUserId: string) =>
    h.database.db
      .selectFrom('goal')
      .innerJoin('person', 'person.id', 'goal.owner_id')
      .select(['goal.title', 'goal.category', 'goal.target_date', 'goal.description'])
      .where('person.slack_user_id', '=', slackUserId)
      .orderBy('goal.created_at')
      .execute();

  async function openNewGoalModal(user: string): Promise<SlackView> {
    const result = await h.driver.command({ user, command: '/goal', text: '' });
    expect(result.status).toBe(200);
    return h.emulator.waitForModal(user, (view) => view.callback_id === 'goal_new');
  }

  it('opens the New goal modal, stores the submission and DMs the owner a confirmation', async () => {
    const modal = await openNewGoalModal(alice);
    expect(modal.title).toMatchObject({ text: 'New goal' });

    const target = londonToday().plus({ days: 30 }).toISODate()!;
    const submitted = await h.driver.submitView({
      user: alice,
      values: {
        [GoalBlock.Title]: 'Cut checkout latency to 300 ms',
        [GoalBlock.Description]: 'p95, measured at the edge',
        [GoalBlock.TargetDate]: target,
        [GoalBlock.Category]: 'development',
      },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBe('');
    expect(h.emulator.openModal(alice)).toBeUndefined();

    expect(await goalsOf(alice)).toEqual([
      { title: 'Cut checkout latency to 300 ms', category: 'development', target_date: target, description: 'p95, measured at the edge' },
    ]);
    const dm = await h.emulator.waitForDm(alice, (m) => m.text.includes('Cut checkout latency'));
    expect(blockText(dm)).toContain('Development');
    expect(blockText(dm)).toContain('(in 30 days)');
  });

  it('records the person on first sight with their Slack timezone', async () => {
    const person = await h.database.db
      .selectFrom('person')
      .selectAll()
      .where('slack_user_id', '=', alice)
      .executeTakeFirstOrThrow();
    expect(person).toMatchObject({ workspace_id: DEFAULT_TEAM_ID, real_name: 'Alice Example', timezone: 'Europe/London' });
  });

  it('falls back to the workspace default timezone when Slack has none', async () => {
    h.emulator.addPerson({ id: 'U0NOTZ', name: 'notz', realName: 'No Zone', email: 'notz@example.com', tz: null });
    await h.driver.command({ user: 'U0NOTZ', command: '/goal', text: 'help' });
    // Slack has its answer before Cadence reads anything; the help arrives once the person is recorded.
    await h.emulator.waitForEphemeral('U0NOTZ');
    const person = await h.database.db
      .selectFrom('person')
      .select('timezone')
      .where('slack_user_id', '=', 'U0NOTZ')
      .executeTakeFirstOrThrow();
    expect(person.timezone).toBe(h.config.defaultTimezone);
  });

  it.each([
    ['an empty title', { [GoalBlock.Title]: '   ' }, GoalBlock.Title, 'Give your goal a title.'],
    ['a 151-character title', { [GoalBlock.Title]: 'x'.repeat(151) }, GoalBlock.Title, 'Keep the title to 150 characters or fewer (this one has 151).'],
    [
      'a target date in the past',
      { [GoalBlock.Title]: 'Late', [GoalBlock.TargetDate]: londonToday().minus({ days: 1 }).toISODate()! },
      GoalBlock.TargetDate,
      'The target date is in the past. Pick today or a later day.',
    ],
    [
      'a target date more than five years ahead',
      { [GoalBlock.Title]: 'Far', [GoalBlock.TargetDate]: londonToday().plus({ years: 5, days: 1 }).toISODate()! },
      GoalBlock.TargetDate,
      `Pick a target date within 5 years (by ${londonToday().plus({ years: 5 }).toISODate()}).`,
    ],
  ])('keeps the modal open with an inline error for %s and stores nothing', async (_label, values, block, message) => {
    const before = await goalsOf(alice);
    await openNewGoalModal(alice);
    // The Slack client would stop some of these itself; send them anyway, as a crafted request could.
    const result = await h.driver.submitView({ user: alice, values, skipClientValidation: true });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ response_action: 'errors', errors: { [block]: message } });
    expect(h.emulator.openModal(alice)?.callback_id).toBe('goal_new');
    expect(await goalsOf(alice)).toEqual(before);
    await h.driver.closeView({ user: alice });
  });

  it("lists the person's own goals with /goal list, and nobody else's", async () => {
    await h.driver.command({ user: alice, command: '/goal', text: 'list' });
    const list = await h.emulator.waitForEphemeral(alice, (m) => m.text.startsWith('Your goals'));
    expect(blockText(list)).toContain('Cut checkout latency to 300 ms');

    await h.driver.command({ user: bob, command: '/goal', text: 'list' });
    const empty = await h.emulator.waitForEphemeral(bob, (m) => m.text === 'You have no goals yet.');
    expect(blockText(empty)).not.toContain('Cut checkout latency');
  });

  it.each([
    ['help', 'Goals keep track of'],
    ['frobnicate', "I don't know `/goal frobnicate`"],
  ])('answers /goal %s with the usage', async (text, intro) => {
    await h.driver.command({ user: bob, command: '/goal', text });
    const reply = await h.emulator.waitForEphemeral(bob, (m) => m.text.startsWith(intro));
    expect(blockText(reply)).toContain('/goal list');
  });

  it('shows the goals on the Home tab, whose New goal button opens the same form', async () => {
    await h.driver.appHomeOpened({ user: alice });
    const home = await h.emulator.waitForHome(alice, (view) => blockText(view).includes('Cut checkout latency'));
    expect(blockText(home)).toContain('My goals');

    await h.driver.clickButton({ user: alice, actionId: 'home_new_goal', source: { home: true } });
    await h.emulator.waitForModal(alice, (view) => view.callback_id === 'goal_new');
    await h.driver.submitView({ user: alice, values: { [GoalBlock.Title]: 'Mentor a new joiner' } });
    await h.emulator.waitForHome(alice, (view) => blockText(view).includes('Mentor a new joiner'));
  });

  it('answers every command declared in manifest.yml', async () => {
    const manifest = parse(readFileSync(join(__dirname, '../../manifest.yml'), 'utf8')) as {
      features: { slash_commands: Array<{ command: string }> };
    };
    for (const { command } of manifest.features.slash_commands) {
      const result = await h.driver.command({ user: bob, command, text: 'help' });
      expect({ command, status: result.status }).toEqual({ command, status: 200 });
    }
  });

  it('sends no second confirmation when Redis is flushed and the job is queued again', async () => {
    await openNewGoalModal(bob);
    await h.driver.submitView({ user: bob, values: { [GoalBlock.Title]: 'Write the onboarding guide' } });
    await h.emulator.waitForDm(bob, (m) => m.text.includes('onboarding guide'));
    const goal = await h.database.db.selectFrom('goal').select('id').where('title', '=', 'Write the onboarding guide').executeTakeFirstOrThrow();

    expect(await h.redis.wipe(h.database.url)).toBeGreaterThan(0);
    const again = await h.cadence.deps.jobs.enqueue(goalCreatedJob, { goalId: goal.id });
    expect(again.added).toBe(true);
    await waitFor(
      async () => {
        const state = await h.cadence.deps.jobs.getJobState(goalCreatedJob, { goalId: goal.id });
        return state === 'completed' || state === 'failed' ? state : undefined;
      },
      { what: 'the re-queued goal-created job to finish' },
    );

    expect(h.emulator.dms(bob).filter((m) => m.text.includes('onboarding guide'))).toHaveLength(1);
  });

  it('still confirms exactly once when Slack rate-limits and then fails the first sends', async () => {
    h.emulator.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    h.emulator.failNext('chat.postMessage', { error: 'internal_error' });
    await openNewGoalModal(alice);
    await h.driver.submitView({ user: alice, values: { [GoalBlock.Title]: 'Survive a rate limit' } });

    await h.emulator.waitForDm(alice, (m) => m.text.includes('Survive a rate limit'), 15000);
    const attempts = h.emulator.calls('chat.postMessage').filter((c) => JSON.stringify(c.params).includes('Survive a rate limit'));
    expect(attempts.map((c) => c.status)).toEqual([429, 200, 200]);
    expect(h.emulator.dms(alice).filter((m) => m.text.includes('Survive a rate limit'))).toHaveLength(1);
  });
});
