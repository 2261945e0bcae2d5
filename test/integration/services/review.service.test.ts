import { DateTime } from 'luxon';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { buildReviewStepMessage } from '../../../src/views/review/review.messages';
import { FeedbackAction, ReviewAction } from '../../../src/views/ids';
import { QUESTIONS, wireReviews } from '../../support/reviews';

/**
 * Review cycles through their services on Postgres: templates that keep running cycles as they
 * were, answers checked against the template, a manager change mid-cycle, deactivation, the
 * conversation and the locked sign-off, and who reads what.
 */
describe('review cycles', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-12-07T10:00:00Z'); // Monday
  let r: ReturnType<typeof wireReviews>;
  let hr: Person;
  let manager: Person;
  let employee: Person;
  const phases = { self_assessment: '2026-12-18', peer_feedback: '2026-12-23', manager_review: '2026-12-23', conversation: '2027-01-08', sign_off: '2027-01-15' };

  beforeAll(async () => {
    t = await createTestDatabase();
    r = wireReviews(t.db, clock);
  });
  afterAll(() => t.drop());

  async function people(workspaceId: string) {
    hr = await createPerson(t.db, { workspaceId, isAdmin: true, realName: 'Hana HR' });
    manager = await createPerson(t.db, { workspaceId, realName: 'Mo Manager' });
    employee = await createPerson(t.db, { workspaceId, realName: 'Emma Employee' });
    await linkManager(t.db, employee.id, manager.id);
  }

  async function launchedCycle(participants: Person[] = [employee]) {
    const template = await r.admin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await r.admin.createCycle(hr, { name: 'H2 2026', templateVersionId: template.value.id, participants: { kind: 'people', personIds: participants.map((p) => p.id) }, phases });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await r.admin.launch(hr, cycle.value.id);
    const participant = await t.db.selectFrom('review_participant').select('id').where('cycle_id', '=', cycle.value.id).where('person_id', '=', employee.id).executeTakeFirstOrThrow();
    return { templateId: template.value.templateId, versionId: template.value.id, cycleId: cycle.value.id, participantId: participant.id };
  }

  const selfAnswers = { impact: { rating: 3 }, wins: { text: 'Shipped the billing rewrite' } };
  const managerAnswers = { impact: { rating: 2 }, private: { text: 'Ready for more scope' } };

  it('keeps a running cycle on the template version it started with when the template is edited', async () => {
    await people('T0REVTPL');
    const { templateId, versionId, participantId } = await launchedCycle();
    const edited = await r.admin.saveTemplate(hr, templateId, { name: 'Half-year', questions: [{ ...QUESTIONS[0]!, prompt: 'A changed question' }] });
    expect(edited).toMatchObject({ ok: true, value: { templateId, version: 2 } });
    if (!edited.ok) return;
    expect(edited.value.id).not.toBe(versionId);
    const form = await r.reviews.form(employee, participantId, 'self');
    expect(form.questions.map((q) => q.question.prompt)).toEqual(['Impact this half', 'Your wins']);
  });

  it('edits a template in place while no cycle uses it', async () => {
    await people('T0REVTPL2');
    const created = await r.admin.saveTemplate(hr, null, { name: 'Draft', questions: QUESTIONS });
    if (!created.ok) throw new Error('expected a template');
    const edited = await r.admin.saveTemplate(hr, created.value.templateId, { name: 'Draft v1', questions: QUESTIONS });
    expect(edited).toMatchObject({ ok: true, value: { id: created.value.id, version: 1, name: 'Draft v1' } });
  });

  it('refuses a cycle without participants (a team with nobody in it) or with a template of another workspace', async () => {
    await people('T0REVBAD');
    const template = await r.admin.saveTemplate(hr, null, { name: 'T', questions: QUESTIONS });
    if (!template.ok) throw new Error('expected a template');
    const lonely = await createPerson(t.db, { workspaceId: 'T0REVBAD' });
    expect(await r.admin.createCycle(hr, { name: 'Empty', templateVersionId: template.value.id, participants: { kind: 'team', managerId: lonely.id }, phases })).toEqual({
      ok: false,
      errors: { participants: 'Add at least one participant.' },
    });
    const otherHr = await createPerson(t.db, { workspaceId: 'T0REVOTHER', isAdmin: true });
    expect(await r.admin.createCycle(otherHr, { name: 'Theirs', templateVersionId: template.value.id, participants: { kind: 'everyone' }, phases })).toMatchObject({
      ok: false,
      errors: { template: 'Pick a template.' },
    });
    expect(await t.db.selectFrom('review_cycle').select('id').where('name', 'in', ['Empty', 'Theirs']).execute()).toEqual([]);
  });

  it('takes everyone under a manager, at every level, for a team cycle', async () => {
    await people('T0REVTEAM');
    const grandReport = await createPerson(t.db, { workspaceId: 'T0REVTEAM' });
    await linkManager(t.db, grandReport.id, employee.id);
    const template = await r.admin.saveTemplate(hr, null, { name: 'T', questions: QUESTIONS });
    if (!template.ok) throw new Error('expected a template');
    const cycle = await r.admin.createCycle(hr, { name: 'Team', templateVersionId: template.value.id, participants: { kind: 'team', managerId: manager.id }, phases });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    const rows = await t.db.selectFrom('review_participant').select('person_id').where('cycle_id', '=', cycle.value.id).execute();
    expect(rows.map((row) => row.person_id).sort()).toEqual([employee.id, grandReport.id].sort());
  });

  it('asks a team’s or a role’s competency only in the reviews of that team or role, the workspace’s in everyone’s', async () => {
    await people('T0REVSCOPE');
    const lead = await createPerson(t.db, { workspaceId: 'T0REVSCOPE', realName: 'Tia Team' });
    const seller = await createPerson(t.db, { workspaceId: 'T0REVSCOPE', realName: 'Sam Seller' });
    await linkManager(t.db, seller.id, lead.id);
    await t.db.updateTable('person').set({ title: 'Account Executive' }).where('id', '=', seller.id).execute();
    expect(await r.admin.defineCompetency(hr, { name: 'Orbiting', description: '', levels: ['a', 'b', 'c'], role: 'Astronaut' })).toEqual({
      ok: false,
      errors: { role: 'Nobody active in Cadence has that job title on their Slack profile: check the spelling, or leave it for every role.' },
    });
    const closing = await r.admin.defineCompetency(hr, { name: 'Closing', description: '', levels: ['New', 'Solid', 'Expert'], role: ' account executive' });
    expect(closing).toMatchObject({ ok: true, value: { role: 'account executive', teamManagerId: null } });
    const craft = await r.admin.defineCompetency(hr, { name: 'Craft', description: '', levels: ['Learning', 'Doing', 'Teaching'] });
    const selling = await r.admin.defineCompetency(hr, { name: 'Selling', description: '', levels: ['New', 'Solid', 'Expert'], teamSlackUserId: lead.slackUserId });
    if (!craft.ok || !selling.ok || !closing.ok) throw new Error('expected three competencies');
    const rated = (id: string, competencyId: string) => ({ id, kind: 'competency' as const, prompt: id, competencyId, allowNa: false, answeredBy: ['self' as const, 'manager' as const], readableBy: ['employee' as const, 'manager' as const] });
    const template = await r.admin.saveTemplate(hr, null, { name: 'Scoped', questions: [QUESTIONS[0]!, rated('craft', craft.value.id), rated('selling', selling.value.id), rated('closing', closing.value.id)] });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await r.admin.createCycle(hr, { name: 'Scoped', templateVersionId: template.value.id, participants: { kind: 'people', personIds: [employee.id, seller.id] }, phases });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await r.admin.launch(hr, cycle.value.id);
    const participantOf = async (person: Person) => (await t.db.selectFrom('review_participant').select('id').where('person_id', '=', person.id).executeTakeFirstOrThrow()).id;
    const [mine, theirs] = [await participantOf(employee), await participantOf(seller)];

    expect((await r.reviews.form(employee, mine, 'self')).questions.map((q) => q.question.id)).toEqual(['impact', 'craft']);
    expect((await r.reviews.form(seller, theirs, 'self')).questions.map((q) => q.question.id)).toEqual(['impact', 'craft', 'selling', 'closing']);
    expect((await r.reviews.form(manager, mine, 'manager')).questions.map((q) => q.question.id)).toEqual(['impact', 'craft']);
    expect(await r.reviews.save(employee, mine, 'self', { impact: { rating: 2 }, craft: { rating: 3 }, selling: { rating: 1 } }, true)).toEqual({
      ok: false,
      errors: { questions: 'An answer was given to a question this form does not ask.' },
    });
    // The out-of-scope question is not asked, so a submission does not wait for it.
    expect(await r.reviews.save(employee, mine, 'self', { impact: { rating: 2 }, craft: { rating: 3 } }, true)).toEqual({ ok: true, value: 'submitted' });
    expect(await r.reviews.save(seller, theirs, 'self', { impact: { rating: 2 }, craft: { rating: 3 } }, true)).toEqual({
      ok: false,
      errors: { question_selling: 'Answer this question before submitting.', question_closing: 'Answer this question before submitting.' },
    });
  });

  it('checks answers against the template and stores nothing half-way', async () => {
    await people('T0REVANS');
    const { participantId } = await launchedCycle();
    expect(await r.reviews.save(employee, participantId, 'self', { impact: { rating: 4 }, wins: { text: 'one two three four five six seven eight nine ten eleven' } }, true)).toEqual({
      ok: false,
      errors: { question_impact: 'Pick a point from 1 to 3.', question_wins: 'Keep this to 10 words (it has 11).' },
    });
    expect(await t.db.selectFrom('review_response').select('id').where('participant_id', '=', participantId).execute()).toEqual([]);
    expect(await r.reviews.save(employee, participantId, 'self', { wins: { text: 'draft' } }, false)).toEqual({ ok: true, value: 'saved' });
    expect(await r.reviews.save(employee, participantId, 'self', selfAnswers, true)).toEqual({ ok: true, value: 'submitted' });
    expect(await r.reviews.save(employee, participantId, 'self', selfAnswers, true)).toEqual({ ok: false, errors: { questions: 'You submitted this already.' } });
  });

  it('shows who reads each answer on the form, from the writer’s side', async () => {
    await people('T0REVFORM');
    const { participantId } = await launchedCycle();
    const self = await r.reviews.form(employee, participantId, 'self');
    expect(self.questions.map((q) => [q.question.id, q.readers, q.scale])).toEqual([
      ['impact', 'Who reads this: you, your manager', ['Below', 'Meets', 'Above']],
      ['wins', 'Who reads this: you, your manager, HR', undefined],
    ]);
    const review = await r.reviews.form(manager, participantId, 'manager');
    expect(review.questions.map((q) => q.readers)).toEqual(['Who reads this: the employee, their manager', 'Who reads this: their manager, HR']);
  });

  it('moves a report to their new manager mid-cycle: the old draft is kept and carried, and the new one reviews', async () => {
    await people('T0REVMOVE');
    const newManager = await createPerson(t.db, { workspaceId: 'T0REVMOVE', realName: 'Nia New' });
    const { participantId, cycleId } = await launchedCycle();
    expect(await r.reviews.save(manager, participantId, 'manager', { private: { text: 'Half-written thoughts' } }, false)).toEqual({ ok: true, value: 'saved' });
    await linkManager(t.db, employee.id, newManager.id);

    await expect(r.reviews.save(manager, participantId, 'manager', managerAnswers, true)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    await expect(r.reviews.read(manager, participantId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    expect((await r.reviews.waiting(manager)).map((w) => w.item)).toEqual([]);
    expect((await r.reviews.waiting(newManager)).map((w) => w.item)).toEqual(['manager_review', 'conversation']);
    const form = await r.reviews.form(newManager, participantId, 'manager');
    expect({ carriedFrom: form.carriedFrom, answers: form.answers }).toEqual({ carriedFrom: 'previous_manager', answers: { private: { text: 'Half-written thoughts' } } });
    expect(await r.reviews.save(newManager, participantId, 'manager', managerAnswers, true)).toEqual({ ok: true, value: 'submitted' });

    const completion = await r.admin.completion(hr, cycleId);
    expect(completion.rows.map((row) => ({ manager: row.manager?.id, review: row.states.manager_review }))).toEqual([{ manager: newManager.id, review: 'done' }]);
    const drafts = await t.db.selectFrom('review_response').select(['author_id', 'submitted_at']).where('participant_id', '=', participantId).where('role', '=', 'manager').execute();
    expect(drafts.map((d) => [d.author_id, d.submitted_at !== null]).sort()).toEqual([[manager.id, false], [newManager.id, true]].sort());
  });

  it('replans the manager’s reminders still ahead on the new manager’s calendar, once, when a report moves', async () => {
    await people('T0REVMOVETZ');
    const tokyo = await createPerson(t.db, { workspaceId: 'T0REVMOVETZ', realName: 'Taro Tokyo', timezone: 'Asia/Tokyo' });
    const { participantId } = await launchedCycle();
    const scheduled = async () =>
      (
        await t.db
          .selectFrom('review_step')
          .select(['item', 'kind', 'due_at'])
          .where('participant_id', '=', participantId)
          .where('state', '=', 'scheduled')
          .where('item', 'in', ['manager_review', 'conversation', 'manager_sign_off'])
          .orderBy('due_at')
          .execute()
      ).map((s) => `${s.item} ${s.kind} @ ${DateTime.fromJSDate(s.due_at).setZone(tokyo.timezone).toFormat('ccc dd LLL HH:mm')}`);
    // Planned at launch on the London manager's calendar: 17:59 in London is 02:59 the next day in Tokyo.
    expect((await scheduled())[0]).toBe('manager_review due_in_7_days @ Thu 17 Dec 02:59');

    clock.set(DateTime.fromISO('2026-12-17T10:00:00Z'));
    await linkManager(t.db, employee.id, tokyo.id);
    expect(await r.steps.managersChanged([employee.id])).toBe(5);
    expect(await scheduled()).toEqual([
      // Already due when the report moved: left to go out as planned.
      'manager_review due_in_7_days @ Thu 17 Dec 02:59',
      'manager_review due_in_1_day @ Tue 22 Dec 17:59',
      'conversation due_in_7_days @ Fri 01 Jan 17:59',
      'conversation due_in_1_day @ Thu 07 Jan 17:59',
      'manager_sign_off due_in_7_days @ Fri 08 Jan 17:59',
      'manager_sign_off due_in_1_day @ Thu 14 Jan 17:59',
    ]);
    // Asked again with nothing changed, nothing moves and nothing is doubled.
    expect(await r.steps.managersChanged([employee.id])).toBe(0);
    expect(await scheduled()).toHaveLength(6);
    const cancelled = await t.db.selectFrom('review_step').select('id').where('participant_id', '=', participantId).where('state', '=', 'cancelled').execute();
    expect(cancelled).toHaveLength(5);
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
  });

  it('drops a deactivated participant: items closed, nothing waiting, no reminder', async () => {
    await people('T0REVDEACT');
    const { participantId, cycleId } = await launchedCycle();
    await t.db.updateTable('person').set({ deactivated: true }).where('id', '=', employee.id).execute();
    const completion = await r.admin.completion(hr, cycleId);
    expect(completion.rows[0]?.states).toEqual({ self_assessment: 'closed', manager_review: 'closed', conversation: 'closed', employee_sign_off: 'closed', manager_sign_off: 'closed' });
    expect(await r.reviews.waiting(manager)).toEqual([]);
    const steps = await t.db.selectFrom('review_step').select('id').where('participant_id', '=', participantId).execute();
    for (const step of steps) expect(await r.steps.prepare(step.id)).toBeUndefined();
  });

  it('adds someone who joined later to a running cycle: invited at once inside the window, reminded only of what is still ahead', async () => {
    await people('T0REVADD');
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
    const { cycleId } = await launchedCycle();
    clock.set(DateTime.fromISO('2026-12-16T10:00:00Z')); // Wednesday, two days before the self-assessment is due
    const later = await createPerson(t.db, { workspaceId: 'T0REVADD', realName: 'Lee Later' });
    const gone = await createPerson(t.db, { workspaceId: 'T0REVADD', realName: 'Gil Gone', deactivated: true });
    await linkManager(t.db, later.id, manager.id);

    expect(await r.admin.addParticipants(hr, cycleId, [])).toEqual({ ok: false, errors: { people: 'Pick the people to add.' } });
    expect(await r.admin.addParticipants(hr, cycleId, [later.id, gone.id])).toEqual({ ok: false, errors: { people: 'Gil Gone cannot take part: they are deactivated or a bot.' } });
    expect(await r.admin.addParticipantsBySlackUsers(hr, cycleId, [later.slackUserId, 'U0NOTJOINED'])).toEqual({
      ok: false,
      errors: { people: 'Someone you picked has not joined Cadence yet: they can be added once they have.' },
    });
    expect(await r.admin.addParticipants(hr, cycleId, [employee.id])).toEqual({ ok: false, errors: { people: 'They take part in this cycle already.' } });
    expect(await t.db.selectFrom('review_participant').select('person_id').where('cycle_id', '=', cycleId).execute()).toEqual([{ person_id: employee.id }]);

    const added = await r.admin.addParticipantsBySlackUsers(hr, cycleId, [later.slackUserId, employee.slackUserId]);
    expect(added).toMatchObject({ ok: true, value: [{ id: later.id }] });
    const participantId = (await t.db.selectFrom('review_participant').select('id').where('person_id', '=', later.id).executeTakeFirstOrThrow()).id;
    const steps = await t.db
      .selectFrom('review_step')
      .select(['item', 'kind', 'due_at'])
      .where('participant_id', '=', participantId)
      .where('item', 'in', ['self_assessment', 'manager_review'])
      .where('kind', '!=', 'peer_nomination_reminder')
      .orderBy('due_at')
      .execute();
    // The D-7 reminder of the self-assessment was already past: only the invitation (now) and D-1.
    expect(steps.map((s) => `${s.item} ${s.kind} @ ${DateTime.fromJSDate(s.due_at).setZone('Europe/London').toFormat('ccc dd LLL HH:mm')}`)).toEqual([
      'self_assessment invitation @ Wed 16 Dec 10:00',
      'manager_review due_in_7_days @ Wed 16 Dec 17:59',
      'self_assessment due_in_1_day @ Thu 17 Dec 17:59',
      'manager_review due_in_1_day @ Tue 22 Dec 17:59',
    ]);
    // Nobody nominated peers for Lee: a reminder 7 days before peer feedback is due (the 23rd).
    const nominate = await t.db.selectFrom('review_step').select('due_at').where('participant_id', '=', participantId).where('kind', '=', 'peer_nomination_reminder').execute();
    expect(nominate.map((s) => DateTime.fromJSDate(s.due_at).setZone('Europe/London').toFormat('ccc dd LLL HH:mm'))).toEqual(['Wed 16 Dec 17:59']);
    expect((await r.reviews.waiting(later)).map((w) => w.item)).toEqual(['self_assessment']);
    const audit = await t.db.selectFrom('audit_event').select(['action', 'subject_id']).where('workspace_id', '=', 'T0REVADD').where('action', '=', 'review.participant_added').execute();
    expect(audit).toEqual([{ action: 'review.participant_added', subject_id: later.id }]);

    await r.admin.close(hr, cycleId);
    expect(await r.admin.addParticipants(hr, cycleId, [gone.id])).toEqual({ ok: false, errors: { people: 'This cycle is closed: reopen it for one person instead.' } });
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
  });

  it('shows HR how the managers rated for calibration: counts per team of the questions HR may read, audited', async () => {
    await people('T0REVCALIB');
    const other = await createPerson(t.db, { workspaceId: 'T0REVCALIB', realName: 'Olu Other' });
    await linkManager(t.db, other.id, manager.id);
    const level = { id: 'level', kind: 'rating' as const, prompt: 'Level', labels: ['Below', 'Meets', 'Above'], allowNa: false, answeredBy: ['manager' as const], readableBy: ['manager' as const, 'hr' as const] };
    const template = await r.admin.saveTemplate(hr, null, { name: 'Calibrated', questions: [...QUESTIONS, level] });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await r.admin.createCycle(hr, {
      name: 'Calibrated',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [employee.id, other.id] },
      phases: { ...phases, calibration: '2027-01-04' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await r.admin.launch(hr, cycle.value.id);
    const participantOf = async (person: Person) => (await t.db.selectFrom('review_participant').select('id').where('person_id', '=', person.id).executeTakeFirstOrThrow()).id;
    expect(await r.reviews.save(manager, await participantOf(employee), 'manager', { ...managerAnswers, level: { rating: 3 } }, true)).toEqual({ ok: true, value: 'submitted' });
    // A draft is not counted: only submitted manager reviews are.
    expect(await r.reviews.save(manager, await participantOf(other), 'manager', { level: { rating: 1 } }, false)).toEqual({ ok: true, value: 'saved' });

    const calibration = await r.admin.calibration(hr, cycle.value.id);
    // "Impact" is not readable by HR and "Notes for HR" is not rated: only "Level" is shown.
    expect({ submitted: calibration.submitted, participants: calibration.participants, questions: calibration.questions.map((q) => [q.question.id, q.all, q.byTeam.map((b) => [b.manager?.id, b.counts])]) }).toEqual({
      submitted: 1,
      participants: 2,
      questions: [['level', { points: [0, 0, 1], na: 0 }, [[manager.id, { points: [0, 0, 1], na: 0 }]]]],
    });
    await expect(r.admin.calibration(manager, cycle.value.id)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    const audit = await t.db.selectFrom('audit_event').select(['action', 'detail']).where('workspace_id', '=', 'T0REVCALIB').where('action', '=', 'review.calibration_read').execute();
    expect(audit).toEqual([{ action: 'review.calibration_read', detail: { cycleId: cycle.value.id } }]);
  });

  it('reconciles: hands every scheduled step of a running cycle to the queue as replacements', async () => {
    await people('T0REVRECON');
    const { participantId } = await launchedCycle();
    const scheduled = await t.db.selectFrom('review_step').select('id').where('participant_id', '=', participantId).where('state', '=', 'scheduled').execute();
    expect(scheduled.length).toBeGreaterThan(0);
    r.requeued.length = 0;
    expect(await r.steps.reconcile()).toBeGreaterThanOrEqual(scheduled.length);
    // Replacements, so a job that failed while Postgres was away runs again (test/integration/jobs/run-later.test.ts).
    expect(r.requeued).toEqual(expect.arrayContaining(scheduled.map((s) => s.id)));
  });

  it('runs the conversation to a locked sign-off kept with who signed when', async () => {
    await people('T0REVSIGN');
    const { participantId } = await launchedCycle();
    clock.set(DateTime.fromISO('2026-12-08T10:00:00Z'));
    await r.reviews.save(employee, participantId, 'self', selfAnswers, true);
    expect(await r.reviews.share(manager, participantId, { agreed: 'Great half', nextSteps: [] })).toEqual({ ok: false, errors: { agreed: 'Submit your manager review before sharing the summary.' } });
    await r.reviews.save(manager, participantId, 'manager', managerAnswers, true);
    expect(await r.reviews.scheduleConversation(manager, participantId, clock.now().minus({ hours: 1 }))).toEqual({ ok: false, errors: { when: 'Pick a time in the future.' } });
    expect(await r.reviews.scheduleConversation(manager, participantId, DateTime.fromISO('2027-01-06T14:00:00Z'))).toMatchObject({ ok: true });
    expect(await r.reviews.signOff(employee, participantId, { sign: true, comment: null })).toEqual({ ok: false, errors: { comment: 'There is nothing to sign yet: the summary has not been shared.' } });
    expect(await r.reviews.share(manager, participantId, { agreed: 'Great half', nextSteps: ['Lead the Q1 migration', ' '] })).toEqual({
      ok: true,
      // The agreed rating starts from the manager review's.
      value: { agreed: 'Great half', ratings: { impact: 2 }, nextSteps: ['Lead the Q1 migration'] },
    });
    expect(await r.reviews.save(manager, participantId, 'manager', managerAnswers, false)).toMatchObject({ ok: false });
    expect(await r.reviews.signOff(employee, participantId, { sign: false, comment: 'I would add the on-call work.' })).toEqual({ ok: true, value: { locked: false } });
    expect(await r.reviews.signOff(employee, participantId, { sign: true, comment: null })).toEqual({ ok: true, value: { locked: false } });
    clock.advance({ hours: 2 });
    expect(await r.reviews.signOff(manager, participantId, { sign: true, comment: null })).toEqual({ ok: true, value: { locked: true } });
    expect(await r.reviews.signOff(manager, participantId, { sign: true, comment: 'late' })).toEqual({ ok: false, errors: { comment: 'This review is signed and locked.' } });
    const reading = await r.reviews.read(employee, participantId);
    expect({ locked: reading.locked, signOffs: reading.signOffs.map((s) => [s.side, s.person?.id, s.signedAt?.toISO(), s.comment]).sort() }).toEqual({
      locked: true,
      signOffs: [
        ['employee', employee.id, '2026-12-08T10:00:00.000Z', 'I would add the on-call work.'],
        ['manager', manager.id, '2026-12-08T12:00:00.000Z', null],
      ],
    });
  });

  it('sets the conversation on the manager’s calendar and tells the employee in their own zone', async () => {
    await people('T0REVCONV');
    await t.db.updateTable('person').set({ timezone: 'Asia/Tokyo' }).where('id', '=', manager.id).execute();
    await t.db.updateTable('person').set({ timezone: 'America/New_York' }).where('id', '=', employee.id).execute();
    [manager, employee] = [{ ...manager, timezone: 'Asia/Tokyo' }, { ...employee, timezone: 'America/New_York' }];
    const { participantId } = await launchedCycle();
    const at = DateTime.fromISO('2027-01-06T10:00', { zone: 'Asia/Tokyo' });
    expect(await r.reviews.scheduleConversation(manager, participantId, at)).toMatchObject({ ok: true });
    // Set again: the notice not sent yet goes out once, with the new time (11:00 in Tokyo is 21:00 the evening before in New York).
    const later = at.plus({ hours: 1 });
    expect(await r.reviews.scheduleConversation(manager, participantId, later)).toMatchObject({ ok: true });
    const notices = await t.db.selectFrom('review_step').select(['id', 'state']).where('participant_id', '=', participantId).where('kind', '=', 'conversation_notice').orderBy('state').execute();
    expect(notices.map((n) => n.state)).toEqual(['cancelled', 'scheduled']);
    const work = await r.steps.prepare(notices[1]!.id);
    expect(work?.recipient.id).toBe(employee.id);
    expect(buildReviewStepMessage(work!, clock.now()).text).toBe('Your review conversation is on Tue 5 Jan 2027, 21:00 (your time).');
    expect((await r.reviews.waiting(manager)).find((w) => w.item === 'conversation')?.conversationAt?.toISO()).toBe(later.toUTC().toISO());
    await expect(r.reviews.conversationForm(employee, participantId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
  });

  it('shares agreed ratings checked against the scale, and makes each next step a goal of the employee’s once', async () => {
    await people('T0REVSTEPS');
    const { participantId } = await launchedCycle();
    await r.reviews.save(manager, participantId, 'manager', managerAnswers, true);
    expect((await r.reviews.conversationForm(manager, participantId)).ratings.map((q) => [q.question.id, q.scale.length, q.rating])).toEqual([['impact', 3, 2]]);
    expect(await r.reviews.share(manager, participantId, { agreed: 'Good', ratings: { impact: 4 }, nextSteps: [] })).toEqual({ ok: false, errors: { rating_impact: 'Pick a point from 1 to 3.' } });
    expect(await r.reviews.share(manager, participantId, { agreed: 'Good', ratings: { impact: 'na' }, nextSteps: [] })).toEqual({
      ok: false,
      errors: { rating_impact: 'N/A is not an option for this question: pick a point on the scale.' },
    });
    expect(await r.reviews.nextStepToGoal(employee, participantId, 0)).toEqual({ ok: false, errors: { nextStep: 'That next step is not in the shared summary.' } });
    expect(await r.reviews.share(manager, participantId, { agreed: 'Good', ratings: { impact: 3 }, nextSteps: ['Mentor a new joiner', 'Run the Q1 retro'] })).toMatchObject({ ok: true });
    expect((await r.reviews.read(employee, participantId)).agreedRatings).toEqual([{ prompt: 'Impact this half', rating: 3, label: 'Above' }]);

    await expect(r.reviews.nextStepToGoal(manager, participantId, 1)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    const made = await r.reviews.nextStepToGoal(employee, participantId, 1);
    expect(made).toMatchObject({ ok: true });
    expect(await r.reviews.nextStepToGoal(employee, participantId, 1)).toEqual({ ok: false, errors: { nextStep: 'This next step is a goal already.' } });
    const goals = await t.db.selectFrom('goal').select(['id', 'title', 'owner_id', 'visibility']).where('owner_id', '=', employee.id).execute();
    expect(goals).toEqual([{ id: made.ok ? made.value.goalId : '', title: 'Run the Q1 retro', owner_id: employee.id, visibility: 'private' }]);
    // The employee sees which step is a goal; the manager reads the steps without the buttons.
    expect((await r.reviews.read(employee, participantId)).nextStepGoals).toEqual([null, made.ok ? made.value.goalId : '']);
    expect((await r.reviews.read(manager, participantId)).nextStepGoals).toEqual([]);
  });

  it('lets each reader read only the questions the template gives them, and audits every read', async () => {
    await people('T0REVREAD');
    const { participantId } = await launchedCycle();
    await r.reviews.save(employee, participantId, 'self', selfAnswers, true);
    await r.reviews.save(manager, participantId, 'manager', managerAnswers, true);
    await expect(r.reviews.read(employee, participantId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    const asHr = await r.reviews.read(hr, participantId);
    expect(asHr.questions.map((q) => [q.question.id, q.self, q.manager])).toEqual([
      ['wins', { text: 'Shipped the billing rewrite' }, undefined],
      ['private', undefined, { text: 'Ready for more scope' }],
    ]);
    expect(asHr.summary).toBeNull();
    const asManager = await r.reviews.read(manager, participantId);
    expect(asManager.questions.map((q) => q.question.id)).toEqual(['impact', 'wins', 'private']);
    await r.reviews.share(manager, participantId, { agreed: 'Agreed', nextSteps: [] });
    const asEmployee = await r.reviews.read(employee, participantId);
    expect(asEmployee.questions.map((q) => q.question.id)).toEqual(['impact', 'wins']);
    expect(asEmployee.summary).toEqual({ agreed: 'Agreed', ratings: { impact: 2 }, nextSteps: [] });
    const reads = await t.db.selectFrom('audit_event').select(['actor_id', 'subject_id']).where('action', '=', 'review.content_read').where('subject_id', '=', employee.id).orderBy('id').execute();
    expect(reads.map((row) => row.actor_id)).toEqual([hr.id, manager.id, employee.id]);
  });

  it('reopens a closed cycle for one person only', async () => {
    await people('T0REVREOPEN');
    const other = await createPerson(t.db, { workspaceId: 'T0REVREOPEN' });
    await linkManager(t.db, other.id, manager.id);
    const { participantId, cycleId } = await launchedCycle([employee, other]);
    await r.admin.close(hr, cycleId);
    expect(await r.reviews.save(employee, participantId, 'self', selfAnswers, true)).toEqual({ ok: false, errors: { questions: 'This review is closed.' } });
    await r.admin.reopenFor(hr, cycleId, employee.id);
    expect(await r.reviews.save(employee, participantId, 'self', selfAnswers, true)).toEqual({ ok: true, value: 'submitted' });
    expect((await r.reviews.waiting(other)).map((w) => w.item)).toEqual([]);
    expect(await t.db.selectFrom('review_step').select('id').where('state', '=', 'scheduled').where('participant_id', '=', participantId).execute()).toEqual([]);
  });
  it('nudges everyone late once per item per day, and only them', async () => {
    await people('T0REVNUDGE');
    const onTime = await createPerson(t.db, { workspaceId: 'T0REVNUDGE' });
    await linkManager(t.db, onTime.id, manager.id);
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
    const { cycleId } = await launchedCycle([employee, onTime]);
    const onTimeId = (await t.db.selectFrom('review_participant').select('id').where('person_id', '=', onTime.id).executeTakeFirstOrThrow()).id;
    await r.reviews.save(onTime, onTimeId, 'self', selfAnswers, true);
    expect(await r.admin.nudgeLate(hr, cycleId)).toBe(0);
    clock.set(DateTime.fromISO('2026-12-21T10:00:00Z')); // the self-assessment was due on the 18th
    expect(await r.admin.nudgeLate(hr, cycleId)).toBe(1);
    expect(await r.admin.nudgeLate(hr, cycleId)).toBe(0);
    const nudges = await t.db.selectFrom('review_step').innerJoin('review_participant as p', 'p.id', 'review_step.participant_id').select(['p.person_id', 'review_step.item']).where('kind', '=', 'late_nudge').execute();
    expect(nudges).toEqual([{ person_id: employee.id, item: 'self_assessment' }]);
    clock.set(DateTime.fromISO('2026-12-22T10:00:00Z'));
    expect(await r.admin.nudgeLate(hr, cycleId)).toBe(1);
    const completion = await r.admin.completion(hr, cycleId);
    expect(completion.byItem.self_assessment).toEqual({ done: 1, pending: 1, waiting: 0, closed: 0, late: 1 });
  });

  it('extends a phase: its reminders move to the new date, the others stay', async () => {
    await people('T0REVEXTEND');
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
    const { cycleId, participantId } = await launchedCycle();
    expect(await r.admin.extendPhase(hr, cycleId, 'self_assessment', '2026-12-24')).toMatchObject({
      ok: false,
      errors: { phase_peer_feedback: 'This is due before the self-assessment (2026-12-24): pick 2026-12-24 or later.' },
    });
    expect(await r.admin.extendPhase(hr, cycleId, 'manager_review', '2027-01-06')).toMatchObject({ ok: true, value: { phases: { manager_review: '2027-01-06' } } });
    const steps = await t.db.selectFrom('review_step').select(['item', 'kind', 'due_at']).where('participant_id', '=', participantId).where('state', '=', 'scheduled').where('item', '=', 'manager_review').execute();
    expect(steps.map((s) => [s.kind, DateTime.fromJSDate(s.due_at).setZone(manager.timezone).toFormat('ccc dd LLL HH:mm')])).toEqual([
      ['due_in_7_days', 'Wed 30 Dec 17:59'],
      ['due_in_1_day', 'Tue 05 Jan 17:59'],
    ]);
    // Peer feedback has no review item of its own: its date moves, and only the reminder to nominate peers moves with it.
    const others = () => t.db.selectFrom('review_step').select('id').where('participant_id', '=', participantId).where('state', '=', 'scheduled').where('kind', '!=', 'peer_nomination_reminder').execute();
    const before = await others();
    expect(await r.admin.extendPhase(hr, cycleId, 'peer_feedback', '2026-12-30')).toMatchObject({ ok: true, value: { phases: { peer_feedback: '2026-12-30' } } });
    expect(await others()).toEqual(before);
    const nominate = await t.db.selectFrom('review_step').select('due_at').where('participant_id', '=', participantId).where('state', '=', 'scheduled').where('kind', '=', 'peer_nomination_reminder').execute();
    expect(nominate.map((s) => DateTime.fromJSDate(s.due_at).setZone(employee.timezone).toFormat('ccc dd LLL HH:mm'))).toEqual(['Wed 23 Dec 17:59']);
  });
  it('opens the self-assessment 14 days before it is due, and starts it from the last cycle where the question is the same', async () => {
    await people('T0REVPREFILL');
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
    const first = await launchedCycle();
    await r.reviews.save(employee, first.participantId, 'self', selfAnswers, true);
    const template = await r.admin.saveTemplate(hr, first.templateId, { name: 'Half-year', questions: [QUESTIONS[0]!, { id: 'wins', kind: 'text', prompt: 'Your wins', wordLimit: 20, answeredBy: ['self'], readableBy: ['employee', 'manager', 'hr'] }] });
    if (!template.ok) throw new Error('expected a new version');
    const later = { self_assessment: '2027-01-29', peer_feedback: '2027-02-05', manager_review: '2027-02-05', conversation: '2027-02-12', sign_off: '2027-02-19' };
    const cycle = await r.admin.createCycle(hr, { name: 'Next', templateVersionId: template.value.id, participants: { kind: 'people', personIds: [employee.id] }, phases: later });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await r.admin.launch(hr, cycle.value.id);
    const next = (await t.db.selectFrom('review_participant').select('id').where('cycle_id', '=', cycle.value.id).executeTakeFirstOrThrow()).id;
    expect((await r.reviews.waiting(employee)).filter((w) => w.participantId === next)).toEqual([]);
    expect(await r.reviews.save(employee, next, 'self', selfAnswers, false)).toEqual({ ok: false, errors: { questions: 'The self-assessment opens on 2027-01-15, 14 days before it is due.' } });
    clock.set(DateTime.fromISO('2027-01-15T10:00:00Z'));
    expect((await r.reviews.waiting(employee)).filter((w) => w.participantId === next).map((w) => w.item)).toEqual(['self_assessment']);
    const form = await r.reviews.form(employee, next, 'self');
    // The rating was asked the same way; the text question's word limit changed, so it starts empty.
    expect({ carriedFrom: form.carriedFrom, answers: form.answers }).toEqual({ carriedFrom: 'previous_cycle', answers: { impact: { rating: 3 } } });
  });

  it('leaves reminders out for someone who turned review reminders off, but still invites them', async () => {
    await people('T0REVMUTE');
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
    await t.db.updateTable('person').set({ muted_nudges: ['review'] }).where('id', '=', employee.id).execute();
    const { participantId } = await launchedCycle();
    const steps = await t.db.selectFrom('review_step').select(['id', 'kind', 'due_at']).where('participant_id', '=', participantId).where('item', '=', 'self_assessment').orderBy('due_at').execute();
    expect(steps.map((s) => s.kind)).toEqual(['invitation', 'due_in_7_days', 'peer_nomination_reminder', 'due_in_1_day']);
    const sent: string[] = [];
    for (const step of steps) {
      clock.set(DateTime.fromJSDate(step.due_at));
      if (await r.steps.prepare(step.id)) sent.push(step.kind);
    }
    expect(sent).toEqual(['invitation']);
  });

  it('sends the manager a prep pack with the self-assessment status, the employee’s goals, check-in highlights and a link to the evidence', async () => {
    await people('T0REVPREP');
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
    const { participantId } = await launchedCycle();
    await t.db.insertInto('goal').values({ workspace_id: 'T0REVPREP', owner_id: employee.id, title: 'Ship billing v2', category: 'performance', visibility: 'private' }).execute();
    for (const [period, wins, blockers] of [
      ['2026-11-20', 'Old win', null],
      ['2026-11-27', null, null],
      ['2026-12-04', 'Closed the beta', 'Waiting on legal'],
    ] as const) {
      const row = await t.db.insertInto('checkin_period').values({ workspace_id: 'T0REVPREP', person_id: employee.id, period, created_at: new Date() }).returning('id').executeTakeFirstOrThrow();
      await t.db.insertInto('checkin').values({ period_id: row.id, wins, blockers, confidence: 7, mood: 4, created_at: new Date(), updated_at: new Date() }).execute();
    }
    await r.reviews.save(employee, participantId, 'self', selfAnswers, true);
    await r.reviews.scheduleConversation(manager, participantId, DateTime.fromISO('2027-01-06T14:00:00Z'));
    const step = await t.db.selectFrom('review_step').select(['id', 'due_at']).where('participant_id', '=', participantId).where('kind', '=', 'prep_pack').executeTakeFirstOrThrow();
    expect(step.due_at.toISOString()).toBe('2027-01-04T14:00:00.000Z');
    clock.set(DateTime.fromJSDate(step.due_at));
    const work = await r.steps.prepare(step.id);
    expect(work?.recipient.id).toBe(manager.id);
    const text = JSON.stringify(buildReviewStepMessage(work!, clock.now()).blocks);
    expect(text).toContain('*Self-assessment:* submitted');
    expect(text).toContain('Ship billing v2: 0%');
    expect(text).toContain('Wed 6 Jan 2027, 14:00');
    // Check-ins with something to talk about, newest first (an empty one is left out); the mood never.
    expect(text).toContain('*Check-in highlights*\\n• Week of 2026-12-04 · confidence 7/10: win: Closed the beta; blocker: Waiting on legal\\n• Week of 2026-11-20 · confidence 7/10: win: Old win');
    expect(text).not.toContain('mood');
    // Links to the rest, each read at click time as the manager may read it; no peers were asked, so no peer summary.
    expect(text).toContain(ReviewAction.Evidence);
    expect(text).not.toContain(FeedbackAction.ViewSummary);
  });
});
