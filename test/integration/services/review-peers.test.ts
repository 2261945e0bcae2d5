import { DateTime } from 'luxon';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { createPeopleService } from '../../../src/services/people.service';
import { createReviewPeersService } from '../../../src/services/review-peers.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';
import { PEER_QUESTIONS, QUESTIONS, wireReviews } from '../../support/reviews';
import { buildAnswerModal } from '../../../src/views/feedback/answer.modal';
import { findFeedbackFocusAreas } from '../../../src/repositories/settings.repository';
import { FeedbackAction, ReviewAction } from '../../../src/views/ids';
import { buildReviewStepMessage } from '../../../src/views/review/review.messages';

/**
 * Peer feedback inside a review, through the 360 engine: nominated by the employee or their
 * manager, approved by the manager of today, made a 360 request whose rules (readers never peers,
 * due at least three days ahead) the engine applies; the request is due on the cycle's
 * peer-feedback date, which the peers' reminders are keyed on; the review links to its summary.
 */
describe('peer feedback in a review cycle', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-12-07T10:00:00Z');
  const W = 'T0REVPEERS';
  let r: ReturnType<typeof wireReviews>;
  let peersService: ReturnType<typeof createReviewPeersService>;
  let fb: ReturnType<typeof wireFeedback>;
  let hr: Person, manager: Person, employee: Person, other: Person, pats: Person[];
  const participantOf: Record<string, string> = {};
  let cycleId = '';
  let askId = '';

  beforeAll(async () => {
    t = await createTestDatabase();
    r = wireReviews(t.db, clock);
    fb = wireFeedback(t.db, clock, W);
    const people = createPeopleService({ db: t.db, defaultTimezone: 'UTC', directory: { fetchProfile: async () => undefined, listProfiles: async function* () {}, workspaceIds: async () => [W] } });
    peersService = createReviewPeersService({ db: t.db, clock, access: r.access, people, feedbackRequests: fb.requests, queue: r.queue });
    hr = await createPerson(t.db, { workspaceId: W, isAdmin: true });
    manager = await createPerson(t.db, { workspaceId: W, realName: 'Mo Manager' });
    employee = await createPerson(t.db, { workspaceId: W, realName: 'Emma Employee' });
    other = await createPerson(t.db, { workspaceId: W, realName: 'Olu Other' });
    pats = [];
    for (const n of [1, 2, 3, 4]) pats.push(await createPerson(t.db, { workspaceId: W, realName: `Pat ${n}` }));
    await linkManager(t.db, employee.id, manager.id);
    await linkManager(t.db, other.id, manager.id);
    const template = await r.admin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await r.admin.createCycle(hr, {
      name: 'H2 2026',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [employee.id, other.id] },
      phases: { self_assessment: '2026-12-18', peer_feedback: '2026-12-21', manager_review: '2026-12-23', conversation: '2027-01-08', sign_off: '2027-01-15' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    cycleId = cycle.value.id;
    await r.admin.launch(hr, cycleId);
    for (const row of await t.db.selectFrom('review_participant').select(['id', 'person_id']).execute()) participantOf[row.person_id] = row.id;
  });
  afterAll(() => t.drop());

  const slackIds = (people: Person[]) => people.map((p) => p.slackUserId);

  it('takes the employee’s nomination of 2 to 6 peers, never their manager, and waits for the manager to approve', async () => {
    const id = participantOf[employee.id]!;
    expect(await peersService.nominate(employee, id, slackIds([pats[0]!]))).toEqual({ ok: false, errors: { peers: 'Pick 2 to 6 peers.' } });
    expect(await peersService.nominate(employee, id, slackIds([pats[0]!, manager]))).toEqual({
      ok: false,
      errors: { peers: 'Mo Manager manages Emma Employee: a manager reads the peer summary and is never a peer.' },
    });
    expect(await peersService.nominate(employee, id, slackIds([pats[0]!, employee]))).toEqual({ ok: false, errors: { peers: 'Emma Employee is the person reviewed.' } });
    const nominated = await peersService.nominate(employee, id, slackIds([pats[0]!, pats[1]!, pats[2]!]));
    expect(nominated).toMatchObject({ ok: true, value: { approvedAt: null, requestId: null } });
    expect(await t.db.selectFrom('feedback_request').select('id').execute()).toEqual([]);

    // The manager of today is asked to approve, once however often Emma nominates again before that.
    expect(await peersService.nominate(employee, id, slackIds([pats[0]!, pats[1]!, pats[2]!]))).toMatchObject({ ok: true });
    const asks = await t.db.selectFrom('review_step').select(['id', 'state']).where('participant_id', '=', id).where('kind', '=', 'peer_approval_request').execute();
    expect(asks.map((a) => a.state).sort()).toEqual(['cancelled', 'scheduled']);
    askId = asks.find((a) => a.state === 'scheduled')!.id;
    const ask = await r.steps.prepare(askId);
    expect(ask?.recipient.id).toBe(manager.id);
    const message = buildReviewStepMessage(ask!, clock.now());
    expect(message.text).toBe('Peers are waiting for your approval for Emma Employee\'s review.');
    expect(JSON.stringify(message.blocks)).toContain(`<@${employee.slackUserId}> nominated <@${pats[0]!.slackUserId}>, <@${pats[1]!.slackUserId}>, <@${pats[2]!.slackUserId}> for peer feedback`);
    expect(JSON.stringify(message.blocks)).toContain(`"action_id":"${ReviewAction.Peers}"`);

    await expect(peersService.approve(employee, id)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    for (const outsider of [pats[0]!, hr]) await expect(peersService.form(outsider, id)).rejects.toMatchObject({ name: 'AccessDeniedError' });
  });

  it('makes the approved nomination a 360 request about the employee, due on the peer-feedback date, once, linked to the review', async () => {
    const id = participantOf[employee.id]!;
    const approved = await peersService.approve(manager, id);
    if (!approved.ok) throw new Error(JSON.stringify(approved.errors));
    expect(approved.value.peers.map((p) => p.id).sort()).toEqual([pats[0]!.id, pats[1]!.id, pats[2]!.id].sort());
    const request = await t.db.selectFrom('feedback_request').select(['id', 'subject_id', 'requester_id', 'due_on']).executeTakeFirstOrThrow();
    expect(request).toEqual({ id: approved.value.requestId, subject_id: employee.id, requester_id: manager.id, due_on: '2026-12-21' });
    // The template asks peers nothing: they rate the workspace's focus areas.
    const asked = await t.db.selectFrom('feedback_request').select(['focus_areas', 'custom_question']).where('id', '=', request.id).executeTakeFirstOrThrow();
    expect(asked).toEqual({ focus_areas: (await findFeedbackFocusAreas(t.db, W)).slice(0, 5), custom_question: null });
    // The peers' last reminder is keyed on that date: the working day before it, not before the manager review.
    const last = await t.db.selectFrom('feedback_step').select('due_at').where('request_id', '=', request.id).where('kind', '=', 'last_reminder').execute();
    expect(last.map((s) => DateTime.fromJSDate(s.due_at).toISODate())).toEqual(['2026-12-18', '2026-12-18', '2026-12-18']);
    const invited = await t.db.selectFrom('feedback_invitation').select('peer_id').where('request_id', '=', request.id).execute();
    expect(invited.map((i) => i.peer_id).sort()).toEqual([pats[0]!.id, pats[1]!.id, pats[2]!.id].sort());

    expect(await peersService.approve(manager, id)).toEqual({ ok: false, errors: { peers: 'These peers were approved already.' } });
    // Approved since the ask was planned: if it had not gone out yet, it is skipped.
    expect(await r.steps.prepare(askId)).toBeUndefined();
    expect((await t.db.selectFrom('review_step').select('state').where('id', '=', askId).executeTakeFirstOrThrow()).state).toBe('skipped');
    expect(await peersService.nominate(employee, id, slackIds([pats[3]!, pats[1]!]))).toEqual({ ok: false, errors: { peers: 'These peers were approved already: their 360 request is under way.' } });
    expect(await t.db.selectFrom('feedback_request').select('id').execute()).toHaveLength(1);
    // The review links to the 360 summary; the 360 engine decides when it can be read.
    expect((await r.reviews.read(manager, id)).peerRequestId).toBe(request.id);
    // HR's completion counts it under peer feedback: one of the two participants nominated and asked.
    expect((await r.admin.completion(hr, cycleId)).peers).toEqual({ nominated: 1, approved: 1 });
    // The manager's prep pack links to the peer summary, which the 360 engine releases.
    await r.reviews.scheduleConversation(manager, id, DateTime.fromISO('2027-01-06T14:00:00Z'));
    const pack = await t.db.selectFrom('review_step').select(['id', 'due_at']).where('participant_id', '=', id).where('kind', '=', 'prep_pack').executeTakeFirstOrThrow();
    clock.set(DateTime.fromJSDate(pack.due_at));
    const work = await r.steps.prepare(pack.id);
    expect(work?.peerRequestId).toBe(request.id);
    expect(JSON.stringify(buildReviewStepMessage(work!, clock.now()).blocks)).toContain(`"action_id":"${FeedbackAction.ViewSummary}","text":{"type":"plain_text","text":"Peer feedback","emoji":true},"value":"${request.id}"`);
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
  });

  it('invites to the self-assessment with a word on peer feedback, and reminds 7 days before it is due, whoever has not nominated yet', async () => {
    const invitation = async (person: Person) => {
      const step = await t.db.selectFrom('review_step').select(['id', 'due_at']).where('participant_id', '=', participantOf[person.id]!).where('kind', '=', 'invitation').executeTakeFirstOrThrow();
      clock.set(DateTime.fromJSDate(step.due_at));
      const work = await r.steps.prepare(step.id);
      return JSON.stringify(buildReviewStepMessage(work!, clock.now()).blocks);
    };
    const theirs = await invitation(other);
    expect(theirs).toContain('Peer feedback is due Mon 21 Dec 2026 (in 14 days): nominate 2 to 6 peers soon');
    expect(theirs).toContain(`"action_id":"${ReviewAction.Peers}"`);
    // Emma nominated already: her invitation does not ask again.
    const hers = await invitation(employee);
    expect(hers).not.toContain('Peer feedback is due');

    // 7 days before peer feedback is due, whoever has nobody nominated yet is reminded; Emma is not.
    const reminderOf = async (person: Person) =>
      t.db.selectFrom('review_step').select(['id', 'due_at']).where('participant_id', '=', participantOf[person.id]!).where('kind', '=', 'peer_nomination_reminder').executeTakeFirstOrThrow();
    const [olus, emmas] = [await reminderOf(other), await reminderOf(employee)];
    expect(DateTime.fromJSDate(olus.due_at).setZone('Europe/London').toFormat('ccc dd LLL HH:mm')).toBe('Mon 14 Dec 17:59');
    clock.set(DateTime.fromJSDate(olus.due_at));
    const reminder = await r.steps.prepare(olus.id);
    expect(reminder?.recipient.id).toBe(other.id);
    expect(JSON.stringify(buildReviewStepMessage(reminder!, clock.now()).blocks)).toContain('A reminder: peer feedback for *H2 2026* is due Mon 21 Dec 2026 (in 7 days), and nobody has been nominated yet.');
    expect(await r.steps.prepare(emmas.id)).toBeUndefined();
    clock.set(DateTime.fromISO('2026-12-07T10:00:00Z'));
  });

  it('approves the manager’s own nomination as made, and gives back the 360 engine’s refusal', async () => {
    const id = participantOf[other.id]!;
    // Three days before peer feedback is due is the 360 engine's minimum notice.
    clock.set(DateTime.fromISO('2026-12-19T10:00:00Z'));
    const late = await peersService.nominate(manager, id, slackIds([pats[0]!, pats[3]!]));
    expect(late).toEqual({ ok: false, errors: { peers: 'Too late for peer feedback: peers need at least 3 days before it is due (2026-12-21). HR can extend the peer-feedback phase.' } });
    expect(await t.db.selectFrom('review_peer_nomination').select(['approved_at', 'request_id']).where('participant_id', '=', id).execute()).toEqual([{ approved_at: null, request_id: null }]);
    clock.set(DateTime.fromISO('2026-12-07T12:00:00Z'));
    const made = await peersService.nominate(manager, id, slackIds([pats[0]!, pats[3]!]));
    expect(made).toMatchObject({ ok: true });
    expect(made.ok && made.value.requestId).toEqual(expect.any(String));
  });
  it('moves the 360 requests already made when HR extends the peer-feedback date, their close and last reminders with it', async () => {
    expect(await r.admin.extendPhase(hr, cycleId, 'peer_feedback', '2026-12-23')).toMatchObject({ ok: true, value: { phases: { peer_feedback: '2026-12-23' } } });
    const requests = await t.db.selectFrom('feedback_request').select(['id', 'due_on', 'due_at']).execute();
    expect(requests.map((q) => [q.due_on, q.due_at.toISOString()])).toEqual([
      ['2026-12-23', '2026-12-24T00:00:00.000Z'],
      ['2026-12-23', '2026-12-24T00:00:00.000Z'],
    ]);
    const scheduled = await t.db
      .selectFrom('feedback_step')
      .select(['kind', 'due_at'])
      .where('state', '=', 'scheduled')
      .where('kind', 'in', ['last_reminder', 'close'])
      .execute();
    // Each peer still pending is last reminded on the working day before the new date (London, 09:00), and each request closes at its end.
    const days = (kind: string) => scheduled.filter((s) => s.kind === kind).map((s) => DateTime.fromJSDate(s.due_at).setZone('Europe/London').toFormat('yyyy-MM-dd HH:mm'));
    expect(days('last_reminder')).toEqual(Array.from({ length: 5 }, () => '2026-12-22 09:00'));
    expect(days('close')).toEqual(['2026-12-24 00:00', '2026-12-24 00:00']);
    // Moving it again to the same date changes nothing.
    expect(await r.admin.extendPhase(hr, cycleId, 'peer_feedback', '2026-12-23')).toMatchObject({ ok: false });
  });
  it('asks peers the template’s peer questions in the 360 request, instead of the workspace’s focus areas, under the same anonymity threshold', async () => {
    const pia = await createPerson(t.db, { workspaceId: W, realName: 'Pia Report' });
    await linkManager(t.db, pia.id, manager.id);
    const asText = { ...QUESTIONS[0]!, id: 'teammate', prompt: 'Overall, as a teammate', labels: ['Below', 'Meets', 'Above', 'Far above'], answeredBy: ['peer' as const] };
    const template = await r.admin.saveTemplate(hr, null, { name: 'With peers', questions: [...QUESTIONS, PEER_QUESTIONS[0]!, asText] });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await r.admin.createCycle(hr, {
      name: 'Peers asked',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [pia.id] },
      phases: { self_assessment: '2026-12-18', peer_feedback: '2026-12-21', manager_review: '2026-12-23', conversation: '2027-01-08', sign_off: '2027-01-15' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await r.admin.launch(hr, cycle.value.id);
    const id = (await t.db.selectFrom('review_participant').select('id').where('person_id', '=', pia.id).executeTakeFirstOrThrow()).id;
    const made = await peersService.nominate(manager, id, slackIds(pats.slice(0, 3)));
    if (!made.ok || !made.value.requestId) throw new Error(JSON.stringify(made));
    const request = await t.db
      .selectFrom('feedback_request')
      .select(['focus_areas', 'custom_question', 'anonymity_threshold'])
      .where('id', '=', made.value.requestId)
      .executeTakeFirstOrThrow();
    // The 5-point rating is rated 1 to 5; the 4-point one is asked as text.
    expect(request).toEqual({ focus_areas: ['How well do they collaborate?'], custom_question: 'Overall, as a teammate', anonymity_threshold: 3 });
    const form = await fb.answers.answerForm(pats[0]!, made.value.requestId);
    if (form.outcome !== 'open') throw new Error(form.outcome);
    const shown = JSON.stringify(buildAnswerModal(form.form, pats[0]!, clock.now()).blocks);
    expect(shown).toContain('How well do they collaborate?');
    expect(shown).toContain('Overall, as a teammate');
    // The review's own forms do not ask them.
    const selfForm = await r.reviews.form(pia, id, 'self');
    expect(selfForm.questions.map((q) => q.question.id)).toEqual(['impact', 'wins']);
  });
});
