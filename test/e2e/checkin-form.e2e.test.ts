import { DEFAULT_TEAM_ID } from '../../sandbox';
import type { Person } from '../../src/domain/person';
import { CheckinAction, CheckinBlock, checkinGoalBlock, checkinKeyResultBlock } from '../../src/views/ids';
import { startTimedCadence, type TimedCadence, ZONED } from '../support/nudges';

const { alice, bob } = ZONED;

jest.setTimeout(120_000);

/**
 * The full check-in through the emulator: progress on two goals (one with a key result, one
 * without, whose reported percent rolls up into the goal it is aligned to), the confirmation DM
 * with its Edit button, and replies in a nudge's DM thread.
 */
describe('the check-in form, its confirmation, and replies in the nudge thread', () => {
  let c: TimedCadence;
  let goalWithKr: { id: string; krId: string };
  let goalWithout: string;
  let parentGoal: string;
  const db = () => c.h.database.db;
  const person = (slackUserId: string): Promise<Person> => c.h.cadence.deps.people.resolveActor(DEFAULT_TEAM_ID, slackUserId);
  const checkinsOf = (slackUserId: string) =>
    db()
      .selectFrom('checkin as ci')
      .innerJoin('checkin_period as p', 'p.id', 'ci.period_id')
      .innerJoin('person', 'person.id', 'p.person_id')
      .select(['p.period', 'p.status', 'ci.wins', 'ci.confidence'])
      .where('person.slack_user_id', '=', slackUserId)
      .execute();
  const eventsOf = (goalId: string) => db().selectFrom('goal_event').select(['kind', 'note']).where('goal_id', '=', goalId).orderBy('id').execute();
  const lastChanges = async (goalId: string) =>
    (await db().selectFrom('goal_event').select('changes').where('goal_id', '=', goalId).orderBy('id', 'desc').executeTakeFirstOrThrow()).changes;

  beforeAll(async () => {
    // Thursday: the check-in for Friday 12 March is open.
    c = await startTimedCadence('2027-03-11T12:00:00Z');
    const goals = c.h.cadence.deps.goals;
    const withKr = await goals.create(await person(alice.id), {
      title: 'Ship the importer',
      description: null,
      category: 'performance',
      targetDate: null,
      keyResults: [{ title: 'Customers migrated', kind: 'number', start: '0', target: '10', unit: null, weight: null }],
    });
    const parent = await goals.create(await person(alice.id), { title: 'Grow the team', description: null, category: 'development', targetDate: null });
    if (!parent.ok) throw new Error('parent goal not created');
    parentGoal = parent.value.goal.id;
    const without = await goals.create(await person(alice.id), { title: 'Mentor Sam', description: null, category: 'development', targetDate: null, parentId: parentGoal });
    if (!withKr.ok || !without.ok) throw new Error('goals not created');
    goalWithKr = { id: withKr.value.goal.id, krId: withKr.value.keyResults[0]!.id };
    goalWithout = without.value.goal.id;
  });
  afterAll(() => c.h.stop());

  it('refuses bad answers beside their fields and stores nothing', async () => {
    await c.h.driver.command({ user: alice.id, command: '/checkin' });
    const modal = await c.h.emulator.waitForModal(alice.id, (view) => view.callback_id === 'checkin_form');
    expect(JSON.stringify(modal.blocks)).toContain('Ship the importer');
    expect(JSON.stringify(modal.blocks)).toContain('Mentor Sam');
    // A percent for the goal with neither key results nor aligned goals; its parent rolls up instead.
    expect(JSON.stringify(modal.blocks)).toContain(checkinGoalBlock(goalWithout, 'percent'));
    expect(JSON.stringify(modal.blocks)).not.toContain(checkinGoalBlock(parentGoal, 'percent'));
    expect(JSON.stringify(modal.blocks)).not.toContain(checkinGoalBlock(goalWithKr.id, 'percent'));
    const before = (await eventsOf(goalWithKr.id)).length;
    const result = await c.h.driver.submitView({
      user: alice.id,
      skipClientValidation: true,
      values: {
        [CheckinBlock.Wins]: 'Shipped the first batch',
        [CheckinBlock.Confidence]: '7',
        [checkinKeyResultBlock(goalWithKr.krId)]: 'eleven',
        [checkinGoalBlock(goalWithout, 'note')]: 'x'.repeat(3001),
        [checkinGoalBlock(goalWithout, 'percent')]: '120',
      },
    });
    expect(result.outcome).toEqual({
      kind: 'errors',
      errors: {
        [checkinKeyResultBlock(goalWithKr.krId)]: 'Enter a number, like 12 or 3.5.',
        [checkinGoalBlock(goalWithout, 'note')]: 'Keep the note to 3,000 characters or fewer.',
        [checkinGoalBlock(goalWithout, 'percent')]: 'A percentage is between 0 and 100.',
      },
    });
    expect(await checkinsOf(alice.id)).toEqual([]);
    expect(await eventsOf(goalWithKr.id)).toHaveLength(before);
  });

  it('stores the check-in and each goal’s progress with its history, and confirms it in a DM', async () => {
    const result = await c.h.driver.submitView({
      user: alice.id,
      values: {
        [CheckinBlock.Wins]: 'Shipped the first batch',
        [CheckinBlock.Confidence]: '7',
        [checkinKeyResultBlock(goalWithKr.krId)]: '4',
        [checkinGoalBlock(goalWithKr.id, 'note')]: 'Four customers across',
        [checkinGoalBlock(goalWithout, 'status')]: 'at_risk',
        [checkinGoalBlock(goalWithout, 'note')]: '',
        [checkinGoalBlock(goalWithout, 'percent')]: '35.5',
      },
    });
    expect(result.outcome).toMatchObject({ kind: 'updated' });
    expect(await checkinsOf(alice.id)).toEqual([{ period: '2027-03-12', status: 'checked_in', wins: 'Shipped the first batch', confidence: 7 }]);
    const goals = await db().selectFrom('goal').select(['id', 'progress', 'status']).where('id', 'in', [goalWithKr.id, goalWithout, parentGoal]).execute();
    expect(Object.fromEntries(goals.map((g) => [g.id, [g.progress, g.status]]))).toEqual({
      [goalWithKr.id]: [40, 'on_track'],
      [goalWithout]: [35.5, 'at_risk'],
      // Rolled up from its only aligned goal in the same save.
      [parentGoal]: [35.5, 'not_started'],
    });
    expect(await lastChanges(goalWithout)).toContainEqual({ type: 'field', field: 'progress', from: 0, to: 35.5 });
    expect((await eventsOf(goalWithKr.id)).at(-1)).toEqual({ kind: 'progress', note: 'Four customers across' });
    expect((await eventsOf(goalWithout)).at(-1)).toEqual({ kind: 'progress', note: null });

    const dm = await c.h.emulator.waitForDm(alice.id, (m) => m.text.startsWith('Checked in for the week of Friday 12 March'));
    expect(JSON.stringify(dm.blocks)).toContain('Ship the importer*: 40%, On track');
    expect(JSON.stringify(dm.blocks)).toContain('Mentor Sam*: 35%, At risk');
    expect(JSON.stringify(dm.blocks)).toContain('Confidence 7/10');
  });

  it('Edit reopens the form prefilled while the period is open; saving it touches no goal left as it was', async () => {
    const dm = c.h.emulator.dms(alice.id).find((m) => m.text.startsWith('Checked in for'))!;
    await c.h.driver.clickButton({ user: alice.id, actionId: CheckinAction.Edit, source: { message: { channel: dm.channel, ts: dm.ts } } });
    const modal = await c.h.emulator.waitForModal(alice.id, (view) => view.callback_id === 'checkin_form' && JSON.stringify(view.submit).includes('Save changes'));
    expect(JSON.stringify(modal.blocks)).toContain('Shipped the first batch');
    const events = [(await eventsOf(goalWithKr.id)).length, (await eventsOf(goalWithout)).length];
    const saved = await c.h.driver.submitView({ user: alice.id, values: { [CheckinBlock.Wins]: 'Shipped the first two batches' } });
    expect(saved.outcome).toMatchObject({ kind: 'updated' });
    expect(await checkinsOf(alice.id)).toEqual([{ period: '2027-03-12', status: 'checked_in', wins: 'Shipped the first two batches', confidence: 7 }]);
    expect([(await eventsOf(goalWithKr.id)).length, (await eventsOf(goalWithout)).length]).toEqual(events);
    // Each save is confirmed once.
    await c.h.emulator.waitForDm(alice.id, (m) => m.ts !== dm.ts && m.text.startsWith('Checked in for'));
    expect(c.h.emulator.dms(alice.id).filter((m) => m.text.startsWith('Checked in for'))).toHaveLength(2);
  });

  it('records a reply in the nudge’s thread once, even when Slack retries, ignores bot messages, and answers with a button', async () => {
    await c.moveTo('2027-03-12T20:00:00Z'); // Bob's nudge, 15:00 in New York
    const nudge = await c.h.emulator.waitForDm(bob.id, (m) => m.text.startsWith('Time for your check-in'));
    const sent = await c.h.driver.sendDm({ user: bob.id, text: 'Quiet week, mostly reviews.', threadTs: nudge.ts });
    expect(sent.status).toBe(200);
    const answer = await c.h.emulator.waitForDm(bob.id, (m) => m.thread_ts === nudge.ts && m.text.startsWith('Noted for the week of Friday 12 March'));
    expect(JSON.stringify(answer.blocks)).toContain(CheckinAction.AddProgress);

    await c.h.driver.resendLastEvent();
    const ws = c.h.emulator.workspace();
    await c.h.driver.sendEvent(ws, { type: 'message', subtype: 'bot_message', bot_id: ws.botId, channel: nudge.channel, channel_type: 'im', text: 'a bot says hi', ts: '1900000000.000100', thread_ts: nudge.ts });
    // Anything either of those answered would be posted by now: the next message is answered after them.
    await c.h.driver.sendDm({ user: bob.id, text: 'hello?' });
    // Anything else goes to the assistant, whose help says how to check in.
    await c.h.emulator.waitForDm(bob.id, (m) => m.text.includes('To check in, use `/checkin`'));

    const answers = c.h.emulator.dms(bob.id).filter((m) => m.thread_ts === nudge.ts);
    expect(answers.map((m) => m.text.slice(0, 9))).toEqual(['Noted for']);
    const period = await db()
      .selectFrom('checkin_period as p')
      .innerJoin('person', 'person.id', 'p.person_id')
      .select(['p.note', 'p.status'])
      .where('person.slack_user_id', '=', bob.id)
      .executeTakeFirstOrThrow();
    expect(period).toEqual({ note: 'Quiet week, mostly reviews.', status: 'pending' });

    // The button opens the check-in form.
    await c.h.driver.clickButton({ user: bob.id, actionId: CheckinAction.AddProgress, source: { message: { channel: answer.channel, ts: answer.ts } } });
    await c.h.emulator.waitForModal(bob.id, (view) => view.callback_id === 'checkin_form');
  });

  it('Edit answers plainly once the period is closed', async () => {
    await c.moveTo('2027-03-16T12:00:00Z');
    const dm = c.h.emulator.dms(alice.id).find((m) => m.text.startsWith('Checked in for'))!;
    const opened = c.h.emulator.calls('views.open').length;
    await c.h.driver.clickButton({ user: alice.id, actionId: CheckinAction.Edit, source: { message: { channel: dm.channel, ts: dm.ts } } });
    const answer = await c.h.emulator.waitForEphemeral(alice.id, (m) => m.text.startsWith('That check-in period is closed'));
    expect(answer.text).toContain('Use /checkin for the current one.');
    // Said plainly instead of a form that would be refused on submit.
    expect(c.h.emulator.calls('views.open')).toHaveLength(opened);
  });
});
