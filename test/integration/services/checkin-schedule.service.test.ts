import { DateTime } from 'luxon';
import type { ScheduledReminder } from '../../../src/domain/checkin-reminder';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { insertReminders, recordDuePeriods } from '../../../src/repositories/checkin-reminder.repository';
import { recordPeriods, settlePeriod } from '../../../src/repositories/checkin.repository';
import { upsertTeamSettings } from '../../../src/repositories/settings.repository';
import { createAccessService } from '../../../src/services/access.service';
import type { CheckinQueue } from '../../../src/services/checkin-queue';
import { createCheckinScheduleService } from '../../../src/services/checkin-schedule.service';
import { createCheckinService } from '../../../src/services/checkin.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createSettingsService } from '../../../src/services/settings.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';

/** The queue port, recording what the services hand over. */
function recordingQueue(): CheckinQueue & { queued: ScheduledReminder[] } {
  const queued: ScheduledReminder[] = [];
  return { queued, reminders: async (list) => void queued.push(...list), requeue: async (list) => void queued.push(...list) };
}

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const asIso = (list: readonly ScheduledReminder[]) => list.map((r) => ({ ...r, dueAt: r.dueAt.toUTC().toISO() }));

/**
 * The dispatcher's half of the design on real Postgres: schedules computed and recomputed, due
 * periods recorded and their nudges handed to the queue once, however many ticks run.
 */
describe('check-in schedules and the dispatcher', () => {
  let t: TestDatabase;
  // Wednesday 10 March 2027: every zone is before its Friday.
  const clock = new ManualClock('2027-03-10T12:00:00Z');
  let workspaceCount = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  function wire() {
    const queue = recordingQueue();
    const access = createAccessService({ db: t.db });
    return {
      queue,
      schedule: createCheckinScheduleService({ db: t.db, clock, queue }),
      settings: createSettingsService({ db: t.db, clock, access }),
      checkins: createCheckinService({ db: t.db, clock, access, goals: createGoalService({ db: t.db, clock, access, events: { goalCreated: async () => {}, goalChangedByOther: async () => {} } }) }),
    };
  }

  /** A workspace of its own per test, with Cadence's defaults (Fridays 15:00, Mon–Fri 09:00–18:00). */
  async function team(...zones: string[]): Promise<Person[]> {
    workspaceCount += 1;
    const workspaceId = `T0SCHED${workspaceCount}`;
    const people: Person[] = [];
    for (const timezone of zones) people.push(await createPerson(t.db, { workspaceId, timezone }));
    return people;
  }

  const scheduleOf = (personId: string) => t.db.selectFrom('checkin_schedule').selectAll().where('person_id', '=', personId).executeTakeFirst();
  const dueOf = async (personId: string) => (await scheduleOf(personId))?.next_due_at?.toISOString();
  const periodsOf = (personId: string) => t.db.selectFrom('checkin_period').select(['period', 'status']).where('person_id', '=', personId).orderBy('period').execute();

  beforeEach(() => clock.set(at('2027-03-10T12:00:00Z')));

  it('computes everyone’s first nudge at Friday 15:00 in their own zone, leaving out bots and deactivated people', async () => {
    const { schedule } = wire();
    const [london, newYork, kathmandu, lordHowe] = await team('Europe/London', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe');
    const bot = await createPerson(t.db, { workspaceId: london!.workspaceId, isBot: true });
    const gone = await createPerson(t.db, { workspaceId: london!.workspaceId, deactivated: true });
    await schedule.refresh();
    expect(await Promise.all([london, newYork, kathmandu, lordHowe].map((p) => dueOf(p!.id)))).toEqual([
      '2027-03-12T15:00:00.000Z',
      '2027-03-12T20:00:00.000Z',
      '2027-03-12T09:15:00.000Z',
      '2027-03-12T04:00:00.000Z',
    ]);
    expect(await scheduleOf(bot.id)).toBeUndefined();
    expect(await scheduleOf(gone.id)).toBeUndefined();
    // Nothing changed: nothing to recompute.
    expect(await schedule.refresh()).toBe(0);
  });

  it('dispatches nothing before the slot, then records the period and queues one nudge, however often it ticks', async () => {
    const { schedule, queue } = wire();
    const [ana] = await team('Europe/London');
    await schedule.refresh();
    clock.set(at('2027-03-12T14:59:00Z'));
    await schedule.dispatchDue();
    expect(queue.queued.filter((r) => r.personId === ana!.id)).toEqual([]);

    clock.set(at('2027-03-12T15:00:00Z'));
    await schedule.dispatchDue();
    await schedule.dispatchDue();
    clock.set(at('2027-03-12T15:01:00Z'));
    await schedule.dispatchDue();
    expect(asIso(queue.queued.filter((r) => r.personId === ana!.id))).toEqual([
      { personId: ana!.id, period: '2027-03-12', kind: 'nudge', seq: 0, dueAt: '2027-03-12T15:00:00.000Z' },
    ]);
    expect(await periodsOf(ana!.id)).toEqual([{ period: '2027-03-12', status: 'pending' }]);
    expect(await scheduleOf(ana!.id)).toMatchObject({ last_period: '2027-03-12', next_period: '2027-03-19' });
    expect(await dueOf(ana!.id)).toBe('2027-03-19T15:00:00.000Z');
  });

  it('plans each person’s next nudge from their own cadence, though everyone in the batch shares the slot and the zone', async () => {
    const { schedule, queue } = wire();
    const [ana, bo, cy] = await team('Europe/London', 'Europe/London', 'Europe/London');
    await schedule.refresh();
    // Changed behind the scheduler's back, so all three are still due on Friday at 15:00.
    await t.db.updateTable('person').set({ checkin_weekday: 1 }).where('id', '=', bo!.id).execute();
    await t.db.updateTable('person').set({ muted_nudges: ['checkin'] }).where('id', '=', cy!.id).execute();
    clock.set(at('2027-03-12T15:00:00Z'));
    await schedule.dispatchDue();
    expect(await Promise.all([ana, bo, cy].map((p) => dueOf(p!.id)))).toEqual(['2027-03-19T15:00:00.000Z', '2027-03-15T15:00:00.000Z', '2027-03-19T15:00:00.000Z']);
    expect(queue.queued.filter((r) => [ana, bo, cy].some((p) => p!.id === r.personId)).map((r) => r.personId).sort()).toEqual([ana!.id, bo!.id].sort());
  });

  it('splits the work between dispatchers ticking at the same time, each nudge queued once', async () => {
    const first = wire();
    const second = wire();
    const people = await team(...Array.from({ length: 60 }, () => 'Asia/Kathmandu'));
    await first.schedule.refresh();
    clock.set(at('2027-03-12T09:15:00Z'));
    await Promise.all([first.schedule.dispatchDue(), second.schedule.dispatchDue(), first.schedule.dispatchDue()]);
    const queued = [...first.queue.queued, ...second.queue.queued].filter((r) => people.some((p) => p.id === r.personId));
    expect(queued).toHaveLength(60);
    expect(new Set(queued.map((r) => r.personId)).size).toBe(60);
  });

  it('recomputes after the directory sync changed a timezone or deactivated someone', async () => {
    const { schedule } = wire();
    const [movedAway, leaving] = await team('Europe/London', 'Europe/London');
    await schedule.refresh();
    await t.db.updateTable('person').set({ timezone: 'America/New_York' }).where('id', '=', movedAway!.id).execute();
    await t.db.updateTable('person').set({ deactivated: true }).where('id', '=', leaving!.id).execute();
    expect(await schedule.refresh()).toBe(2);
    expect(await dueOf(movedAway!.id)).toBe('2027-03-12T20:00:00.000Z');
    expect(await scheduleOf(leaving!.id)).toMatchObject({ next_due_at: null, active: false });

    await t.db.updateTable('person').set({ deactivated: false }).where('id', '=', leaving!.id).execute();
    await schedule.refresh();
    expect(await dueOf(leaving!.id)).toBe('2027-03-12T15:00:00.000Z');
  });

  it('recomputes at once when someone changes their own cadence or pauses, and on the next tick when the workspace changes', async () => {
    const { schedule, settings } = wire();
    const [ana, bo] = await team('Europe/London', 'Europe/London');
    await schedule.refresh();
    const own = { checkinWeekday: '1', checkinTime: '10:00', checkinEveryWeeks: '', pausedUntil: '', enabledNudges: ['checkin'], aiOptOut: false };
    expect((await settings.updatePersonal(ana!, own)).ok).toBe(true);
    expect(await dueOf(ana!.id)).toBe('2027-03-15T10:00:00.000Z');
    expect((await settings.updatePersonal(ana!, { ...own, pausedUntil: '2027-03-22' })).ok).toBe(true);
    expect(await dueOf(ana!.id)).toBe('2027-03-29T09:00:00.000Z'); // Monday 10:00 BST

    await t.db.updateTable('person').set({ is_admin: true }).where('id', '=', bo!.id).execute();
    const result = await settings.updateWorkspace({ ...bo!, isAdmin: true }, {
      checkinWeekday: '4',
      checkinTime: '11:00',
      checkinEveryWeeks: '1',
      workingDays: ['1', '2', '3', '4', '5'],
      workStart: '09:00',
      workEnd: '18:00',
      quietStart: '20:00',
      quietEnd: '08:00',
      anonymityThreshold: '3',
      skipLevelVisibility: false,
      aiMode: 'on',
      assistantToolCalls: '60',
      assistantTokens: '50000',
      settingsScope: null,
      defaultTimezone: 'UTC',
    });
    expect(result.ok).toBe(true);
    expect(await scheduleOf(bo!.id)).toMatchObject({ stale: true });
    await schedule.refresh();
    expect(await dueOf(bo!.id)).toBe('2027-03-11T11:00:00.000Z');
    // Ana's own Monday stands; only the pause and her day are hers.
    expect(await dueOf(ana!.id)).toBe('2027-03-29T09:00:00.000Z');
  });

  it('records the period but sends nothing to someone who turned check-in reminders off, or already checked in', async () => {
    const { schedule, queue, settings, checkins } = wire();
    const [muted, early] = await team('Europe/London', 'Europe/London');
    expect((await settings.updatePersonal(muted!, { checkinWeekday: '', checkinTime: '', checkinEveryWeeks: '', pausedUntil: '', enabledNudges: [], aiOptOut: false })).ok).toBe(true);
    const answer = { wins: 'Done early', blockers: null, confidence: '8', mood: null, moodShared: false };
    expect(await checkins.submit(early!, '2027-03-12', answer)).toMatchObject({ ok: true });
    await schedule.refresh();
    clock.set(at('2027-03-12T15:00:00Z'));
    await schedule.dispatchDue();
    expect(queue.queued.filter((r) => r.personId === muted!.id || r.personId === early!.id)).toEqual([]);
    expect(await periodsOf(muted!.id)).toEqual([{ period: '2027-03-12', status: 'pending' }]);
    expect(await periodsOf(early!.id)).toEqual([{ period: '2027-03-12', status: 'checked_in' }]);
    expect(await dueOf(early!.id)).toBe('2027-03-19T15:00:00.000Z');
  });

  it('records due periods in one statement: a nudge for each new or still-pending period that wants one, none twice, each at its own time', async () => {
    const [queued, muted, fresh, settled] = await team('Europe/London', 'Europe/London', 'Europe/London', 'Europe/London');
    const period = '2027-03-12';
    const now = at('2027-03-12T15:00:00Z');
    // A period whose nudge is already owed, and one its owner already checked in for.
    const [pending, done] = await recordPeriods(t.db, [queued!, settled!].map((p) => ({ workspaceId: p.workspaceId, personId: p.id, period })), now);
    await insertReminders(t.db, [{ periodId: pending!.id, kind: 'nudge', seq: 0, dueAt: at('2027-03-12T15:00:00Z') }], now);
    await settlePeriod(t.db, done!.id, 'checked_in', now);

    const due = (person: Person, nudgeAt: DateTime | undefined) => ({ workspaceId: person.workspaceId, personId: person.id, period, nudgeAt });
    const later = at('2027-03-12T15:05:00Z');
    const result = await recordDuePeriods(t.db, [due(queued!, now), due(muted!, undefined), due(fresh!, later), due(settled!, now)], now);

    expect(result.periods).toBe(4);
    expect(asIso(result.nudges)).toEqual([{ personId: fresh!.id, period, kind: 'nudge', seq: 0, dueAt: '2027-03-12T15:05:00.000Z' }]);
    const nudges = await t.db
      .selectFrom('checkin_reminder as r')
      .innerJoin('checkin_period as p', 'p.id', 'r.period_id')
      .select(['p.person_id', 'r.due_at'])
      .where('p.person_id', 'in', [queued!.id, muted!.id, fresh!.id, settled!.id])
      .orderBy('r.due_at')
      .execute();
    expect(nudges.map((r) => [r.person_id, r.due_at.toISOString()])).toEqual([
      [queued!.id, '2027-03-12T15:00:00.000Z'],
      [fresh!.id, '2027-03-12T15:05:00.000Z'],
    ]);
    expect(await periodsOf(muted!.id)).toEqual([{ period, status: 'pending' }]);
  });

  it('after downtime, nudges at the next working moment while the period can still be answered, and not after', async () => {
    const { schedule, queue } = wire();
    const [weekend] = await team('Europe/London');
    await schedule.refresh();
    // Back on Saturday: Monday 09:00 is still before the period closes (Monday 18:00).
    clock.set(at('2027-03-13T10:00:00Z'));
    await schedule.dispatchDue();
    expect(asIso(queue.queued.filter((r) => r.personId === weekend!.id))).toEqual([
      { personId: weekend!.id, period: '2027-03-12', kind: 'nudge', seq: 0, dueAt: '2027-03-15T09:00:00.000Z' },
    ]);

    clock.set(at('2027-03-10T12:00:00Z'));
    const [tooLate] = await team('Europe/London');
    await schedule.refresh();
    // Back on Tuesday: too late for that period, and the schedule moves on.
    clock.set(at('2027-03-16T10:00:00Z'));
    await schedule.dispatchDue();
    expect(queue.queued.filter((r) => r.personId === tooLate!.id)).toEqual([]);
    expect(await periodsOf(tooLate!.id)).toEqual([{ period: '2027-03-12', status: 'pending' }]);
    expect(await dueOf(tooLate!.id)).toBe('2027-03-19T15:00:00.000Z');
  });

  it('plans each Slack workspace of an organization by its own working time, even for people due in the same slot of one batch', async () => {
    const { schedule, queue } = wire();
    const [weekdays, saturdays] = await team('Europe/London', 'Europe/London');
    const org = weekdays!.workspaceId;
    await t.db.updateTable('workspace').set({ settings_scope: 'team' }).where('id', '=', org).execute();
    await t.db.insertInto('slack_team').values([{ workspace_id: org, team_id: 'T0WEEKDAYS', name: 'Weekdays' }, { workspace_id: org, team_id: 'T0SATURDAYS', name: 'Saturdays' }]).execute();
    // The same cadence as the organization's (Fridays 15:00), but Saturday is a working day there.
    await upsertTeamSettings(t.db, org, 'T0SATURDAYS', {
      checkin: { weekday: 5, time: '15:00', everyWeeks: 1 },
      workingDays: [1, 2, 3, 4, 5, 6],
      workingHours: { start: '09:00', end: '18:00' },
      quietHours: { start: '22:00', end: '07:00' },
      anonymityThreshold: null,
      skipLevelVisibility: null,
    });
    await t.db.updateTable('person').set({ home_team_id: 'T0WEEKDAYS' }).where('id', '=', weekdays!.id).execute();
    await t.db.updateTable('person').set({ home_team_id: 'T0SATURDAYS' }).where('id', '=', saturdays!.id).execute();
    await schedule.refresh();

    // Back on Saturday at 10:00, both due since Friday 15:00: a working moment for one, not the other.
    clock.set(at('2027-03-13T10:00:00Z'));
    await schedule.dispatchDue();
    const nudgeOf = (person: Person) => asIso(queue.queued.filter((r) => r.personId === person.id)).map((r) => r.dueAt);
    expect(nudgeOf(saturdays!)).toEqual(['2027-03-13T10:00:00.000Z']);
    expect(nudgeOf(weekdays!)).toEqual(['2027-03-15T09:00:00.000Z']);
  });

  it('leaves an uninstalled workspace’s due nudges where they are, and dispatches them once it is installed again', async () => {
    const { schedule, queue } = wire();
    const [gone] = await team('Europe/London');
    await schedule.refresh();
    const installation = { id: gone!.workspaceId, is_enterprise_install: false, installation: null, installed_at: new Date(), revoked_at: new Date(), revoked_reason: 'app_uninstalled' };
    await t.db.insertInto('slack_installation').values(installation).execute();
    clock.set(at('2027-03-12T15:00:00Z'));
    await schedule.dispatchDue();
    expect(queue.queued.filter((r) => r.personId === gone!.id)).toEqual([]);
    expect(await periodsOf(gone!.id)).toEqual([]);
    expect(await dueOf(gone!.id)).toBe('2027-03-12T15:00:00.000Z');

    await t.db.updateTable('slack_installation').set({ revoked_at: null, installation: 'v1.sealed' }).where('id', '=', gone!.workspaceId).execute();
    clock.set(at('2027-03-12T15:30:00Z'));
    await schedule.dispatchDue();
    expect(queue.queued.filter((r) => r.personId === gone!.id)).toHaveLength(1);
    clock.set(at('2027-03-10T12:00:00Z'));
  });

  it('reports the earliest nudge due anywhere', async () => {
    const { schedule } = wire();
    await team('Pacific/Kiritimati');
    await schedule.refresh();
    // UTC+14: its Friday 15:00 is Friday 01:00 UTC, before anyone else's.
    expect((await schedule.earliestDue())?.toUTC().toISO()).toBe('2027-03-12T01:00:00.000Z');
  });
});
