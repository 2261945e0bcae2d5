import { DateTime } from 'luxon';
import { reminderKey, type ScheduledReminder } from '../../../src/domain/checkin-reminder';
import { checkinReminderHandler, checkinReminderJob } from '../../../src/jobs/checkin.job';
import { ManualClock } from '../../../src/lib/clock';
import { NotDeliveredError, PermanentError, RunLaterError } from '../../../src/lib/errors';
import { createAccessService } from '../../../src/services/access.service';
import { createCheckinReminderService } from '../../../src/services/checkin-reminder.service';
import { createCheckinScheduleService } from '../../../src/services/checkin-schedule.service';
import { createDeliveryService } from '../../../src/services/delivery.service';
import type { Notifier } from '../../../src/services/ports';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';

/** The send job's handling of Slack's failures: retry what may be retried, record what may not, never loop. */
describe('the check-in reminder job', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2027-03-10T12:00:00Z');
  let queued: ScheduledReminder[] = [];
  const failures: Error[] = [];
  const notifier: Notifier = {
    sendDm: async () => {
      const failure = failures.shift();
      if (failure) throw failure;
      return { channel: 'D1', ts: '1.000001' };
    },
    findDm: async () => undefined,
  };
  let handler: ReturnType<typeof checkinReminderHandler>;
  let services: { schedule: ReturnType<typeof createCheckinScheduleService> };

  beforeAll(async () => {
    t = await createTestDatabase();
    const access = createAccessService({ db: t.db });
    const push = async (list: readonly ScheduledReminder[]) => void queued.push(...list);
    const queue = { reminders: push, requeue: push };
    services = { schedule: createCheckinScheduleService({ db: t.db, clock, queue }) };
    handler = checkinReminderHandler({
      checkinReminders: createCheckinReminderService({ db: t.db, clock, access, queue }),
      delivery: createDeliveryService({ db: t.db, notifier, clock }),
      clock,
    });
  });
  afterAll(() => t.drop());

  async function dueNudge(): Promise<ScheduledReminder> {
    clock.set(DateTime.fromISO('2027-03-10T12:00:00Z'));
    const person = await createPerson(t.db, { workspaceId: 'T0JOB', timezone: 'Europe/London' });
    await services.schedule.refresh();
    clock.set(DateTime.fromISO('2027-03-12T15:00:00Z'));
    queued = [];
    await services.schedule.dispatchDue();
    const nudge = queued.find((r) => r.personId === person.id);
    if (!nudge) throw new Error('no nudge');
    return nudge;
  }
  const run = (ref: ScheduledReminder, attempt: number) =>
    handler.handle({ personId: ref.personId, period: ref.period, kind: ref.kind, seq: ref.seq }, { jobId: checkinReminderJob.jobId(ref), attempt });
  const states = async (ref: ScheduledReminder) => ({
    reminder: (await t.db.selectFrom('checkin_reminder as r').innerJoin('checkin_period as p', 'p.id', 'r.period_id').select(['r.state', 'r.outcome']).where('p.person_id', '=', ref.personId).where('r.kind', '=', ref.kind).where('r.seq', '=', ref.seq).executeTakeFirstOrThrow()),
    ledger: await t.db.selectFrom('delivery').select(['status', 'last_error']).where('dedupe_key', '=', reminderKey(ref)).executeTakeFirst(),
  });

  it('retries a refused send for as long as the nudge can be answered, then records it as failed for good', async () => {
    const nudge = await dueNudge();
    failures.push(new NotDeliveredError('Slack refused: internal_error'), new NotDeliveredError('Slack refused: internal_error'));
    await expect(run(nudge, 1)).rejects.toBeInstanceOf(RunLaterError);
    expect(await states(nudge)).toEqual({ reminder: { state: 'scheduled', outcome: null }, ledger: { status: 'retry', last_error: 'Slack refused: internal_error' } });
    // Attempts do not run out: an hour of outage later it is still retried.
    clock.set(DateTime.fromISO('2027-03-12T16:00:00Z'));
    await expect(run(nudge, 50)).rejects.toBeInstanceOf(RunLaterError);
    expect(await states(nudge)).toMatchObject({ reminder: { state: 'scheduled' }, ledger: { status: 'retry' } });
    // Tuesday: the period's answer window closed on Monday evening.
    clock.set(DateTime.fromISO('2027-03-16T10:00:00Z'));
    await expect(run(nudge, 51)).resolves.toBeUndefined();
    expect(await states(nudge)).toEqual({
      reminder: { state: 'failed', outcome: 'Slack could not be reached before the answer window closed' },
      ledger: { status: 'failed', last_error: 'Slack could not be reached before the answer window closed' },
    });
    // Run again (a stalled job, the reconciler): nothing more happens.
    await expect(run(nudge, 1)).resolves.toBeUndefined();
  });

  it('records a permanent refusal at once', async () => {
    const nudge = await dueNudge();
    failures.push(new PermanentError('Slack refused: channel_not_found'));
    await expect(run(nudge, 1)).rejects.toBeInstanceOf(PermanentError);
    expect(await states(nudge)).toEqual({
      reminder: { state: 'failed', outcome: 'Slack refused: channel_not_found' },
      ledger: { status: 'failed', last_error: 'Slack refused: channel_not_found' },
    });
  });

  it('asks to run again later when it is early, and sends when it is time', async () => {
    const nudge = await dueNudge();
    clock.set(DateTime.fromISO('2027-03-12T14:00:00Z'));
    await expect(run(nudge, 1)).rejects.toEqual(new RunLaterError(3_600_000));
    clock.set(DateTime.fromISO('2027-03-12T15:00:00Z'));
    await run(nudge, 1);
    expect(await states(nudge)).toMatchObject({ reminder: { state: 'sent' }, ledger: { status: 'sent' } });
  });
});
