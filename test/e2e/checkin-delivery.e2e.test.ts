import { reminderKey } from '../../src/domain/checkin-reminder';
import { checkinReconciler, checkinReminderJob } from '../../src/jobs/checkin.job';
import { CheckinAction, CheckinBlock, DeliveryAction } from '../../src/views/ids';
import { startTimedCadence, type TimedCadence, ZONED } from '../support/nudges';
import { waitFor } from '../support/redis';

const { alice, bob, kiran, lena } = ZONED;
// The HR admin; in a zone whose Friday comes last, so Lena's nudge is the first message sent.
const dana = { id: 'U0DANA', name: 'dana', realName: 'Dana Example', email: 'dana@example.com', tz: 'America/Los_Angeles' };

jest.setTimeout(120_000);

const blockText = (view: { blocks?: unknown[] } | undefined) => JSON.stringify(view?.blocks ?? []);

/** Sent reminders per person, as "kind#seq@due", from Postgres. */
async function sentReminders(c: TimedCadence): Promise<Record<string, string[]>> {
  const rows = await c.h.database.db
    .selectFrom('checkin_reminder as r')
    .innerJoin('checkin_period as p', 'p.id', 'r.period_id')
    .innerJoin('person', 'person.id', 'p.person_id')
    .select(['person.name', 'r.kind', 'r.seq', 'r.due_at'])
    .where('r.state', '=', 'sent')
    .orderBy('r.due_at')
    .execute();
  const out: Record<string, string[]> = {};
  for (const row of rows) (out[row.name] ??= []).push(`${row.kind}#${row.seq}@${row.due_at.toISOString()}`);
  return out;
}

async function reminderRef(c: TimedCadence, slackUserId: string, kind: 'nudge' | 'follow_up' = 'nudge') {
  const row = await c.h.database.db
    .selectFrom('checkin_reminder as r')
    .innerJoin('checkin_period as p', 'p.id', 'r.period_id')
    .innerJoin('person', 'person.id', 'p.person_id')
    .select(['p.person_id', 'p.period', 'r.kind', 'r.seq', 'r.id', 'r.state'])
    .where('person.slack_user_id', '=', slackUserId)
    .where('r.kind', '=', kind)
    .orderBy('r.due_at', 'desc')
    .executeTakeFirstOrThrow();
  return { id: row.id, state: row.state, ref: { personId: row.person_id, period: row.period, kind: row.kind, seq: row.seq } };
}

describe('a retried or duplicated send job', () => {
  let c: TimedCadence;
  beforeAll(async () => {
    c = await startTimedCadence('2027-03-11T12:00:00Z');
  });
  afterAll(() => c.h.stop());

  it('retries a send Slack refused, and the person gets the nudge once', async () => {
    c.h.emulator.failNext('chat.postMessage', { error: 'internal_error' });
    await c.step(); // Lena, Friday 15:00 Lord Howe time
    const calls = c.h.emulator.calls('chat.postMessage').filter((call) => call.params.channel === lena.id);
    expect(calls.map((call) => call.response.ok)).toEqual([false, true]);
    expect(c.h.emulator.dms(lena.id)).toHaveLength(1);
  });

  it('sends no second DM when the job runs again after it finished', async () => {
    const { ref } = await reminderRef(c, lena.id);
    const jobs = c.h.cadence.deps.jobs;
    // BullMQ keeps a finished job's id for an hour; once it is gone, the same id can be queued again.
    await (await jobs.queueFor('slack').getJob(checkinReminderJob.jobId(ref)))?.remove();
    expect((await jobs.enqueue(checkinReminderJob, ref)).added).toBe(true);
    await c.settle();
    expect(await jobs.getJobState(checkinReminderJob, ref)).toBe('completed');
    expect(c.h.emulator.dms(lena.id)).toHaveLength(1);
  });

  it('sends no second DM when the first run died after Slack took the message but before it was recorded', async () => {
    const { id, ref } = await reminderRef(c, lena.id);
    const db = c.h.database.db;
    // What a crash between chat.postMessage and the bookkeeping leaves: the ledger says sent, the reminder does not.
    await db.updateTable('checkin_reminder').set({ state: 'scheduled', settled_at: null }).where('id', '=', id).execute();
    await (await c.h.cadence.deps.jobs.queueFor('slack').getJob(checkinReminderJob.jobId(ref)))?.remove();
    await c.h.cadence.deps.jobs.enqueue(checkinReminderJob, ref);
    await c.settle();
    expect(c.h.emulator.dms(lena.id)).toHaveLength(1);
    expect((await reminderRef(c, lena.id)).state).toBe('sent');
    const ledger = await db.selectFrom('delivery').select('status').where('dedupe_key', '=', reminderKey(ref)).execute();
    expect(ledger).toEqual([{ status: 'sent' }]);
    // And still one follow-up waiting, not two.
    const followUps = await db.selectFrom('checkin_reminder').select('id').where('kind', '=', 'follow_up').execute();
    expect(followUps).toHaveLength(1);
  });
});

describe('Redis flushed in the middle of the week', () => {
  let c: TimedCadence;
  beforeAll(async () => {
    // The worker checks for lost recurring jobs every 200 ms here instead of every minute.
    c = await startTimedCadence('2027-03-11T12:00:00Z', { schedulerCheckMs: 200 });
  });
  afterAll(() => c.h.stop());

  it('loses no nudge, snooze or follow-up, and doubles none', async () => {
    await c.step(); // Lena's nudge; her follow-up now waits in Redis for Monday
    await c.step(); // Kiran's nudge
    const nudge = c.h.emulator.dms(kiran.id).at(-1)!;
    await c.h.driver.clickButton({ user: kiran.id, actionId: CheckinAction.Snooze, source: { message: { channel: nudge.channel, ts: nudge.ts } } });
    await c.h.emulator.waitForDm(kiran.id, (m) => m.ts === nudge.ts && m.text.startsWith('Snoozed.'));

    // Everything in Redis is gone: the delayed snooze and follow-ups, the schedulers themselves.
    expect(await c.h.redis.wipe(c.h.database.url)).toBeGreaterThan(0);
    expect(await c.time.next()).toMatchObject({ what: 'checkin-nudge' });
    // The worker's scheduler watch puts the recurring jobs back; a new one runs at once, so the
    // reconciler queues again what Postgres says is owed.
    const reconcilers = async () => (await c.h.cadence.deps.jobs.queueFor('default').getJobSchedulers()).filter((s) => s.key === checkinReconciler.schedulerId);
    await waitFor(async () => (await reconcilers()).length === 1, { what: 'the scheduler watch to restore the reconciler' });
    await c.settle();

    // On to the next Friday's first nudge.
    while (c.clock.now().toISO()! < '2027-03-19T04:00:00.000Z') await c.step();
    expect(await sentReminders(c)).toEqual({
      lena: ['nudge#0@2027-03-12T04:00:00.000Z', 'follow_up#0@2027-03-14T22:30:00.000Z', 'nudge#0@2027-03-19T04:00:00.000Z'],
      kiran: ['nudge#0@2027-03-12T09:15:00.000Z', 'nudge#1@2027-03-12T11:15:00.000Z', 'follow_up#0@2027-03-15T03:45:00.000Z'],
      alice: ['nudge#0@2027-03-12T15:00:00.000Z', 'follow_up#0@2027-03-15T09:30:00.000Z'],
      bob: ['nudge#0@2027-03-12T20:00:00.000Z', 'follow_up#0@2027-03-15T13:30:00.000Z'],
    });
    expect(c.h.emulator.dms(lena.id)).toHaveLength(3);
    expect(c.h.emulator.dms(kiran.id)).toHaveLength(3);
    expect(c.h.emulator.dms(alice.id)).toHaveLength(2);
    expect(c.h.emulator.dms(bob.id)).toHaveLength(2);
  });
});

describe('Slack rate limits', () => {
  const londoners = Array.from({ length: 8 }, (_, i) => ({ id: `U0LDN${i}`, name: `ldn${i}`, realName: `Londoner ${i}`, email: `ldn${i}@example.com`, tz: 'Europe/London' }));
  let c: TimedCadence;
  beforeAll(async () => {
    c = await startTimedCadence('2027-03-11T12:00:00Z', { people: londoners });
  });
  afterAll(() => c.h.stop());

  it('delay the nudges of people due in the same minute with 429s, and lose none', async () => {
    // One message a second for the whole workspace: eight due at once cannot all go through.
    c.h.emulator.setRateLimit('chat.postMessage', { max: 1, windowMs: 1000 });
    await c.step();
    const calls = c.h.emulator.calls('chat.postMessage');
    expect(calls.filter((call) => call.status === 429).length).toBeGreaterThan(0);
    expect(calls.filter((call) => call.response.ok)).toHaveLength(londoners.length);
    for (const person of londoners) expect({ person: person.id, dms: c.h.emulator.dms(person.id).length }).toEqual({ person: person.id, dms: 1 });
    const ledger = await c.h.database.db.selectFrom('delivery').select('status').execute();
    expect(ledger.map((row) => row.status)).toEqual(londoners.map(() => 'sent'));
  });
});

describe('a send that fails for good', () => {
  let c: TimedCadence;
  beforeAll(async () => {
    c = await startTimedCadence('2027-03-11T12:00:00Z', { people: [...Object.values(ZONED), dana], env: { ADMIN_SLACK_IDS: dana.id } });
  });
  afterAll(() => c.h.stop());

  it('is recorded, shown to admins on the Home tab, and not retried', async () => {
    c.h.emulator.failNext('chat.postMessage', { error: 'channel_not_found' });
    await c.step(); // Lena's nudge: refused for good
    const { state } = await reminderRef(c, lena.id);
    expect(state).toBe('failed');
    await c.h.cadence.deps.checkinReminders.reconcile();
    await c.settle();
    expect(c.h.emulator.calls('chat.postMessage').filter((call) => call.params.channel === lena.id)).toHaveLength(1);

    await c.h.driver.appHomeOpened({ user: dana.id });
    const home = await c.h.emulator.waitForHome(dana.id, (view) => blockText(view).includes('Delivery problems'));
    expect(blockText(home)).toContain('1 message could not be delivered in the last 7 days.');
    await c.h.driver.clickButton({ user: dana.id, actionId: DeliveryAction.Problems, source: { home: true } });
    const modal = await c.h.emulator.waitForModal(dana.id, (view) => blockText(view).includes('check-in reminder'));
    expect(blockText(modal)).toContain(`check-in reminder to <@${lena.id}>: Slack refused: channel_not_found`);

    // Someone who is not an admin sees no such line.
    await c.h.driver.appHomeOpened({ user: alice.id });
    expect(blockText(await c.h.emulator.waitForHome(alice.id))).not.toContain('Delivery problems');
  });

  it('leaves everyone else’s nudges alone', async () => {
    await c.step(); // Kiran
    expect(c.h.emulator.dms(kiran.id)).toHaveLength(1);
  });
});

describe('/checkin', () => {
  let c: TimedCadence;
  beforeAll(async () => {
    c = await startTimedCadence('2027-03-11T12:00:00Z');
  });
  afterAll(() => c.h.stop());

  it.each([
    ['help', 'Check-ins take two minutes'],
    ['frobnicate', "I don't know `/checkin frobnicate`"],
  ])('answers /checkin %s with the usage', async (text, intro) => {
    await c.h.driver.command({ user: bob.id, command: '/checkin', text });
    const reply = await c.h.emulator.waitForEphemeral(bob.id, (m) => m.text.startsWith(intro));
    expect(blockText(reply)).toContain('/checkin help');
  });

  it('opens the form for this week; a bad answer keeps it open with inline errors and stores nothing', async () => {
    await c.h.driver.command({ user: bob.id, command: '/checkin', text: '' });
    await c.h.emulator.waitForModal(bob.id, (view) => view.callback_id === 'checkin_form');
    const result = await c.h.driver.submitView({ user: bob.id, values: { [CheckinBlock.Wins]: '   ' }, skipClientValidation: true });
    expect(result.body).toEqual({
      response_action: 'errors',
      errors: { [CheckinBlock.Wins]: 'Tell us at least one thing: a win, or what is in your way.', [CheckinBlock.Confidence]: 'Pick how confident you are, from 0 to 10.' },
    });
    expect(await c.h.database.db.selectFrom('checkin').select('id').execute()).toEqual([]);

    const saved = await c.h.driver.submitView({ user: bob.id, values: { [CheckinBlock.Blockers]: 'Build is flaky', [CheckinBlock.Confidence]: '4' } });
    expect(saved.outcome).toMatchObject({ kind: 'updated' });
    expect(await c.h.database.db.selectFrom('checkin').select(['blockers', 'confidence', 'mood']).execute()).toEqual([{ blockers: 'Build is flaky', confidence: 4, mood: null }]);
  });

  it('shows on the Home tab, whose button reopens the saved answers; and Bob is not nudged for that week', async () => {
    await c.h.driver.appHomeOpened({ user: bob.id });
    const home = await c.h.emulator.waitForHome(bob.id, (view) => blockText(view).includes('Check-in for the week of Friday 12 March'));
    expect(blockText(home)).toContain('done :white_check_mark:');
    await c.h.driver.clickButton({ user: bob.id, actionId: CheckinAction.Open, source: { home: true } });
    const modal = await c.h.emulator.waitForModal(bob.id, (view) => view.callback_id === 'checkin_form' && blockText(view).includes('Build is flaky'));
    expect(modal.submit).toMatchObject({ text: 'Save changes' });
    await c.h.driver.closeView({ user: bob.id });

    while (c.clock.now().toISO()! < '2027-03-12T20:00:00.000Z') await c.step();
    // Only the confirmation of his check-in: no nudge.
    expect(c.h.emulator.dms(bob.id).map((m) => m.text)).toEqual(['Checked in for the week of Friday 12 March. Thank you!']);
    expect(c.h.emulator.dms(alice.id)).toHaveLength(1);
  });
});
