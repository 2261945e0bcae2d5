import { DateTime } from 'luxon';
import { reminderKey, type ReminderRef, type ScheduledReminder } from '../../../src/domain/checkin-reminder';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { claimDelivery, markDeliverySent, releaseDelivery } from '../../../src/repositories/delivery.repository';
import { findReminder, insertReminders } from '../../../src/repositories/checkin-reminder.repository';
import { createAccessService } from '../../../src/services/access.service';
import type { CheckinQueue } from '../../../src/services/checkin-queue';
import { createCheckinReminderService } from '../../../src/services/checkin-reminder.service';
import { createCheckinScheduleService } from '../../../src/services/checkin-schedule.service';
import { createCheckinService } from '../../../src/services/checkin.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const FRIDAY_3PM = '2027-03-12T15:00:00Z';

/**
 * What a nudge's job does with Postgres: send, wait, or let it go (and why), the follow-up it
 * leaves behind, and the Snooze and Skip buttons. Slack itself is left to the end-to-end tests.
 */
describe('check-in reminders', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2027-03-10T12:00:00Z');
  let queued: ScheduledReminder[];
  const queue: CheckinQueue = { reminders: async (list) => void queued.push(...list), requeue: async (list) => void queued.push(...list) };
  let services: ReturnType<typeof wire>;

  function wire() {
    const access = createAccessService({ db: t.db });
    return {
      schedule: createCheckinScheduleService({ db: t.db, clock, queue }),
      reminders: createCheckinReminderService({ db: t.db, clock, access, queue }),
      checkins: createCheckinService({ db: t.db, clock, access, goals: createGoalService({ db: t.db, clock, access, events: { goalCreated: async () => {}, goalChangedByOther: async () => {} } }) }),
    };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    services = wire();
  });
  afterAll(() => t.drop());

  /** A Londoner whose Friday nudge was just dispatched; returns them and the nudge. */
  async function nudged(): Promise<{ person: Person; nudge: ScheduledReminder }> {
    clock.set(at('2027-03-10T12:00:00Z'));
    const person = await createPerson(t.db, { workspaceId: 'T0REMIND', timezone: 'Europe/London' });
    await services.schedule.refresh();
    clock.set(at(FRIDAY_3PM));
    queued = [];
    await services.schedule.dispatchDue();
    const nudge = queued.find((r) => r.personId === person.id);
    if (!nudge) throw new Error('no nudge dispatched');
    queued = [];
    return { person, nudge };
  }

  const stateOf = async (ref: ReminderRef) => (await t.db.selectFrom('checkin_reminder as r').innerJoin('checkin_period as p', 'p.id', 'r.period_id').select(['r.state', 'r.outcome', 'r.due_at']).where('p.person_id', '=', ref.personId).where('p.period', '=', ref.period).where('r.kind', '=', ref.kind).where('r.seq', '=', ref.seq).executeTakeFirstOrThrow());
  /** The work a due reminder's job would do: send it. */
  const sendable = async (ref: ReminderRef) => {
    const work = await services.reminders.prepare(ref);
    if (work.action !== 'send') throw new Error(`expected to send, not ${work.action}`);
    return work;
  };
  const reminderOf = async (ref: ReminderRef) => {
    const reminder = await findReminder(t.db, ref);
    if (!reminder) throw new Error('no such reminder');
    return reminder;
  };

  it('sends a due nudge, and once it is in Slack schedules the one follow-up for the next working morning', async () => {
    const { person, nudge } = await nudged();
    const work = await sendable(nudge);
    expect(work).toMatchObject({ action: 'send', person: { id: person.id }, cadence: { weekday: 5, time: '15:00' } });
    await services.reminders.delivered(work, 'sent');
    expect(await stateOf(nudge)).toMatchObject({ state: 'sent' });
    expect(queued.map((r) => ({ ...r, dueAt: r.dueAt.toUTC().toISO() }))).toEqual([
      { personId: person.id, period: '2027-03-12', kind: 'follow_up', seq: 0, dueAt: '2027-03-15T09:30:00.000Z' },
    ]);
    // The follow-up's job ran early (a reconciler, a clock that drifted): it waits.
    const followUp = { ...nudge, kind: 'follow_up' as const };
    expect(await services.reminders.prepare(followUp)).toEqual({ action: 'later', at: at('2027-03-15T09:30:00Z') });
    clock.set(at('2027-03-15T09:30:00Z'));
    expect(await services.reminders.prepare(followUp)).toMatchObject({ action: 'send' });
  });

  it('writes a reminder once: inserting it again adds nothing, and the one added keeps the due time asked for first', async () => {
    const { nudge } = await nudged();
    const { periodId } = await reminderOf(nudge);
    const first = at('2027-03-15T09:30:00Z');
    const added = await insertReminders(
      t.db,
      [
        { periodId, kind: 'follow_up', seq: 0, dueAt: first },
        { periodId, kind: 'follow_up', seq: 0, dueAt: at('2027-03-16T09:30:00Z') },
      ],
      clock.now(),
    );
    expect(added.map((r) => ({ ...r, dueAt: r.dueAt.toMillis() }))).toEqual([{ periodId, kind: 'follow_up', seq: 0, dueAt: first.toMillis() }]);
    expect((await stateOf({ ...nudge, kind: 'follow_up' })).due_at).toEqual(first.toJSDate());
    expect(await insertReminders(t.db, [{ periodId, kind: 'nudge', seq: 0, dueAt: first }], clock.now())).toEqual([]);
  });

  it('treats a duplicate job the ledger already saw through as sent, without a second follow-up', async () => {
    const { nudge } = await nudged();
    const work = await sendable(nudge);
    const { reminder } = work;
    const claim = { workspaceId: reminder.workspaceId, personId: reminder.personId, dedupeKey: reminderKey(nudge), kind: 'checkin-nudge' };
    const claimed = await claimDelivery(t.db, claim);
    if (claimed.state !== 'claimed') throw new Error('not claimed');
    await markDeliverySent(t.db, claimed.id, new Date(), { channel: 'D1', ts: '1.0001' });
    await services.reminders.delivered(work, 'already-handled');
    await services.reminders.delivered(work, 'already-handled');
    expect(await stateOf(nudge)).toMatchObject({ state: 'sent' });
    expect(queued.filter((r) => r.kind === 'follow_up')).toHaveLength(1);
    const followUps = await t.db.selectFrom('checkin_reminder').select('id').where('period_id', '=', reminder.periodId).where('kind', '=', 'follow_up').execute();
    expect(followUps).toHaveLength(1);
  });

  it.each([
    ['the person checked in', 'already checked in'],
    ['the person paused', 'paused'],
    ['the person left', 'the person is no longer active'],
    ['the person turned check-in reminders off', 'check-in reminders turned off'],
  ])('sends nothing when %s, and records why', async (change, outcome) => {
    const { person, nudge } = await nudged();
    if (change === 'the person checked in') {
      expect(await services.checkins.submit(person, '2027-03-12', { wins: 'x', blockers: null, confidence: '5', mood: null, moodShared: false })).toMatchObject({ ok: true });
    }
    if (change === 'the person paused') await t.db.updateTable('person').set({ paused_until: '2027-03-12' }).where('id', '=', person.id).execute();
    if (change === 'the person left') await t.db.updateTable('person').set({ deactivated: true }).where('id', '=', person.id).execute();
    if (change === 'the person turned check-in reminders off') await t.db.updateTable('person').set({ muted_nudges: ['checkin'] }).where('id', '=', person.id).execute();
    expect(await services.reminders.prepare(nudge)).toEqual({ action: 'nothing' });
    expect(await stateOf(nudge)).toMatchObject({ state: 'skipped', outcome });
  });

  it('waits for working time when its job runs after hours, and lets go once the period is over', async () => {
    const { nudge } = await nudged();
    // A backlog ran past 18:00 on Friday: Monday 09:00 instead, and the row says so.
    clock.set(at('2027-03-12T18:30:00Z'));
    expect(await services.reminders.prepare(nudge)).toEqual({ action: 'later', at: at('2027-03-15T09:00:00Z') });
    expect((await stateOf(nudge)).due_at.toISOString()).toBe('2027-03-15T09:00:00.000Z');
    clock.set(at('2027-03-16T09:00:00Z'));
    expect(await services.reminders.prepare(nudge)).toEqual({ action: 'nothing' });
    expect(await stateOf(nudge)).toMatchObject({ state: 'skipped', outcome: 'too late: the period can no longer be answered' });
  });

  it('snoozes two hours once per click, for the person it is for only', async () => {
    const { person, nudge } = await nudged();
    await services.reminders.delivered(await sendable(nudge), 'sent');
    queued = [];
    const { id } = await reminderOf(nudge);
    const stranger = await createPerson(t.db, { workspaceId: 'T0REMIND' });
    await expect(services.reminders.snooze(stranger, id)).rejects.toMatchObject({ name: 'AccessDeniedError' });

    const first = await services.reminders.snooze(person, id);
    const again = await services.reminders.snooze(person, id);
    expect(first).toEqual({ outcome: 'snoozed', until: at('2027-03-12T17:00:00Z'), timezone: 'Europe/London' });
    expect(again).toEqual(first);
    expect(queued.map((r) => [r.kind, r.seq, r.dueAt.toUTC().toISO()])).toEqual([['nudge', 1, '2027-03-12T17:00:00.000Z']]);

    // The snoozed round goes out at 17:00; the follow-up still waits for Monday morning.
    clock.set(at('2027-03-12T17:00:00Z'));
    const round = { ...nudge, seq: 1 };
    await services.reminders.delivered(await sendable(round), 'sent');
    expect((await stateOf({ ...nudge, kind: 'follow_up' })).due_at.toISOString()).toBe('2027-03-15T09:30:00.000Z');
  });

  it('skips the week: the period is settled and its follow-up never goes out', async () => {
    const { person, nudge } = await nudged();
    await services.reminders.delivered(await sendable(nudge), 'sent');
    const { id } = await reminderOf(nudge);
    expect(await services.reminders.skip(person, id)).toEqual({ outcome: 'skipped', period: '2027-03-12' });
    expect(await services.reminders.snooze(person, id)).toEqual({ outcome: 'skipped' });
    const followUp = { ...nudge, kind: 'follow_up' as const };
    expect(await stateOf(followUp)).toMatchObject({ state: 'skipped', outcome: 'skipped by the person' });
    clock.set(at('2027-03-15T09:30:00Z'));
    expect(await services.reminders.prepare(followUp)).toEqual({ action: 'nothing' });
  });

  it('records a send that kept failing, in the ledger too, so admins see it', async () => {
    const { nudge } = await nudged();
    const reminder = await reminderOf(nudge);
    const claimed = await claimDelivery(t.db, { workspaceId: reminder.workspaceId, personId: reminder.personId, dedupeKey: reminderKey(nudge), kind: 'checkin-nudge' });
    if (claimed.state !== 'claimed') throw new Error('not claimed');
    await releaseDelivery(t.db, claimed.id, 'Slack refused: internal_error');
    await services.reminders.failed(reminder, 'gave up after 5 attempts: Slack refused: internal_error');
    expect(await stateOf(nudge)).toMatchObject({ state: 'failed', outcome: 'gave up after 5 attempts: Slack refused: internal_error' });
    const ledger = await t.db.selectFrom('delivery').select(['status', 'last_error']).where('dedupe_key', '=', reminderKey(nudge)).executeTakeFirstOrThrow();
    expect(ledger).toEqual({ status: 'failed', last_error: 'gave up after 5 attempts: Slack refused: internal_error' });
  });

  it('hands every scheduled reminder to the queue again, and only those', async () => {
    const scheduled = await t.db.selectFrom('checkin_reminder').select('id').where('state', '=', 'scheduled').execute();
    queued = [];
    expect(await services.reminders.reconcile()).toBe(scheduled.length);
    expect(queued).toHaveLength(scheduled.length);
    expect(scheduled.length).toBeGreaterThan(0);
  });
});
