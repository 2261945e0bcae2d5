import { ManualClock } from '../../../src/lib/clock';
import { createAccessService } from '../../../src/services/access.service';
import { createCheckinScheduleService } from '../../../src/services/checkin-schedule.service';
import { createCheckinService } from '../../../src/services/checkin.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createPeopleService } from '../../../src/services/people.service';
import { createPrivacyService } from '../../../src/services/privacy.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';

/** Check-ins are personal content: in a person's data export, and gone when an admin erases them. */
describe('check-ins and personal data', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2027-03-10T12:00:00Z');
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('are exported, then erased with the schedule, and the person is not scheduled again', async () => {
    const access = createAccessService({ db: t.db });
    const people = createPeopleService({
      db: t.db,
      defaultTimezone: 'UTC',
      directory: { fetchProfile: async () => undefined, listProfiles: async function* () {}, workspaceIds: async () => ['T0PRIVACY'] },
    });
    const privacy = createPrivacyService({ db: t.db, clock, access, people });
    const checkins = createCheckinService({ db: t.db, clock, access, goals: createGoalService({ db: t.db, clock, access, events: { goalCreated: async () => {}, goalChangedByOther: async () => {} } }) });
    const schedule = createCheckinScheduleService({ db: t.db, clock, queue: { reminders: async () => undefined, requeue: async () => undefined } });
    const admin = await createPerson(t.db, { workspaceId: 'T0PRIVACY', isAdmin: true });
    const ana = await createPerson(t.db, { workspaceId: 'T0PRIVACY', timezone: 'Europe/London' });
    await schedule.refresh();
    const answer = { wins: 'Mentored a new joiner', blockers: null, confidence: '9', mood: '4', moodShared: true };
    expect(await checkins.submit(ana, '2027-03-12', answer)).toMatchObject({ ok: true });

    const exported = await privacy.exportPerson(admin, ana.slackUserId);
    if (!exported.ok) throw new Error('export refused');
    expect(exported.value.data.checkins).toEqual([
      {
        period: '2027-03-12',
        wins: 'Mentored a new joiner',
        blockers: null,
        confidence: 9,
        mood: 4,
        moodShared: true,
        createdAt: '2027-03-10T12:00:00.000Z',
        updatedAt: '2027-03-10T12:00:00.000Z',
      },
    ]);

    expect((await privacy.erasePerson(admin, ana.slackUserId)).ok).toBe(true);
    const left = await Promise.all(
      (['checkin_period', 'checkin_schedule'] as const).map((table) => t.db.selectFrom(table).select('person_id').where('person_id', '=', ana.id).execute()),
    );
    expect(left).toEqual([[], []]);
    expect(await t.db.selectFrom('checkin').select('id').execute()).toEqual([]);
    await schedule.refresh();
    expect(await t.db.selectFrom('checkin_schedule').select('person_id').where('person_id', '=', ana.id).execute()).toEqual([]);
  });
});
