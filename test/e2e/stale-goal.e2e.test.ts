import { DateTime } from 'luxon';
import { DEFAULT_PEOPLE, DEFAULT_TEAM_ID, type SlackMessage } from '../../sandbox';
import type { Person } from '../../src/domain/person';
import { TimeMachine } from '../../src/jobs/time-machine';
import { OffsetClock } from '../../src/lib/clock';
import { GoalBlock, StaleGoalAction } from '../../src/views/ids';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { waitFor } from '../support/redis';

const alice = DEFAULT_PEOPLE.alice.id; // Europe/London
const bob = DEFAULT_PEOPLE.bob.id; // America/New_York, Alice's peer
const LONDON = 'Europe/London';

const isNudge = (title: string) => (m: SlackMessage) => m.text.startsWith('This goal could use a look:') && m.text.includes(title);
const at = (message: SlackMessage) => ({ message: { channel: message.channel, ts: message.ts } });

describe('stale goals through the Slack emulator, with time under control', () => {
  let h: CadenceHarness;
  let clock: OffsetClock;
  let time: TimeMachine;
  const person = (slackUserId: string): Promise<Person> => h.cadence.deps.people.resolveActor(DEFAULT_TEAM_ID, slackUserId);
  const goalNamed = (title: string) => h.database.db.selectFrom('goal').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
  const nudgesTo = (user: string) => h.emulator.dms(user).filter((m) => m.text.startsWith('This goal could use a look:'));

  beforeAll(async () => {
    clock = new OffsetClock();
    h = await startCadenceHarness({ clock, emulator: { now: () => clock.now().toMillis() } });
    time = new TimeMachine({ clock, jobs: h.cadence.deps.jobs, logger: h.cadence.deps.logger });
  });
  afterAll(() => h.stop());

  async function createGoal(slackUserId: string, title: string, targetDate: string | null) {
    const created = await h.cadence.deps.goals.create(await person(slackUserId), { title, description: null, category: 'performance', targetDate });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
  }

  it('nudges each owner once, in their working hours; Extend, Complete and Defer act in place; a peer cannot act', async () => {
    // Monday 10:00 in London.
    const now = clock.now().setZone(LONDON);
    let monday = now.set({ weekday: 1, hour: 10, minute: 0, second: 0, millisecond: 0 });
    if (monday <= now.plus({ minutes: 1 })) monday = monday.plus({ weeks: 1 });
    await time.advance(monday.toMillis() - clock.now().toMillis());
    const due = monday.plus({ days: 60 }).toISODate() ?? '';
    for (const title of ['Extend <me>', 'Complete me', 'Defer me']) await createGoal(alice, title, due);
    await createGoal(bob, 'Bob’s goal', due);

    // 22 days later, 21:00 in London (quiet hours) and 16:00 in New York (working hours).
    const evening = monday.plus({ days: 22 }).set({ hour: 21 });
    await time.advance(evening.toMillis() - clock.now().toMillis());
    const bobsNudge = await h.emulator.waitForDm(bob, isNudge('Bob’s goal'));
    await waitFor(async () => (await time.delayedJobs()).filter((j) => j.name === 'stale-goal-nudge').length === 3, { what: 'Alice’s three nudges queued' });
    expect(nudgesTo(alice)).toEqual([]);

    // Released at 09:00 the next morning in London, not before.
    await time.runNext();
    const nudge = await h.emulator.waitForDm(alice, isNudge('Extend &lt;me&gt;'));
    const sentAt = DateTime.fromSeconds(Number(nudge.ts), { zone: LONDON });
    expect(sentAt.toFormat('ccc HH:mm')).toBe('Wed 09:00');
    await waitFor(async () => nudgesTo(alice).length === 3, { what: 'all three of Alice’s nudges' });
    const blocks = JSON.stringify(nudge.blocks);
    expect(nudge.blocks?.length).toBeLessThanOrEqual(50);
    expect(blocks).toContain(`No update since ${monday.toFormat('d LLL yyyy', { locale: 'en-GB' })}`);
    expect(blocks).toContain('0%');
    expect(blocks).not.toContain('<me>');

    // A peer's crafted click, on their own nudge, naming Alice's goal: refused plainly, nothing changes.
    const aliceGoal = await goalNamed('Complete me');
    await h.driver.clickButton({ user: bob, actionId: StaleGoalAction.Complete, value: aliceGoal.id, source: at(bobsNudge) });
    await h.emulator.waitForEphemeral(bob, (m) => m.text === "You can't do that.");
    expect((await goalNamed('Complete me')).status).toBe('not_started');
    expect(h.emulator.dms(bob).find((m) => m.ts === bobsNudge.ts)?.text).toBe(bobsNudge.text);

    // Extend: a past date is refused under the field; a valid one updates the goal and the nudge.
    await h.driver.clickButton({ user: alice, actionId: StaleGoalAction.Extend, source: at(nudge) });
    await h.emulator.waitForModal(alice, (v) => v.callback_id === 'goal_extend');
    const yesterday = clock.now().setZone(LONDON).minus({ days: 1 }).toISODate() ?? '';
    const refused = await h.driver.submitView({ user: alice, values: { [GoalBlock.TargetDate]: yesterday } });
    expect(refused.body).toEqual({ response_action: 'errors', errors: { [GoalBlock.TargetDate]: 'The target date is in the past. Pick today or a later day.' } });
    const later = clock.now().setZone(LONDON).plus({ days: 30 }).toISODate() ?? '';
    await h.driver.submitView({ user: alice, values: { [GoalBlock.TargetDate]: later } });
    expect((await goalNamed('Extend <me>')).target_date).toBe(later);
    await h.emulator.waitForDm(alice, (m) => m.ts === nudge.ts && m.text.startsWith(':calendar: *Extended*'));

    // Complete and Defer: through the goal service, with history; the nudge says what was done.
    const completeNudge = nudgesTo(alice).find(isNudge('Complete me'));
    const deferNudge = nudgesTo(alice).find(isNudge('Defer me'));
    if (!completeNudge || !deferNudge) throw new Error('nudges missing');
    await h.driver.clickButton({ user: alice, actionId: StaleGoalAction.Complete, source: at(completeNudge) });
    await h.emulator.waitForDm(alice, (m) => m.ts === completeNudge.ts && m.text.includes('*Completed*'));
    await h.driver.clickButton({ user: alice, actionId: StaleGoalAction.Defer, source: at(deferNudge) });
    await h.emulator.waitForDm(alice, (m) => m.ts === deferNudge.ts && m.text.includes('*Deferred*'));
    expect(await goalNamed('Complete me')).toMatchObject({ status: 'completed', progress: 100 });
    expect((await goalNamed('Defer me')).status).toBe('deferred');
    const history = await h.database.db.selectFrom('goal_event').select('changes').where('goal_id', '=', aliceGoal.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(history.changes).toEqual(expect.arrayContaining([{ type: 'field', field: 'status', from: 'not_started', to: 'completed' }]));

    // The detector runs again: settled goals end their episodes; nothing more arrives, and no buttons are left to press.
    const dmCount = h.emulator.dms(alice).length;
    // Each step promotes the detector's next tick; a tick may still be running when one is taken.
    const episodesLeft = async () => {
      await time.advance(5 * 60_000);
      return (await h.database.db.selectFrom('goal_staleness').select('id').execute()).length === 1;
    };
    // Generous: each try moves the clock and lets the detector run, slow on a busy machine.
    await waitFor(episodesLeft, { what: 'only Bob’s episode left', timeoutMs: 30_000 });
    expect(h.emulator.dms(alice)).toHaveLength(dmCount);
    expect(nudgesTo(alice)).toEqual([]);
    // Bob's goal is still stale, and the detector has run several times since: still one nudge.
    expect(nudgesTo(bob)).toHaveLength(1);
  });
});
