import { DateTime } from 'luxon';
import type { Person } from '../../src/domain/person';
import { findPersonBySlackId } from '../../src/repositories/person.repository';
import { ReviewAction, ReviewConversationIds, reviewNextStepBlock, ReviewSignOffIds, reviewSummaryRatingBlock, ReviewSummaryIds } from '../../src/views/ids';
import { startTimedCadence, type TimedCadence } from '../support/nudges';
import { waitFor } from '../support/redis';
import { QUESTIONS } from '../support/reviews';

jest.setTimeout(600_000);

/**
 * A report moved to a manager in another timezone mid-cycle, then their review conversation run
 * through Slack: the new manager's reminders on the new manager's calendar, the conversation's
 * time shown to each in their own zone, the summary with agreed ratings, next steps made goals,
 * and sign-off to a locked review. Through the real app, the Slack emulator and the sandbox clock.
 */
const maya = { id: 'U0MAYA', name: 'maya', realName: 'Maya London', email: 'maya@example.com', tz: 'Europe/London' };
const taro = { id: 'U0TARO', name: 'taro', realName: 'Taro Tokyo', email: 'taro@example.com', tz: 'Asia/Tokyo' };
const ana = { id: 'U0ANA', name: 'ana', realName: 'Ana London', email: 'ana@example.com', tz: 'Europe/London' };
const ben = { id: 'U0BEN', name: 'ben', realName: 'Ben NewYork', email: 'ben@example.com', tz: 'America/New_York' };
const dana = { id: 'U0DANA', name: 'dana', realName: 'Dana HR', email: 'dana@example.com', tz: 'Europe/London' };
const everyone = [maya, taro, ana, ben, dana];

describe('a review moved to a new manager, and its conversation through Slack', () => {
  let c: TimedCadence;
  const people: Record<string, Person> = {};
  const participantOf: Record<string, string> = {};
  const blockText = (blocks: unknown) => JSON.stringify(blocks ?? []);

  beforeAll(async () => {
    c = await startTimedCadence('2027-03-08T15:00:00Z', { people: everyone, env: { ADMIN_SLACK_IDS: dana.id } });
    const db = c.h.database.db;
    await waitFor(async () => (await findPersonBySlackId(db, 'T0CADENCE', dana.id))?.isAdmin === true, { what: 'Dana to be an admin' });
    for (const p of everyone) people[p.name] = (await findPersonBySlackId(db, 'T0CADENCE', p.id))!;
    for (const report of [ana, ben]) {
      const result = await c.h.cadence.deps.org.setManager(people.dana!, report.id, maya.id);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
    }
    const admin = c.h.cadence.deps.reviewAdmin;
    const template = await admin.saveTemplate(people.dana!, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await admin.createCycle(people.dana!, {
      name: 'H1 2027',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [people.ana!.id, people.ben!.id] },
      phases: { self_assessment: '2027-03-19', peer_feedback: '2027-03-26', manager_review: '2027-03-26', conversation: '2027-04-02', sign_off: '2027-04-09' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await admin.launch(people.dana!, cycle.value.id);
    for (const row of await db.selectFrom('review_participant').select(['id', 'person_id']).execute()) {
      const name = Object.values(people).find((p) => p.id === row.person_id)?.name;
      if (name) participantOf[name] = row.id;
    }
  });
  afterAll(() => c.h.stop());

  /** Steps through everything scheduled until the clock reaches `iso`. */
  async function until(iso: string) {
    const target = DateTime.fromISO(iso);
    for (;;) {
      const next = await c.time.next();
      if (!next || next.at > target) break;
      await c.step();
    }
    if (c.clock.now() < target) await c.moveTo(iso);
  }

  /** The D-7 and D-1 reminders sent to `names`, as "kind @ local time", from the delivery ledger. */
  async function reminders(names: string[]): Promise<Record<string, string[]>> {
    const rows = await c.h.database.db
      .selectFrom('delivery')
      .innerJoin('person', 'person.id', 'delivery.person_id')
      .select(['person.name', 'person.timezone', 'delivery.kind', 'delivery.sent_at'])
      .where('delivery.kind', 'in', ['review-due-in-7-days', 'review-due-in-1-day'])
      .where('person.name', 'in', names)
      .orderBy('delivery.sent_at')
      .execute();
    const out: Record<string, string[]> = {};
    for (const row of rows) (out[row.name] ??= []).push(`${row.kind.replace('review-', '')} @ ${row.sent_at ? DateTime.fromJSDate(row.sent_at).setZone(row.timezone).toFormat('ccc dd LLL HH:mm') : 'unsent'}`);
    return out;
  }

  it('reminds the new manager, in Tokyo, of the review they took over at their own 17:59, once', async () => {
    // Maya's D-7 for both reviews has gone out (Friday 17:59 in London) when Ben moves to Taro.
    await until('2027-03-20T12:00:00Z');
    const moved = await c.h.cadence.deps.org.setManager(people.dana!, ben.id, taro.id);
    expect(moved.ok).toBe(true);
    await until('2027-03-25T23:00:00Z');
    expect(await reminders(['maya', 'taro'])).toEqual({
      maya: ['due-in-7-days @ Fri 19 Mar 17:59', 'due-in-7-days @ Fri 19 Mar 17:59', 'due-in-1-day @ Thu 25 Mar 17:59'],
      // Planned for Maya at 17:59 London (02:59 in Tokyo), moved to Taro's working day.
      taro: ['due-in-1-day @ Thu 25 Mar 17:59'],
    });
    const taroReminders = c.h.emulator.dms(taro.id).filter((m) => m.text.startsWith('A reminder: a review item'));
    expect(taroReminders).toHaveLength(1);
    expect(blockText(taroReminders[0]?.blocks)).toContain(`<@${ben.id}>`);
  });

  it('lets the manager set the conversation, refusing a time in the past, and tells the employee in their zone', async () => {
    const reviews = c.h.cadence.deps.reviews;
    expect(await reviews.save(people.taro!, participantOf.ben!, 'manager', { impact: { rating: 2 }, private: { text: 'Solid' } }, true)).toMatchObject({ ok: true });
    await c.h.driver.command({ user: taro.id, command: '/review' });
    const list = await c.h.emulator.waitForEphemeral(taro.id, (m) => blockText(m.blocks).includes('The review conversation with'));
    await c.h.driver.clickButton({ user: taro.id, actionId: ReviewAction.Schedule, source: { message: { channel: list.channel, ts: list.ts } } });
    const modal = await c.h.emulator.waitForModal(taro.id, (view) => view.callback_id === ReviewConversationIds.Callback);
    expect(blockText(modal.blocks)).toContain('Your time (Asia/Tokyo)');

    const past = await c.h.driver.submitView({ user: taro.id, values: { [ReviewConversationIds.Date]: '2027-03-20', [ReviewConversationIds.Time]: '10:00' } });
    expect(past.outcome).toEqual({ kind: 'errors', errors: { [ReviewConversationIds.Date]: 'Pick a time in the future.' } });
    expect((await c.h.database.db.selectFrom('review_participant').select('conversation_at').where('id', '=', participantOf.ben!).executeTakeFirstOrThrow()).conversation_at).toBeNull();

    // 09:00 on Wednesday in Tokyo is 20:00 on Tuesday in New York.
    const set = await c.h.driver.submitView({ user: taro.id, values: { [ReviewConversationIds.Date]: '2027-03-31', [ReviewConversationIds.Time]: '09:00' } });
    expect(set.outcome).toMatchObject({ kind: 'updated' });
    expect(blockText((set.outcome as { view?: unknown }).view)).toContain('Set for Wed 31 Mar 2027, 09:00 your time. Ben NewYork is told: Tue 30 Mar 2027, 20:00, their time.');
    // Set late on Ben's evening: the notice waits for his working morning.
    await until('2027-03-26T14:00:00Z');
    const notice = await c.h.emulator.waitForDm(ben.id, (m) => m.text.startsWith('Your review conversation is on'));
    expect(notice.text).toBe('Your review conversation is on Tue 30 Mar 2027, 20:00 (your time).');
  });

  it('shares the summary with agreed ratings, refusing an overlong one, and the employee makes a next step a goal', async () => {
    await c.h.driver.command({ user: taro.id, command: '/review' });
    const list = await c.h.emulator.waitForEphemeral(taro.id, (m) => blockText(m.blocks).includes('Set for Wed 31 Mar 2027, 09:00 your time'));
    await c.h.driver.clickButton({ user: taro.id, actionId: ReviewAction.Summary, source: { message: { channel: list.channel, ts: list.ts } } });
    await c.h.emulator.waitForModal(taro.id, (view) => view.callback_id === ReviewSummaryIds.Callback);

    const long = await c.h.driver.submitView({ user: taro.id, values: { [ReviewSummaryIds.Agreed]: Array(501).fill('word').join(' ') } });
    expect(long.outcome).toEqual({ kind: 'errors', errors: { [ReviewSummaryIds.Agreed]: 'Keep this to 500 words (it has 501).' } });
    const shared = await c.h.driver.submitView({
      user: taro.id,
      values: { [ReviewSummaryIds.Agreed]: 'A strong half', [reviewSummaryRatingBlock('impact')]: '3', [ReviewSummaryIds.NextSteps]: 'Mentor a new joiner\nRun the Q2 retro' },
    });
    expect(shared.outcome).toMatchObject({ kind: 'updated' });

    const request = await c.h.emulator.waitForDm(ben.id, (m) => m.text === 'A review summary is ready to sign off.');
    await c.h.driver.clickButton({ user: ben.id, actionId: ReviewSignOffIds.Open, source: { message: { channel: request.channel, ts: request.ts } } });
    const reading = await c.h.emulator.waitForModal(ben.id, (view) => view.callback_id === ReviewSignOffIds.Callback);
    expect(blockText(reading.blocks)).toContain('Impact this half: 3 – Above');
    expect(blockText(reading.blocks)).toContain('Conversation: Tue 30 Mar 2027, 20:00 your time.');
    await c.h.driver.clickButton({ user: ben.id, actionId: ReviewAction.NextStepGoal, blockId: reviewNextStepBlock(1), source: { modal: true } });
    await c.h.emulator.waitForModal(ben.id, (view) => blockText(view.blocks).includes('One of your goals now'));
    const goals = await c.h.database.db.selectFrom('goal').select(['title', 'owner_id']).where('owner_id', '=', people.ben!.id).execute();
    expect(goals).toEqual([{ title: 'Run the Q2 retro', owner_id: people.ben!.id }]);

    expect((await c.h.driver.submitView({ user: ben.id, values: { [ReviewSignOffIds.Sign]: ['sign'] } })).outcome).toMatchObject({ kind: 'updated' });
    expect(await c.h.cadence.deps.reviews.signOff(people.taro!, participantOf.ben!, { sign: true, comment: null })).toEqual({ ok: true, value: { locked: true } });
    const signed = await c.h.database.db.selectFrom('review_sign_off').select(['side', 'person_id']).where('participant_id', '=', participantOf.ben!).where('signed_at', 'is not', null).orderBy('side').execute();
    expect(signed).toEqual([
      { side: 'employee', person_id: people.ben!.id },
      { side: 'manager', person_id: people.taro!.id },
    ]);
  });
});
