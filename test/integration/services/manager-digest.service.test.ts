import { DateTime } from 'luxon';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { recordPeriods, saveCheckin } from '../../../src/repositories/checkin.repository';
import { upsertTeamSettings } from '../../../src/repositories/settings.repository';
import { createAccessService } from '../../../src/services/access.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createManagerDigestService, type DigestQueue } from '../../../src/services/manager-digest.service';
import { createStaleGoalService } from '../../../src/services/stale-goal.service';
import { AccessDeniedError } from '../../../src/domain/access-policy';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';

const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });

/** The digest's scheduling on real Postgres: one digest per manager and period, however many ticks. */
describe('manager digests', () => {
  let t: TestDatabase;
  // Wednesday 18 November 2026: before the Friday check-in day.
  const clock = new ManualClock('2026-11-18T12:00:00Z');
  let workspaceCount = 0;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  beforeEach(() => clock.set(at('2026-11-18T12:00:00Z')));

  function wire() {
    const queued: Array<{ personId: string; period: string; dueAt: string }> = [];
    const queue: DigestQueue = { digests: async (list) => void queued.push(...list.map((d) => ({ personId: d.personId, period: d.period, dueAt: d.dueAt.toUTC().toISO() ?? '' }))) };
    const access = createAccessService({ db: t.db });
    const goals = createGoalService({ db: t.db, clock, access, events: { goalCreated: async () => {}, goalChangedByOther: async () => {} } });
    const staleGoals = createStaleGoalService({ db: t.db, clock, goals, queue: { nudge: async () => {} } });
    return { queued, digests: createManagerDigestService({ db: t.db, clock, access, goals, staleGoals, queue }) };
  }

  async function team(zone = 'Europe/London'): Promise<{ manager: Person; reports: Person[]; peer: Person }> {
    workspaceCount += 1;
    const workspaceId = `T0DIGEST${workspaceCount}`;
    const manager = await createPerson(t.db, { workspaceId, timezone: zone, name: 'maya' });
    const reports = [await createPerson(t.db, { workspaceId, name: 'ana' }), await createPerson(t.db, { workspaceId, name: 'ben' }), await createPerson(t.db, { workspaceId, name: 'cleo' })];
    for (const report of reports) await linkManager(t.db, report.id, manager.id);
    return { manager, reports, peer: reports[1]! };
  }

  const digestsOf = (personId: string) => t.db.selectFrom('manager_digest').select(['period', 'state']).where('person_id', '=', personId).execute();

  it('schedules a manager’s digest for the working morning after the check-in window closes, in their zone', async () => {
    const { digests } = wire();
    const { manager, reports } = await team('America/New_York');
    await digests.dispatchDue();
    const row = await t.db.selectFrom('manager_digest_schedule').selectAll().where('person_id', '=', manager.id).executeTakeFirstOrThrow();
    expect(row.next_due_at?.toISOString()).toBe('2026-11-24T14:00:00.000Z');
    expect(row.next_period).toBe('2026-11-20');
    // People without reports get no schedule.
    expect(await t.db.selectFrom('manager_digest_schedule').selectAll().where('person_id', '=', reports[0]!.id).executeTakeFirst()).toBeUndefined();
  });

  it('records one digest per manager and period under double ticks and retries, and queues it again until sent', async () => {
    const first = wire();
    const second = wire();
    const { manager } = await team();
    await first.digests.dispatchDue();
    clock.set(at('2026-11-24T09:00:00Z'));
    await Promise.all([first.digests.dispatchDue(), second.digests.dispatchDue()]);
    await first.digests.dispatchDue();
    expect(await digestsOf(manager.id)).toEqual([{ period: '2026-11-20', state: 'scheduled' }]);
    // Every tick hands the owed digest over again (the same job id), so a Redis flush loses nothing.
    const mine = (q: typeof first.queued) => q.filter((d) => d.personId === manager.id);
    const handed = mine(first.queued).length;
    await first.digests.dispatchDue();
    expect(mine(first.queued).length).toBe(handed + 1);
    expect(new Set([...mine(first.queued), ...mine(second.queued)].map((d) => `${d.period} ${d.dueAt}`))).toEqual(new Set(['2026-11-20 2026-11-24T09:00:00.000Z']));
    const work = await first.digests.prepare(manager.id, '2026-11-20');
    expect(work.action).toBe('send');
    if (work.action !== 'send') return;
    await first.digests.complete(work.digest);
    expect((await second.digests.prepare(manager.id, '2026-11-20')).action).toBe('nothing');
    const before = mine(first.queued).length;
    await first.digests.dispatchDue();
    expect(mine(first.queued).length).toBe(before);
    // The schedule moved on to the next week.
    const row = await t.db.selectFrom('manager_digest_schedule').selectAll().where('person_id', '=', manager.id).executeTakeFirstOrThrow();
    expect(row.next_period).toBe('2026-11-27');
  });

  it('builds the content from the reports’ check-ins, and opens a report’s check-in only for whom the policy allows', async () => {
    const { digests } = wire();
    const { manager, reports, peer } = await team();
    const periods = await recordPeriods(t.db, reports.map((r) => ({ workspaceId: r.workspaceId, personId: r.id, period: '2026-11-20' })), clock.now());
    await saveCheckin(t.db, periods[0]!.id, { wins: 'Shipped', blockers: 'Waiting on legal', confidence: 6, mood: 4, moodShared: true }, clock.now());
    await saveCheckin(t.db, periods[1]!.id, { wins: 'Demo', blockers: 'No test data', confidence: 8, mood: 2, moodShared: false }, clock.now());
    await digests.dispatchDue();
    clock.set(at('2026-11-24T09:00:00Z'));
    await digests.dispatchDue();
    const work = await digests.prepare(manager.id, '2026-11-20');
    if (work.action !== 'send') throw new Error(`expected a digest to send, got ${work.action}`);
    const { summary } = work.content;
    expect(summary.checkedIn.map((r) => r.name)).toEqual(['ana', 'ben']);
    expect(summary.missing.map((r) => r.name)).toEqual(['cleo']);
    expect(summary.blockers.map((b) => `${b.name}: ${b.text}`)).toEqual(['ana: Waiting on legal', 'ben: No test data']);
    expect(summary.sharedMoods).toEqual([{ personId: reports[0]!.id, name: 'ana', mood: 4 }]);
    expect(summary.teamMood).toBeUndefined();

    const seen = await digests.reportCheckin(manager, reports[1]!.id, '2026-11-20');
    expect(seen.checkin?.blockers).toBe('No test data');
    expect(seen.showMood).toBe(false);
    await expect(digests.reportCheckin(peer, reports[0]!.id, '2026-11-20')).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(digests.reportCheckin(manager, '00000000-0000-4000-8000-000000000000', '2026-11-20')).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it("withholds the team mood below the highest anonymity threshold among the reports' home workspaces", async () => {
    const { digests } = wire();
    const { manager, reports } = await team();
    const { workspaceId } = manager;
    const periods = await recordPeriods(t.db, reports.map((r) => ({ workspaceId, personId: r.id, period: '2026-11-20' })), clock.now());
    for (const period of periods) await saveCheckin(t.db, period.id, { wins: 'Done', blockers: null, confidence: 7, mood: 3, moodShared: false }, clock.now());
    await digests.dispatchDue();
    clock.set(at('2026-11-24T09:00:00Z'));
    await digests.dispatchDue();
    const teamMood = async () => {
      const work = await digests.prepare(manager.id, '2026-11-20');
      if (work.action !== 'send') throw new Error(`expected a digest to send, got ${work.action}`);
      return work.content.summary.teamMood;
    };
    // Three moods meet the organization's threshold of 3.
    expect(await teamMood()).toBeDefined();

    // An Enterprise Grid organization, settings per workspace: cleo's home workspace asks for 4.
    await t.db.updateTable('workspace').set({ settings_scope: 'team' }).where('id', '=', workspaceId).execute();
    await t.db.insertInto('slack_team').values({ workspace_id: workspaceId, team_id: 'T0STRICT', name: 'Strict' }).execute();
    await upsertTeamSettings(t.db, workspaceId, 'T0STRICT', {
      checkin: { weekday: 5, time: '15:00', everyWeeks: 1 },
      workingDays: [1, 2, 3, 4, 5],
      workingHours: { start: '09:00', end: '18:00' },
      quietHours: { start: '20:00', end: '08:00' },
      anonymityThreshold: 4,
      skipLevelVisibility: null,
    });
    await t.db.updateTable('person').set({ home_team_id: 'T0STRICT' }).where('id', '=', reports[2]!.id).execute();
    expect(await teamMood()).toBeUndefined();
  });

  it('stops scheduling someone who no longer manages anyone, and starts again when they do', async () => {
    const { digests } = wire();
    const { manager, reports } = await team();
    await digests.dispatchDue();
    for (const report of reports) await t.db.updateTable('manager_link').set({ valid_to: new Date() }).where('person_id', '=', report.id).execute();
    clock.set(at('2026-11-24T09:00:00Z'));
    await digests.dispatchDue();
    expect((await digests.prepare(manager.id, '2026-11-20')).action).toBe('nothing');
    const dueOf = async () => (await t.db.selectFrom('manager_digest_schedule').select('next_due_at').where('person_id', '=', manager.id).executeTakeFirstOrThrow()).next_due_at;
    expect(await dueOf()).toBeNull();
    await linkManager(t.db, reports[0]!.id, manager.id);
    await digests.dispatchDue();
    expect((await dueOf())?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('plans no digest in a workspace Cadence was uninstalled from, and the one due goes out once it is installed again', async () => {
    const { digests, queued } = wire();
    const { manager } = await team();
    await digests.dispatchDue();
    const uninstalled = { id: manager.workspaceId, is_enterprise_install: false, installation: null, installed_at: new Date(), revoked_at: new Date(), revoked_reason: 'app_uninstalled' };
    await t.db.insertInto('slack_installation').values(uninstalled).execute();
    clock.set(at('2026-11-24T10:00:00Z'));
    await digests.dispatchDue();
    expect(queued.filter((d) => d.personId === manager.id)).toEqual([]);
    expect(await digestsOf(manager.id)).toEqual([]);

    await t.db.updateTable('slack_installation').set({ revoked_at: null, installation: 'v1.sealed' }).where('id', '=', manager.workspaceId).execute();
    await digests.dispatchDue();
    expect(await digestsOf(manager.id)).toEqual([{ period: '2026-11-20', state: 'scheduled' }]);
  });

  it('sends a late digest at the manager’s next working moment, not in the night', async () => {
    const { digests, queued } = wire();
    const { manager } = await team();
    await digests.dispatchDue();
    // The dispatcher was down from Tuesday morning until Tuesday 23:00 London time.
    clock.set(at('2026-11-24T23:00:00Z'));
    await digests.dispatchDue();
    expect(queued.filter((d) => d.personId === manager.id).map((d) => d.dueAt)).toEqual(['2026-11-25T09:00:00.000Z']);
    expect((await digests.prepare(manager.id, '2026-11-20')).action).toBe('later');
  });

  it('skips a manager who muted digests', async () => {
    const { digests } = wire();
    const { manager } = await team();
    await t.db.updateTable('person').set({ muted_nudges: ['digest'] }).where('id', '=', manager.id).execute();
    await digests.dispatchDue();
    clock.set(at('2026-11-24T09:00:00Z'));
    await digests.dispatchDue();
    expect((await digests.prepare(manager.id, '2026-11-20')).action).toBe('nothing');
    expect(await digestsOf(manager.id)).toEqual([{ period: '2026-11-20', state: 'skipped' }]);
  });

  it('waits for every report’s check-in window, so a check-in made late on Monday in New York reaches a manager in Sydney', async () => {
    const { digests } = wire();
    workspaceCount += 1;
    const workspaceId = `T0DIGEST${workspaceCount}`;
    const manager = await createPerson(t.db, { workspaceId, timezone: 'Australia/Sydney', name: 'maya' });
    const late = await createPerson(t.db, { workspaceId, timezone: 'America/New_York', name: 'ana' });
    await linkManager(t.db, late.id, manager.id);
    await digests.dispatchDue();
    // Tuesday 09:00 in Sydney is Monday 17:00 in New York, where Friday's window is open until 18:00.
    clock.set(at('2026-11-23T22:00:00Z'));
    await digests.dispatchDue();
    const early = await digests.prepare(manager.id, '2026-11-20');
    // Held until the first working moment in Sydney after 18:00 in New York: Tuesday 10:00 there.
    expect(early).toEqual({ action: 'later', at: at('2026-11-23T23:00:00Z') });
    clock.set(at('2026-11-23T22:30:00Z'));
    const [period] = await recordPeriods(t.db, [{ workspaceId, personId: late.id, period: '2026-11-20' }], clock.now());
    await saveCheckin(t.db, period!.id, { wins: 'w', blockers: 'Waiting on legal', confidence: 6, mood: null, moodShared: false }, clock.now());
    clock.set(at('2026-11-23T23:00:00Z'));
    const work = await digests.prepare(manager.id, '2026-11-20');
    if (work.action !== 'send') throw new Error(`expected a digest to send, got ${work.action}`);
    expect(work.content.summary.blockers.map((b) => `${b.name}: ${b.text}`)).toEqual(['ana: Waiting on legal']);
  });
});
