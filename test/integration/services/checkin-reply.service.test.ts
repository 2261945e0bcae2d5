import { DateTime } from 'luxon';
import { reminderKey, type ScheduledReminder } from '../../../src/domain/checkin-reminder';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { listPeriodNotesOf } from '../../../src/repositories/checkin.repository';
import { claimDelivery, markDeliverySent } from '../../../src/repositories/delivery.repository';
import { createAccessService } from '../../../src/services/access.service';
import type { CheckinQueue } from '../../../src/services/checkin-queue';
import { createCheckinReplyService } from '../../../src/services/checkin-reply.service';
import { createCheckinScheduleService } from '../../../src/services/checkin-schedule.service';
import { createCheckinService } from '../../../src/services/checkin.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** Replies in a nudge's DM thread: kept once per Slack event, as the period's note. */
describe('check-in replies', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2027-03-10T12:00:00Z');
  let queued: ScheduledReminder[] = [];
  const queue: CheckinQueue = { reminders: async (list) => void queued.push(...list), requeue: async (list) => void queued.push(...list) };

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const wire = () => {
    const access = createAccessService({ db: t.db });
    const goals = createGoalService({ db: t.db, clock, access, events: { goalCreated: async () => {}, goalChangedByOther: async () => {} } });
    const checkins = createCheckinService({ db: t.db, clock, access, goals });
    return { schedule: createCheckinScheduleService({ db: t.db, clock, queue }), replies: createCheckinReplyService({ db: t.db, clock, checkins }) };
  };

  /** A Londoner whose Friday nudge was sent as message 100.1 in D1. */
  async function nudged(): Promise<Person> {
    const { schedule } = wire();
    clock.set(at('2027-03-10T12:00:00Z'));
    const person = await createPerson(t.db, { workspaceId: 'T0REPLY', timezone: 'Europe/London' });
    await schedule.refresh();
    clock.set(at('2027-03-12T15:00:00Z'));
    queued = [];
    await schedule.dispatchDue();
    const nudge = queued.find((r) => r.personId === person.id);
    if (!nudge) throw new Error('no nudge');
    const claimed = await claimDelivery(t.db, { workspaceId: 'T0REPLY', personId: person.id, dedupeKey: reminderKey(nudge), kind: 'checkin-nudge' });
    if (claimed.state !== 'claimed') throw new Error('not claimed');
    await markDeliverySent(t.db, claimed.id, clock.now().toJSDate(), { channel: 'D1', ts: '100.1' });
    return person;
  }

  const periodOf = (person: Person) => t.db.selectFrom('checkin_period').select(['note', 'status']).where('person_id', '=', person.id).executeTakeFirstOrThrow();
  const scheduled = (person: Person) =>
    t.db
      .selectFrom('checkin_reminder as r')
      .innerJoin('checkin_period as p', 'p.id', 'r.period_id')
      .select('r.kind')
      .where('p.person_id', '=', person.id)
      .where('r.state', '=', 'scheduled')
      .execute();

  it('keeps replies in order, each event once, and stops the reminders', async () => {
    const person = await nudged();
    const { replies } = wire();
    const reply = (eventId: string, text: string) => replies.reply(person, { eventId, channel: 'D1', threadTs: '100.1', text });
    expect(await reply('Ev1', 'Quiet week.')).toMatchObject({ outcome: 'recorded', period: '2027-03-12' });
    expect(await reply('Ev1', 'Quiet week.')).toEqual({ outcome: 'duplicate' });
    expect(await reply('Ev2', 'Blocked on reviews.')).toMatchObject({ outcome: 'recorded' });
    expect(await periodOf(person)).toEqual({ note: 'Quiet week.\n\nBlocked on reviews.', status: 'pending' });
    expect(await scheduled(person)).toEqual([]);
    // Part of the person's data export.
    expect(await listPeriodNotesOf(t.db, person.id)).toEqual([{ period: '2027-03-12', note: 'Quiet week.\n\nBlocked on reviews.' }]);
    expect(await reply('Ev3', 'x'.repeat(3000))).toEqual({ outcome: 'too_long' });
  });

  it('answers anything outside a nudge thread with directions, once per event', async () => {
    const person = await nudged();
    const { replies } = wire();
    expect(await replies.reply(person, { eventId: 'Ev10', channel: 'D1', threadTs: undefined, text: 'hi' })).toEqual({ outcome: 'not_in_thread' });
    expect(await replies.reply(person, { eventId: 'Ev10', channel: 'D1', threadTs: undefined, text: 'hi' })).toEqual({ outcome: 'duplicate' });
    expect(await replies.reply(person, { eventId: 'Ev11', channel: 'D1', threadTs: '999.9', text: 'hi' })).toEqual({ outcome: 'not_in_thread' });
    expect((await periodOf(person)).note).toBeNull();
  });

  it('keeps nothing once the nudge’s period is closed', async () => {
    const person = await nudged();
    clock.set(at('2027-03-16T12:00:00Z'));
    expect(await wire().replies.reply(person, { eventId: 'Ev20', channel: 'D1', threadTs: '100.1', text: 'late' })).toEqual({ outcome: 'closed' });
    expect((await periodOf(person)).note).toBeNull();
  });
});
