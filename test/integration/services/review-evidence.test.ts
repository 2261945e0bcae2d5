import { DateTime } from 'luxon';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { createGoalService } from '../../../src/services/goal.service';
import { createReviewEvidenceService } from '../../../src/services/review-evidence';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';
import { QUESTIONS, wireReviews } from '../../support/reviews';

/**
 * The evidence beside a review form: the person's goals with their history, check-ins with
 * confidence, feedback shared with the manager, over the cycle's period, each read as the asker may.
 */
describe('review evidence', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-12-07T10:00:00Z');
  const W = 'T0REVEVID';
  let hr: Person, manager: Person, employee: Person, peer: Person, skip: Person;
  let participantId: string;
  let evidence: ReturnType<typeof createReviewEvidenceService>;

  beforeAll(async () => {
    t = await createTestDatabase();
    const r = wireReviews(t.db, clock);
    const fb = wireFeedback(t.db, clock, W);
    const goals = createGoalService({ db: t.db, clock, access: r.access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } });
    evidence = createReviewEvidenceService({ db: t.db, clock, access: r.access, goals, feedbackRequests: fb.requests, feedbackNotes: fb.notes });

    hr = await createPerson(t.db, { workspaceId: W, isAdmin: true });
    skip = await createPerson(t.db, { workspaceId: W, realName: 'Sky Skip' });
    manager = await createPerson(t.db, { workspaceId: W, realName: 'Mo Manager' });
    employee = await createPerson(t.db, { workspaceId: W, realName: 'Emma Employee' });
    peer = await createPerson(t.db, { workspaceId: W, realName: 'Pat Peer' });
    await linkManager(t.db, manager.id, skip.id);
    await linkManager(t.db, employee.id, manager.id);

    // A goal and its history; the update inside the period is listed, the one before is not.
    clock.set(DateTime.fromISO('2026-05-04T10:00:00Z'));
    const goal = await goals.create(employee, { title: 'Ship billing v2', description: null, category: 'performance', targetDate: '2027-03-31' });
    if (!goal.ok) throw new Error(JSON.stringify(goal.errors));
    await goals.updateProgress(employee, goal.value.goal.id, { status: 'on_track', note: 'Kick-off', values: [], percent: '10' });
    clock.set(DateTime.fromISO('2026-10-05T10:00:00Z'));
    await goals.updateProgress(employee, goal.value.goal.id, { status: 'on_track', note: 'Beta shipped', values: [], percent: '60' });
    // Key results make progress fractional (2 of 3 is 66.67%); evidence shows whole percents like every other surface.
    const kr = { title: 'Regions live', kind: 'number' as const, start: '0', target: '3', unit: null, weight: null };
    const regions = await goals.create(employee, { title: 'Launch in three regions', description: null, category: 'performance', targetDate: '2027-03-31', keyResults: [kr] });
    if (!regions.ok) throw new Error(JSON.stringify(regions.errors));
    await goals.updateProgress(employee, regions.value.goal.id, { status: 'on_track', note: null, values: [{ keyResultId: regions.value.keyResults[0]!.id, value: '2' }] });

    for (const [period, wins, confidence] of [['2026-05-01', 'Old win', 5], ['2026-11-06', 'Closed the beta', 8]] as const) {
      const row = await t.db.insertInto('checkin_period').values({ workspace_id: W, person_id: employee.id, period, created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('checkin').values({ period_id: row.id, wins, blockers: 'Waiting on legal', confidence, mood: 2, created_at: new Date(), updated_at: new Date() }).execute();
    }
    const shared = await fb.notes.give(peer, { recipientSlackId: employee.slackUserId, body: 'Great demo last week', shareWithManager: true });
    const privateNote = await fb.notes.give(peer, { recipientSlackId: employee.slackUserId, body: 'Just between us', shareWithManager: false });
    if (!shared.ok || !privateNote.ok) throw new Error('expected the notes to be given');

    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
    const template = await r.admin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await r.admin.createCycle(hr, {
      name: 'H2 2026',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [employee.id] },
      phases: { self_assessment: '2026-12-18', peer_feedback: '2026-12-23', manager_review: '2026-12-23', conversation: '2027-01-08', sign_off: '2027-01-15' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await r.admin.launch(hr, cycle.value.id);
    participantId = (await t.db.selectFrom('review_participant').select('id').where('cycle_id', '=', cycle.value.id).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.drop());

  it('lists the period’s goals with progress and history, check-ins with confidence, and feedback shared with the manager', async () => {
    const found = await evidence.evidence(employee, participantId);
    expect(found.since).toBe('2026-06-18');
    expect(found.goals.map((g) => ({ title: g.title, standing: g.standing, updates: g.updates.map((u) => u.on) }))).toEqual([
      { title: 'Ship billing v2', standing: 'on track, 60% done, due 2027-03-31.', updates: ['2026-10-05'] },
      { title: 'Launch in three regions', standing: 'on track, 66% done, due 2027-03-31. Key result “Regions live”: 2 of 3.', updates: ['2026-10-05'] },
    ]);
    expect(found.goals[1]?.updates[0]?.text).toContain('progress moved from 0% to 66%');
    expect(found.goals[0]?.updates[0]?.text).toContain('Beta shipped');
    expect(found.checkins).toEqual([{ period: '2026-11-06', wins: 'Closed the beta', blockers: 'Waiting on legal', confidence: 8 }]);
    expect(found.notes.map((n) => n.body)).toEqual(['Great demo last week']);
    expect(found.summaries).toEqual([]);
  });

  it('gives the manager of today the same evidence, and refuses everyone who does not write the review', async () => {
    expect((await evidence.evidence(manager, participantId)).checkins).toHaveLength(1);
    for (const reader of [peer, hr, skip]) await expect(evidence.evidence(reader, participantId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    const stranger = await createPerson(t.db, { workspaceId: 'T0REVEVID2', isAdmin: true });
    await expect(evidence.evidence(stranger, participantId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
  });
});
