import type { DateTime } from 'luxon';
import { AccessDeniedError } from '../../../src/domain/access-policy';
import type { Person } from '../../../src/domain/person';
import { JobQueue } from '../../../src/jobs/job-queue';
import { staleGoalNudgeHandler, staleGoalNudgeJob } from '../../../src/jobs/stale-goal.job';
import { ManualClock } from '../../../src/lib/clock';
import { createLogger } from '../../../src/lib/logger';
import { createAccessService } from '../../../src/services/access.service';
import { createDeliveryService } from '../../../src/services/delivery.service';
import { createGoalService } from '../../../src/services/goal.service';
import type { OutboundMessage } from '../../../src/services/ports';
import { createStaleGoalService, staleNudgeKey } from '../../../src/services/stale-goal.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { createTestRedis, type TestRedis } from '../../support/redis';

/** Monday 23 November 2026, 10:00 in London: a working moment. */
const START = '2026-11-23T10:00:00Z';

describe('stale-goal detector and nudges', () => {
  let t: TestDatabase;
  let redis: TestRedis;
  beforeAll(async () => {
    t = await createTestDatabase();
    redis = createTestRedis('stale-goals');
  });
  afterAll(async () => {
    await redis.cleanup();
    await t.drop();
  });

  function setup() {
    const clock = new ManualClock(START);
    const queued: Array<{ episodeId: string; at: DateTime }> = [];
    const sent: Array<{ slackUserId: string; message: OutboundMessage }> = [];
    const goals = createGoalService({ db: t.db, clock, events: { goalCreated: async () => {}, goalChangedByOther: async () => {} }, access: createAccessService({ db: t.db }) });
    const staleGoals = createStaleGoalService({ db: t.db, clock, goals, queue: { nudge: async (episodeId, at) => void queued.push({ episodeId, at }) } });
    const delivery = createDeliveryService({
      db: t.db,
      clock,
      notifier: {
        sendDm: async (_w, slackUserId, message) => (sent.push({ slackUserId, message }), { channel: `D${slackUserId}`, ts: `${sent.length}.0001` }),
        findDm: async () => undefined,
      },
    });
    const handler = staleGoalNudgeHandler({ staleGoals, goals, delivery });
    /** Runs every queued nudge job whose time has come, as a worker would (each id once per run). */
    const runDue = async () => {
      for (const { episodeId } of queued.filter((q) => q.at <= clock.now())) await handler.handle({ episodeId }, { jobId: staleNudgeKey(episodeId), attempt: 1 });
    };
    return { clock, queued, sent, goals, staleGoals, handler, runDue };
  }

  const episodeOf = async (goalId: string) =>
    (await t.db.selectFrom('goal_staleness').select('id').where('goal_id', '=', goalId).executeTakeFirst())?.id;

  async function goalOf(owner: Person, s: ReturnType<typeof setup>, targetDate: string | null = null) {
    const created = await s.goals.create(owner, { title: `Goal of ${owner.name}`, description: null, category: 'performance', targetDate });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return created.value.goal;
  }

  it('queues one nudge per episode under a deterministic id, and sends it once however often it runs', async () => {
    const s = setup();
    const owner = await createPerson(t.db);
    const goal = await goalOf(owner, s);
    expect((await s.staleGoals.detect()).stale).toBe(0);

    s.clock.advance({ days: 21, minutes: 1 });
    await s.staleGoals.detect();
    await s.staleGoals.detect();
    const forGoal = await t.db.selectFrom('goal_staleness').selectAll().where('goal_id', '=', goal.id).execute();
    expect(forGoal).toHaveLength(1);
    const episodeId = forGoal[0]?.id ?? '';
    // Queued by both runs, under the same id: BullMQ keeps one job.
    expect(s.queued.filter((q) => q.episodeId === episodeId)).toHaveLength(2);
    const jobs = redis.track(new JobQueue({ backend: redis.backend(), logger: createLogger('silent') }));
    expect(await jobs.enqueue(staleGoalNudgeJob, { episodeId })).toEqual({ jobId: `stale-goal-${episodeId}`, added: true });
    expect(await jobs.enqueue(staleGoalNudgeJob, { episodeId })).toMatchObject({ added: false });

    // The job twice (a retry, a duplicate): one DM.
    await s.runDue();
    await s.handler.handle({ episodeId }, { jobId: staleNudgeKey(episodeId), attempt: 2 });
    expect(s.sent.filter((m) => m.slackUserId === owner.slackUserId)).toHaveLength(1);
    expect(s.sent[0]?.message.text).toContain(goal.title);
    // Settled: later runs queue nothing for it while it stays stale.
    s.queued.length = 0;
    s.clock.advance({ days: 3 });
    await s.staleGoals.detect();
    expect(s.queued).toEqual([]);
  });

  it('nudges again only after the goal was updated and went stale again', async () => {
    const s = setup();
    const owner = await createPerson(t.db);
    const goal = await goalOf(owner, s);
    s.clock.advance({ days: 22 });
    await s.staleGoals.detect();
    await s.runDue();
    expect(s.sent.filter((m) => m.slackUserId === owner.slackUserId)).toHaveLength(1);

    // Updated: the episode ends at the next run; nothing is owed.
    const updated = await s.goals.updateProgress(owner, goal.id, { status: 'on_track', note: 'Still on it', values: [] });
    expect(updated.ok).toBe(true);
    const first = await episodeOf(goal.id);
    s.clock.advance({ minutes: 15 });
    await s.staleGoals.detect();
    expect(await episodeOf(goal.id)).toBeUndefined();

    s.queued.length = 0;
    s.clock.advance({ days: 21 });
    await s.staleGoals.detect();
    const second = await episodeOf(goal.id);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    expect(s.queued.map((q) => q.episodeId)).toContain(second);
    await s.runDue();
    expect(s.sent.filter((m) => m.slackUserId === owner.slackUserId)).toHaveLength(2);
  });

  it('waits for working hours, and leaves out paused, muted and deactivated owners', async () => {
    const s = setup();
    const auckland = await createPerson(t.db, { timezone: 'Pacific/Auckland' });
    const paused = await createPerson(t.db);
    const muted = await createPerson(t.db);
    const gone = await createPerson(t.db);
    for (const owner of [auckland, paused, muted, gone]) await goalOf(owner, s);
    await t.db.updateTable('person').set({ paused_until: '2026-12-31' }).where('id', '=', paused.id).execute();
    await t.db.updateTable('person').set({ muted_nudges: ['goal'] }).where('id', '=', muted.id).execute();
    await t.db.updateTable('person').set({ deactivated: true }).where('id', '=', gone.id).execute();

    s.clock.advance({ days: 21, minutes: 1 });
    await s.staleGoals.detect();
    const episodeOfOwner = async (owner: Person) =>
      (await t.db.selectFrom('goal_staleness as s').innerJoin('goal as g', 'g.id', 's.goal_id').select('s.id').where('g.owner_id', '=', owner.id).executeTakeFirstOrThrow()).id;
    const at = new Map(s.queued.map((q) => [q.episodeId, q.at]));
    // 10:01 in London is 23:01 in Auckland: the nudge waits for 09:00 there, the next working morning.
    expect(at.get(await episodeOfOwner(auckland))?.setZone('Pacific/Auckland').toISO()).toBe('2026-12-15T09:00:00.000+13:00');
    // Paused up to and including 31 December: Friday 1 January, 09:00 in London.
    expect(at.get(await episodeOfOwner(paused))?.toISO()).toBe('2027-01-01T09:00:00.000Z');
    expect(at.has(await episodeOfOwner(muted))).toBe(false);
    expect(at.has(await episodeOfOwner(gone))).toBe(false);

    // Run now, too early for Auckland and for the pause: nothing goes out.
    const mine = await Promise.all([auckland, paused].map(episodeOfOwner));
    for (const episodeId of mine) await s.handler.handle({ episodeId }, { jobId: staleNudgeKey(episodeId), attempt: 1 });
    expect(s.sent).toEqual([]);
  });

  it('extends a goal only to a date from the owner’s today to five years on, for whoever may edit it', async () => {
    const s = setup();
    const owner = await createPerson(t.db);
    const peer = await createPerson(t.db);
    const goal = await goalOf(owner, s, '2026-11-30');
    s.clock.advance({ days: 10 });
    const extend = (targetDate: string | null, who = owner) => s.goals.extend(who, goal.id, { targetDate, note: null });
    expect(await extend('2026-11-30')).toEqual({ ok: false, errors: { targetDate: 'The target date is in the past. Pick today or a later day.' } });
    expect(await extend(null)).toEqual({ ok: false, errors: { targetDate: 'Pick the new target date.' } });
    expect(await extend('2031-12-04')).toMatchObject({ ok: false, errors: { targetDate: expect.stringContaining('within 5 years') } });
    await expect(extend('2027-01-15', peer)).rejects.toBeInstanceOf(AccessDeniedError);
    const extended = await extend('2027-01-15');
    if (!extended.ok) throw new Error('not extended');
    expect(extended.value.goal.targetDate).toBe('2027-01-15');
    expect(extended.value.history[0]?.changes).toEqual([{ type: 'field', field: 'targetDate', from: '2026-11-30', to: '2027-01-15' }]);
  });

  it('flags stale goals of a manager’s reports, through the access policy', async () => {
    const s = setup();
    const manager = await createPerson(t.db);
    const report = await createPerson(t.db);
    const peer = await createPerson(t.db);
    await linkManager(t.db, report.id, manager.id);
    const overdue = await goalOf(report, s, '2026-11-30');
    await goalOf(report, s);
    s.clock.advance({ days: 10 });
    await s.goals.updateProgress(report, (await s.goals.listOwn(report))[1]?.goal.id ?? '', { status: 'on_track', note: 'fresh', values: [] });

    const flagged = await s.staleGoals.forManager(manager);
    expect(flagged.map((f) => [f.goal.id, f.owner.id, f.reason.targetPassed, f.reason.noUpdateSince])).toEqual([[overdue.id, report.id, '2026-11-30', null]]);
    expect(await s.staleGoals.forManager(peer)).toEqual([]);
  });
});
