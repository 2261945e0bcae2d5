import { type Action, ACTIONS, type Decision, type SubjectOf } from '../../../src/domain/access-policy';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { type AccessService, createAccessService } from '../../../src/services/access.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createPeopleService } from '../../../src/services/people.service';
import { createReviewEvidenceService, type ReviewEvidenceService } from '../../../src/services/review-evidence';
import { createReviewPeersService, type ReviewPeersService } from '../../../src/services/review-peers.service';
import { upsertTeamSettings } from '../../../src/repositories/settings.repository';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';
import { PEER_QUESTIONS, QUESTIONS, wireReviews } from '../../support/reviews';
import { wireAssistant } from '../../support/assistant';
import type { ToolResult } from '../../../src/assistant/types';
import { resultLines } from '../../../src/views/assistant/assistant.format';

/**
 * Every actor against every action, through the access service: the org chart and the
 * skip-level setting come from Postgres, as they do in production.
 *
 *   skip (K) ── manages ──> manager (M) ── manages ──> subject (S)
 *   peer (P), admin (A) and a deactivated admin (D) in the same workspace; a stranger (X) who is
 *   an admin of another workspace.
 */
const ACTORS = ['self', 'manager', 'skip-level', 'peer', 'admin', 'deactivated', 'stranger'] as const;
type ActorName = (typeof ACTORS)[number];

/** The subjects each action is asked about; goals twice, for a private and a public goal. */
const CASES = [
  ['goal.view', 'private goal'],
  ['goal.view', 'public goal'],
  ['goal.edit', 'private goal'],
  ['goal.edit', 'public goal'],
  ['goal.set_level', 'individual goal'],
  ['goal.set_level', 'team goal of a team lead'],
  ['goal.set_level', 'team goal of someone without reports'],
  ['goal.set_level', 'company goal of the admin'],
  ['checkin.view', 'subject'],
  ['checkin.answer', 'subject'],
  ['feedback_summary.view', 'subject'],
  ['feedback.request', 'subject'],
  ['feedback.answer', 'invitation of the peer'],
  ['feedback_note.give', 'subject'],
  ['feedback_note.view', 'note by the peer shared with the manager'],
  ['personal_settings.manage', 'subject'],
  ['org.view', 'subject'],
  ['manager.propose', 'subject'],
  ['manager.answer', "subject's proposal naming the manager"],
  ['org.edit', 'workspace'],
  ['settings.edit', 'workspace'],
  ['roles.manage', 'workspace'],
  ['audit.read', 'workspace'],
  ['deliveries.view', 'workspace'],
  ['person.export', 'subject'],
  ['person.erase', 'subject'],
  ['review.manage', 'workspace'],
  ['integrations.manage', 'workspace'],
  ['review.self_assess', 'subject'],
  ['review.manager_review', 'subject'],
  ['review.sign_off', 'subject'],
  ['review.read', 'shared review'],
  ['review.read', 'review not shared yet'],
] as const satisfies ReadonlyArray<readonly [Action, string]>;

type Outcome = string; // the grounds when allowed, "no: <reason>" when denied
const no = 'no: not_permitted';
const inactive = 'no: inactive_actor';
const elsewhere = 'no: other_workspace';

/** Expected outcomes, one column per actor in ACTORS order; skip-level differs with the setting. */
const EXPECTED: Record<'off' | 'on', Record<string, readonly Outcome[]>> = {
  off: {
    //                                       self     manager     skip-level  peer      admin    deactivated stranger
    'goal.view private goal': /*         */ ['self', 'manager', no, no, 'admin', inactive, elsewhere],
    'goal.view public goal': /*          */ ['self', 'manager', 'public', 'public', 'admin', inactive, elsewhere],
    'goal.edit private goal': /*         */ ['self', 'manager', no, no, no, inactive, elsewhere],
    'goal.edit public goal': /*          */ ['self', 'manager', no, no, no, inactive, elsewhere],
    'goal.set_level individual goal': /* */ ['self', 'manager', no, no, no, inactive, elsewhere],
    'goal.set_level team goal of a team lead': ['self', 'manager', no, no, no, inactive, elsewhere],
    'goal.set_level team goal of someone without reports': [no, no, no, no, no, inactive, elsewhere],
    'goal.set_level company goal of the admin': [no, no, no, no, 'admin', inactive, elsewhere],
    'checkin.view subject': /*           */ ['self', 'manager', no, no, no, inactive, elsewhere],
    'checkin.answer subject': /*         */ ['self', no, no, no, no, inactive, elsewhere],
    'feedback_summary.view subject': /*  */ ['self', 'manager', no, no, no, inactive, elsewhere],
    'feedback.request subject': /*       */ ['self', 'manager', no, no, no, inactive, elsewhere],
    'feedback.answer invitation of the peer': [no, no, no, 'invited', no, inactive, elsewhere],
    'feedback_note.give subject': /*     */ [no, 'colleague', 'colleague', 'colleague', 'colleague', inactive, elsewhere],
    'feedback_note.view note by the peer shared with the manager': ['self', 'shared_with', no, 'author', no, inactive, elsewhere],
    'personal_settings.manage subject': /* */ ['self', no, no, no, no, inactive, elsewhere],
    'org.view subject': /*               */ ['self', 'manager', no, no, 'admin', inactive, elsewhere],
    'manager.propose subject': /*        */ ['self', no, no, no, no, inactive, elsewhere],
    "manager.answer subject's proposal naming the manager": [no, 'proposed_manager', no, no, no, inactive, elsewhere],
    'org.edit workspace': /*             */ [no, no, no, no, 'admin', inactive, elsewhere],
    'settings.edit workspace': /*        */ [no, no, no, no, 'admin', inactive, elsewhere],
    'roles.manage workspace': /*         */ [no, no, no, no, 'admin', inactive, elsewhere],
    'audit.read workspace': /*           */ [no, no, no, no, 'admin', inactive, elsewhere],
    'deliveries.view workspace': /*      */ [no, no, no, no, 'admin', inactive, elsewhere],
    'person.export subject': /*          */ [no, no, no, no, 'admin', inactive, elsewhere],
    'person.erase subject': /*           */ [no, no, no, no, 'admin', inactive, elsewhere],
    'review.manage workspace': /*        */ [no, no, no, no, 'admin', inactive, elsewhere],
    'integrations.manage workspace': /*  */ [no, no, no, no, 'admin', inactive, elsewhere],
    'review.self_assess subject': /*     */ ['self', no, no, no, no, inactive, elsewhere],
    'review.manager_review subject': /*  */ [no, 'manager', no, no, no, inactive, elsewhere],
    'review.sign_off subject': /*        */ ['self', 'manager', no, no, no, inactive, elsewhere],
    'review.read shared review': /*      */ ['self', 'manager', no, no, 'admin', inactive, elsewhere],
    'review.read review not shared yet': [no, 'manager', no, no, 'admin', inactive, elsewhere],
  },
  on: {},
};
/** What only the manager of today does: writing a review and signing it off are not skip-level reads. */
const DIRECT_MANAGER_ONLY = new Set(['review.manager_review subject', 'review.sign_off subject']);
// With skip-level visibility on, the skip-level manager may do whatever the manager may as manager.
EXPECTED.on = Object.fromEntries(
  Object.entries(EXPECTED.off).map(([row, outcomes]) => [
    row,
    outcomes.map((outcome, i) =>
      ACTORS[i] === 'skip-level' && outcomes[ACTORS.indexOf('manager')] === 'manager' && !DIRECT_MANAGER_ONLY.has(row) ? 'skip_level' : outcome,
    ),
  ]),
);

const describeDecision = (decision: Decision): Outcome => (decision.allowed ? decision.grounds : `no: ${decision.reason}`);

describe('the access policy, actor by actor and action by action', () => {
  let t: TestDatabase;
  let access: AccessService;
  let actors: Record<ActorName, Person>;

  beforeAll(async () => {
    t = await createTestDatabase();
    access = createAccessService({ db: t.db });
    const workspaceId = 'T0MATRIX';
    const subject = await createPerson(t.db, { workspaceId });
    const manager = await createPerson(t.db, { workspaceId });
    const skip = await createPerson(t.db, { workspaceId });
    actors = {
      self: subject,
      manager,
      'skip-level': skip,
      peer: await createPerson(t.db, { workspaceId }),
      admin: await createPerson(t.db, { workspaceId, isAdmin: true }),
      deactivated: await createPerson(t.db, { workspaceId, isAdmin: true, deactivated: true }),
      stranger: await createPerson(t.db, { workspaceId: 'T0ELSEWHERE', isAdmin: true }),
    };
    await linkManager(t.db, subject.id, manager.id);
    await linkManager(t.db, manager.id, skip.id);
    // The peer reports to the skip-level manager too: a sibling of the manager, not above the subject.
    await linkManager(t.db, actors.peer.id, skip.id);
  });
  afterAll(() => t.drop());

  async function subjectFor(action: Action, label: string): Promise<SubjectOf<Action>> {
    const person = await access.subject(actors.self);
    if (action === 'goal.view' || action === 'goal.edit') return { owner: person, visibility: label.startsWith('public') ? 'public' : 'private' };
    if (action === 'goal.set_level') {
      if (label.startsWith('company')) return { owner: await access.subject(actors.admin), level: 'company', ownerLeadsTeam: false };
      return { owner: person, level: label.startsWith('team') ? 'team' : 'individual', ownerLeadsTeam: label.endsWith('team lead') };
    }
    if (action === 'manager.answer') return { person, proposedManagerId: actors.manager.id };
    if (action === 'feedback.answer') return { workspaceId: actors.self.workspaceId, peerId: actors.peer.id };
    if (action === 'feedback_note.view') return { person, authorId: actors.peer.id, sharedWithId: actors.manager.id };
    if (action === 'review.read') return { person, shared: label === 'shared review' };
    if (label === 'workspace') return { workspaceId: actors.self.workspaceId };
    return person;
  }

  async function setSkipLevel(on: boolean) {
    await t.db.updateTable('workspace').set({ skip_level_visibility: on }).where('id', '=', 'T0MATRIX').execute();
  }

  it('covers every action the policy knows', () => {
    expect([...new Set(CASES.map(([action]) => action))].sort()).toEqual([...ACTIONS].sort());
  });

  it.each(['off', 'on'] as const)('decides as the table says with skip-level visibility %s', async (setting) => {
    await setSkipLevel(setting === 'on');
    const actual: Record<string, Outcome[]> = {};
    for (const [action, label] of CASES) {
      const subject = await subjectFor(action, label);
      actual[`${action} ${label}`] = await Promise.all(ACTORS.map(async (name) => describeDecision(await access.decide(actors[name], action, subject))));
    }
    expect(actual).toEqual(EXPECTED[setting]);
  });

  describe('goal lists ask the same policy', () => {
    const clock = new ManualClock('2026-11-23T12:00:00Z');
    const goals = () => createGoalService({ db: t.db, clock, access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } });

    beforeAll(async () => {
      await setSkipLevel(false);
      const created = await goals().create(actors.self, { title: 'Private plan', description: null, category: 'performance', targetDate: null });
      if (!created.ok) throw new Error('expected a goal');
    });

    it.each([
      ['self', 'all'],
      ['manager', 'all'],
      ['admin', 'all'],
    ] as const)('shows the %s every goal', async (name, scope) => {
      const listing = await goals().listFor(actors[name], actors.self);
      expect({ scope: listing.scope, titles: listing.cards.map((c) => c.goal.title) }).toEqual({ scope, titles: ['Private plan'] });
    });

    it.each(['skip-level', 'peer', 'deactivated', 'stranger'] as const)('refuses the %s rather than show an empty list', async (name) => {
      await expect(goals().listFor(actors[name], actors.self)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    });

    it('shows a peer only the public goals once there are some', async () => {
      await t.db.insertInto('goal').values({ workspace_id: 'T0MATRIX', owner_id: actors.self.id, title: 'Open plan', category: 'stretch', visibility: 'public' }).execute();
      const listing = await goals().listFor(actors.peer, actors.self);
      expect({ scope: listing.scope, titles: listing.cards.map((c) => c.goal.title) }).toEqual({ scope: 'public', titles: ['Open plan'] });
    });

    it('lets the skip-level manager see everything once the setting is on', async () => {
      await setSkipLevel(true);
      const listing = await goals().listFor(actors['skip-level'], actors.self);
      expect(listing.scope).toBe('all');
      await setSkipLevel(false);
    });
  });
  describe('the assistant’s tools ask the same policy', () => {
    const clock = new ManualClock('2026-11-23T12:00:00Z');
    let w: ReturnType<typeof wireAssistant>;
    let goalId: string;
    let event = 0;
    const NOWHERE = '00000000-0000-4000-8000-000000000000';

    beforeAll(async () => {
      w = wireAssistant(t.db, clock, 'T0MATRIX');
      const created = await w.goals.create(actors.self, { title: 'Assistant plan', description: null, category: 'performance', targetDate: null });
      if (!created.ok) throw new Error('expected a goal');
      goalId = created.value.goal.id;
      // A public goal beside it, so a list can be partly visible.
      await t.db.insertInto('goal').values({ workspace_id: 'T0MATRIX', owner_id: actors.self.id, title: 'Assistant open plan', category: 'stretch', visibility: 'public' }).execute();
    });

    const said = async (actor: Person, text: string): Promise<ToolResult> => {
      const answer = await w.assistant.answer(actor, { eventId: `matrix-${(event += 1)}`, channel: 'D0MATRIX', threadTs: `${event}.0`, text });
      if (answer.kind !== 'result') throw new Error(`expected a tool result, got ${answer.kind}`);
      return answer.result;
    };
    const outcome = (result: ToolResult): string => (result.kind === 'goals' ? result.scope : result.kind);
    const allowed = (setting: 'off' | 'on', row: string, i: number) => !EXPECTED[setting][row]![i]!.startsWith('no');

    it.each(['off', 'on'] as const)('reads and proposes only what the policy allows, with skip-level visibility %s', async (setting) => {
      await setSkipLevel(setting === 'on');
      const actual: Record<string, string[]> = { show: [], list: [], propose: [] };
      const expected: Record<string, string[]> = { show: [], list: [], propose: [] };
      for (const [i, name] of ACTORS.entries()) {
        actual.show!.push(outcome(await said(actors[name], `goal ${goalId}`)));
        actual.list!.push(outcome(await said(actors[name], `goals <@${actors.self.slackUserId}>`)));
        actual.propose!.push(outcome(await said(actors[name], `status ${goalId} at risk`)));
        const view = allowed(setting, 'goal.view private goal', i);
        expected.show!.push(view ? 'goal' : 'not_found');
        expected.list!.push(view ? 'all' : allowed(setting, 'goal.view public goal', i) ? 'public' : 'not_found');
        expected.propose!.push(allowed(setting, 'goal.edit private goal', i) ? 'proposal' : 'not_found');
      }
      expect(actual).toEqual(expected);
      await setSkipLevel(false);
    });

    it('refuses in the same words whether the goal exists or not', async () => {
      for (const name of ['peer', 'deactivated', 'stranger'] as const) {
        const hidden = resultLines(await said(actors[name], `goal ${goalId}`)).join('\n');
        const missing = resultLines(await said(actors[name], `goal ${NOWHERE}`)).join('\n');
        expect(hidden.replace(goalId, NOWHERE)).toBe(missing);
      }
    });
  });

  describe('review actions and reads ask the same policy', () => {
    const clock = new ManualClock('2026-12-07T12:00:00Z');
    let r: ReturnType<typeof wireReviews>;
    let participantId: string;
    let cycleId: string;
    let templateId: string;
    /** A second cycle, a draft, for closing: the matrix closes it without ending the running one. */
    let closableId: string;

    let evidence: ReviewEvidenceService;
    let peers: ReviewPeersService;
    let feedback: ReturnType<typeof wireFeedback>;

    beforeAll(async () => {
      r = wireReviews(t.db, clock);
      const fb = wireFeedback(t.db, clock, actors.self.workspaceId);
      feedback = fb;
      const goals = createGoalService({ db: t.db, clock, access: r.access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } });
      evidence = createReviewEvidenceService({ db: t.db, clock, access: r.access, goals, feedbackRequests: fb.requests, feedbackNotes: fb.notes });
      const directory = { fetchProfile: async () => undefined, listProfiles: async function* () {}, workspaceIds: async () => [actors.self.workspaceId] };
      const people = createPeopleService({ db: t.db, defaultTimezone: 'UTC', directory });
      peers = createReviewPeersService({ db: t.db, clock, access: r.access, people, feedbackRequests: fb.requests, queue: r.queue });
      const template = await r.admin.saveTemplate(actors.admin, null, { name: 'Matrix', questions: [...QUESTIONS, ...PEER_QUESTIONS] });
      if (!template.ok) throw new Error('expected a template');
      templateId = template.value.templateId;
      expect(await r.admin.defineCompetency(actors.admin, { name: 'Craft', description: '', levels: ['Learning', 'Doing', 'Teaching'] })).toMatchObject({ ok: true });
      const phases = { self_assessment: '2026-12-18', peer_feedback: '2026-12-23', manager_review: '2026-12-23', conversation: '2027-01-08', sign_off: '2027-01-15' };
      const cycle = await r.admin.createCycle(actors.admin, { name: 'Matrix', templateVersionId: template.value.id, participants: { kind: 'people', personIds: [actors.self.id] }, phases });
      if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
      cycleId = cycle.value.id;
      await r.admin.launch(actors.admin, cycleId);
      participantId = (await t.db.selectFrom('review_participant').select('id').where('cycle_id', '=', cycleId).executeTakeFirstOrThrow()).id;
      const closable = await r.admin.createCycle(actors.admin, { name: 'Closable', templateVersionId: template.value.id, participants: { kind: 'people', personIds: [actors.self.id] }, phases });
      if (!closable.ok) throw new Error(JSON.stringify(closable.errors));
      closableId = closable.value.id;
    });

    /** A list read: 'none' when it shows none of this workspace's records (an admin elsewhere sees their own workspace's). */
    const NONE = 'none';
    const ours = async (list: Promise<ReadonlyArray<{ workspaceId: string }>>) => ((await list).some((item) => item.workspaceId === 'T0MATRIX') ? 'ours' : NONE);

    const outcome = (promise: Promise<unknown>): Promise<string> =>
      promise.then(
        (value) => (value === NONE ? NONE : 'ok'),
        (error: unknown) => (error instanceof Error && error.name === 'AccessDeniedError' ? 'denied' : `error: ${String(error)}`),
      );

    /** Each actor's outcome of every review call, in ACTORS order. */
    async function table() {
      const row = (call: (actor: Person) => Promise<unknown>) => Promise.all(ACTORS.map((name) => outcome(call(actors[name]))));
      return {
        read: await row((a) => r.reviews.read(a, participantId)),
        selfForm: await row((a) => r.reviews.form(a, participantId, 'self')),
        selfSave: await row((a) => r.reviews.save(a, participantId, 'self', {}, false)),
        managerForm: await row((a) => r.reviews.form(a, participantId, 'manager')),
        managerSave: await row((a) => r.reviews.save(a, participantId, 'manager', {}, false)),
        schedule: await row((a) => r.reviews.scheduleConversation(a, participantId, clock.now().plus({ days: 20 }))),
        conversationForm: await row((a) => r.reviews.conversationForm(a, participantId)),
        evidence: await row((a) => evidence.evidence(a, participantId)),
        nextStepToGoal: await row((a) => r.reviews.nextStepToGoal(a, participantId, 0)),
        peerNomination: await row((a) => peers.form(a, participantId)),
        peerApproval: await row((a) => peers.approve(a, participantId)),
        // Refused on its input (too few peers) wherever it is allowed, so nothing is nominated.
        peerNominate: await row((a) => peers.nominate(a, participantId, [])),
        // Refused on its state (no manager review submitted) wherever it is allowed, so nothing is shared.
        share: await row((a) => r.reviews.share(a, participantId, { agreed: 'Agreed', nextSteps: [] })),
        signOff: await row((a) => r.reviews.signOff(a, participantId, { sign: false, comment: 'noted' })),
        completion: await row((a) => r.admin.completion(a, cycleId)),
        nudge: await row((a) => r.admin.nudgeLate(a, cycleId)),
        // What the HR forms read and do: the framework, templates, cycles, the CSV and reopening.
        competencies: await row((a) => ours(r.admin.competencies(a))),
        templates: await row((a) => ours(r.admin.templates(a))),
        template: await row((a) => ours(r.admin.template(a, templateId).then((v) => (v ? [v] : [])))),
        cycles: await row((a) => ours(r.admin.cycles(a))),
        exportCsv: await row((a) => r.admin.exportCompletion(a, cycleId)),
        calibration: await row((a) => r.admin.calibration(a, cycleId)),
        reopen: await row((a) => r.admin.reopenForSlackUser(a, cycleId, actors.self.slackUserId)),
        // The HR writes, each refused on its input where allowed, so the matrix changes nothing but who may.
        defineCompetency: await row((a) => r.admin.defineCompetency(a, { name: '', description: '', levels: [] })),
        saveTemplate: await row((a) => r.admin.saveTemplate(a, null, { name: '', questions: [] })),
        createCycle: await row((a) => r.admin.createCycle(a, { name: '', templateVersionId: null, participants: { kind: 'people', personIds: [] }, phases: {} })),
        launch: await row((a) => r.admin.launch(a, cycleId)),
        extend: await row((a) => r.admin.extendPhase(a, cycleId, 'sign_off', '2026-12-01')),
        addPeople: await row((a) => r.admin.addParticipantsBySlackUsers(a, cycleId, [actors.self.slackUserId])),
        close: await row((a) => r.admin.close(a, closableId)),
        // A 360 request following a cycle's peer-feedback date: HR's; one of another workspace is never found.
        followPeerDate: await row((a) => feedback.requests.followReviewDate(a, '00000000-0000-4000-8000-000000000000', '2027-01-01')),
      };
    }

    it.each(['off', 'on'] as const)('allows each actor what the policy says, skip-level visibility %s', async (setting) => {
      await setSkipLevel(setting === 'on');
      const d = 'denied';
      const skipReads = setting === 'on' ? 'ok' : d;
      //                 self  manager skip-level peer admin deactivated stranger
      expect(await table()).toEqual({
        read: [d, 'ok', skipReads, d, 'ok', d, d],
        selfForm: ['ok', d, d, d, d, d, d],
        selfSave: ['ok', d, d, d, d, d, d],
        managerForm: [d, 'ok', d, d, d, d, d],
        managerSave: [d, 'ok', d, d, d, d, d],
        schedule: [d, 'ok', d, d, d, d, d],
        conversationForm: [d, 'ok', d, d, d, d, d],
        evidence: ['ok', 'ok', d, d, d, d, d],
        nextStepToGoal: ['ok', d, d, d, d, d, d],
        peerNomination: ['ok', 'ok', d, d, d, d, d],
        peerApproval: [d, 'ok', d, d, d, d, d],
        peerNominate: ['ok', 'ok', d, d, d, d, d],
        share: [d, 'ok', d, d, d, d, d],
        signOff: ['ok', 'ok', d, d, d, d, d],
        completion: [d, d, d, d, 'ok', d, d],
        nudge: [d, d, d, d, 'ok', d, d],
        competencies: [d, d, d, d, 'ok', d, 'none'],
        templates: [d, d, d, d, 'ok', d, 'none'],
        template: [d, d, d, d, 'ok', d, 'none'],
        cycles: [d, d, d, d, 'ok', d, 'none'],
        exportCsv: [d, d, d, d, 'ok', d, d],
        calibration: [d, d, d, d, 'ok', d, d],
        reopen: [d, d, d, d, 'ok', d, d],
        // A stranger is an admin of their own workspace: its forms answer them, this cycle does not.
        defineCompetency: [d, d, d, d, 'ok', d, 'ok'],
        saveTemplate: [d, d, d, d, 'ok', d, 'ok'],
        createCycle: [d, d, d, d, 'ok', d, 'ok'],
        launch: [d, d, d, d, 'ok', d, d],
        extend: [d, d, d, d, 'ok', d, d],
        addPeople: [d, d, d, d, 'ok', d, d],
        close: [d, d, d, d, 'ok', d, d],
        followPeerDate: [d, d, d, d, 'ok', d, 'ok'],
      });
      await setSkipLevel(false);
    });

    it('shows the answers to the template’s peer questions only in the released 360 summary, to its readers, never attributed', async () => {
      const more = [await createPerson(t.db, { workspaceId: 'T0MATRIX', realName: 'Pia Peer' }), await createPerson(t.db, { workspaceId: 'T0MATRIX', realName: 'Quinn Peer' })];
      const asked = [actors.peer, ...more];
      const approved = await peers.nominate(actors.manager, participantId, asked.map((p) => p.slackUserId));
      if (!approved.ok || !approved.value.requestId) throw new Error(JSON.stringify(approved));
      const requestId = approved.value.requestId;
      const answer = (rating: string, keep: string) => ({ ratings: [rating], comments: [null], customAnswer: keep, strengths: null, suggestions: null });
      const summaryRow = () => Promise.all(ACTORS.map((name) => outcome(feedback.requests.summary(actors[name], requestId))));
      const readOnReview = async () => {
        const read = await r.reviews.read(actors.manager, participantId);
        const found = await evidence.evidence(actors.manager, participantId);
        return { questions: read.questions.map((q) => q.question.id), summaries: found.summaries.map((s) => s.requestId) };
      };

      expect((await feedback.answers.answer(asked[0]!, requestId, answer('4', 'Pairing with juniors'))).ok).toBe(true);
      expect((await feedback.answers.answer(asked[1]!, requestId, answer('5', 'Writing things down'))).ok).toBe(true);
      // Before release: nothing of what peers wrote, on the review or in its evidence; the summary withholds it.
      expect(await readOnReview()).toEqual({ questions: ['impact', 'wins', 'private'], summaries: [] });
      expect((await feedback.requests.summary(actors.manager, requestId)).summary).toBeUndefined();

      expect((await feedback.answers.answer(asked[2]!, requestId, answer('3', 'Reviewing carefully'))).ok).toBe(true);
      expect((await readOnReview()).summaries).toEqual([requestId]);
      const { summary } = await feedback.requests.summary(actors.manager, requestId);
      expect(summary?.focusAreas.map((a) => [a.label, a.mean, a.rated])).toEqual([['How well do they collaborate?', 4, 3]]);
      expect(summary?.customQuestion?.question).toBe('What should they keep doing?');
      expect([...(summary?.customQuestion?.answers ?? [])].sort()).toEqual(['Pairing with juniors', 'Reviewing carefully', 'Writing things down']);
      // Nothing in it says who wrote what.
      const shown = JSON.stringify(summary);
      for (const trace of asked.flatMap((p) => [p.id, p.slackUserId, p.realName ?? p.slackUserId])) expect(shown).not.toContain(trace);
      // Read by the employee and their manager, never by a peer, HR or anyone else.
      const d = 'denied';
      expect(await summaryRow()).toEqual(['ok', 'ok', d, d, d, d, d]);
    });
  });
});

/**
 * Enterprise Grid: an organization installed org-wide is one Cadence workspace (its enterprise id),
 * whichever of its Slack workspaces people call home; another organization is elsewhere, even for
 * someone with the very same Slack user id.
 *
 *   E0MATRIX: the subject (home: Sales) reports to a manager whose home is Engineering; an HR admin
 *   of the org (home: Engineering). E0RIVAL: an HR admin whose Slack user id is the subject's.
 */
describe('the access policy across Enterprise Grid workspaces and organizations', () => {
  /** The person-, goal- and workspace-level rows, for the org's people and the other org's admin. */
  const ORG_EXPECTED: Record<string, readonly Outcome[]> = {
    //                                  manager (Engineering)  admin (Engineering)  admin of E0RIVAL, same user id
    'goal.view private goal': ['manager', 'admin', elsewhere],
    'goal.view public goal': ['manager', 'admin', elsewhere],
    'goal.edit private goal': ['manager', no, elsewhere],
    'checkin.view subject': ['manager', no, elsewhere],
    'feedback_summary.view subject': ['manager', no, elsewhere],
    'feedback.request subject': ['manager', no, elsewhere],
    'feedback_note.give subject': ['colleague', 'colleague', elsewhere],
    'org.view subject': ['manager', 'admin', elsewhere],
    'personal_settings.manage subject': [no, no, elsewhere],
    'person.export subject': [no, 'admin', elsewhere],
    'person.erase subject': [no, 'admin', elsewhere],
    'review.read shared review': ['manager', 'admin', elsewhere],
    'settings.edit workspace': [no, 'admin', elsewhere],
    'audit.read workspace': [no, 'admin', elsewhere],
    'roles.manage workspace': [no, 'admin', elsewhere],
    'org.edit workspace': [no, 'admin', elsewhere],
  };

  let t: TestDatabase;
  let access: AccessService;
  let subject: Person;
  let columns: Person[];

  beforeAll(async () => {
    t = await createTestDatabase();
    access = createAccessService({ db: t.db });
    const home = async (person: Person, teamId: string) => {
      await t.db.updateTable('person').set({ home_team_id: teamId }).where('id', '=', person.id).execute();
      return { ...person, homeTeamId: teamId };
    };
    subject = await home(await createPerson(t.db, { workspaceId: 'E0MATRIX', slackUserId: 'U0SHARED' }), 'T0SALES');
    const manager = await home(await createPerson(t.db, { workspaceId: 'E0MATRIX' }), 'T0ENG');
    const admin = await home(await createPerson(t.db, { workspaceId: 'E0MATRIX', isAdmin: true }), 'T0ENG');
    const rival = await home(await createPerson(t.db, { workspaceId: 'E0RIVAL', slackUserId: 'U0SHARED', isAdmin: true }), 'T0RIVAL');
    await linkManager(t.db, subject.id, manager.id);
    columns = [manager, admin, rival];
  });
  afterAll(() => t.drop());

  it('treats the org as one workspace and another org as elsewhere', async () => {
    const actual: Record<string, Outcome[]> = {};
    for (const row of Object.keys(ORG_EXPECTED)) {
      const [action, ...label] = row.split(' ') as [Action, ...string[]];
      const person = await access.subject(subject);
      const target: SubjectOf<Action> =
        action === 'goal.view' || action === 'goal.edit'
          ? { owner: person, visibility: label.join(' ').startsWith('public') ? 'public' : 'private' }
          : action === 'review.read'
            ? { person, shared: true }
            : label[0] === 'workspace'
              ? { workspaceId: subject.workspaceId }
              : person;
      actual[row] = await Promise.all(columns.map(async (actor) => describeDecision(await access.decide(actor, action, target))));
    }
    expect(actual).toEqual(ORG_EXPECTED);
  });
});

/**
 * Under the per-workspace scope, the policy over a record is that of the person it is about: their
 * home Slack workspace's own, or the organization's where it has none. The skip-level reads of a
 * report follow the REPORT's workspace, whatever the skip-level manager's own allows.
 *
 *   E0SKIP: skip (home: Engineering) ── manages ──> manager (Engineering) ── manages ──> subject (Sales)
 *           and the other way round: skip2 (Sales) ──> manager2 (Sales) ──> report2 (Engineering)
 */
describe('skip-level visibility per Slack workspace of an organization', () => {
  const ORG = 'E0SKIP';
  /** The skip-level reads, one row per kind of record; the direct manager's rows are the table's above. */
  const ROWS = ['goal.view private goal', 'checkin.view subject', 'feedback_summary.view subject', 'org.view subject', 'review.read shared review'] as const;
  const allowed = ROWS.map(() => 'skip_level');
  const refused = ROWS.map(() => no);

  let t: TestDatabase;
  let access: AccessService;
  let people: Record<'skip' | 'subject' | 'skip2' | 'report2', Person>;

  beforeAll(async () => {
    t = await createTestDatabase();
    access = createAccessService({ db: t.db });
    const at = async (teamId: string, isAdmin = false) => {
      const person = await createPerson(t.db, { workspaceId: ORG, isAdmin });
      await t.db.updateTable('person').set({ home_team_id: teamId }).where('id', '=', person.id).execute();
      return { ...person, homeTeamId: teamId };
    };
    const [skip, manager, subject, skip2, manager2, report2] = [await at('T0ENG'), await at('T0ENG'), await at('T0SALES'), await at('T0SALES'), await at('T0SALES'), await at('T0ENG')];
    await linkManager(t.db, subject.id, manager.id);
    await linkManager(t.db, manager.id, skip.id);
    await linkManager(t.db, report2.id, manager2.id);
    await linkManager(t.db, manager2.id, skip2.id);
    people = { skip, subject, skip2, report2 };
    await t.db.insertInto('slack_team').values([{ workspace_id: ORG, team_id: 'T0ENG', name: 'Engineering' }, { workspace_id: ORG, team_id: 'T0SALES', name: 'Sales' }]).execute();
  });
  afterAll(() => t.drop());

  /** The organization's scope and skip-level setting, and each workspace's own (null: the organization's). */
  async function policy(scope: 'organization' | 'team', organization: boolean, own: { T0ENG: boolean | null; T0SALES: boolean | null }) {
    await t.db.updateTable('workspace').set({ settings_scope: scope, skip_level_visibility: organization }).where('id', '=', ORG).execute();
    for (const [teamId, skipLevelVisibility] of Object.entries(own)) {
      await upsertTeamSettings(t.db, ORG, teamId, {
        checkin: { weekday: 5, time: '15:00', everyWeeks: 1 },
        workingDays: [1, 2, 3, 4, 5],
        workingHours: { start: '09:00', end: '18:00' },
        quietHours: { start: '20:00', end: '08:00' },
        anonymityThreshold: null,
        skipLevelVisibility,
      });
    }
  }

  /** What the skip-level manager may read of the report, row by row. */
  async function skipReads(skip: Person, report: Person): Promise<Outcome[]> {
    const person = await access.subject(report);
    const subjects: Record<(typeof ROWS)[number], SubjectOf<Action>> = {
      'goal.view private goal': { owner: person, visibility: 'private' },
      'checkin.view subject': person,
      'feedback_summary.view subject': person,
      'org.view subject': person,
      'review.read shared review': { person, shared: true },
    };
    return Promise.all(ROWS.map(async (row) => describeDecision(await access.decide(skip, row.split(' ')[0] as Action, subjects[row]))));
  }

  it("lets a skip-level manager read a report whose home workspace allows it, though the manager's own does not", async () => {
    await policy('team', false, { T0ENG: false, T0SALES: true });
    // skip (Engineering: off) reads subject (Sales: on); skip2 (Sales: on) may not read report2 (Engineering: off).
    expect(await skipReads(people.skip, people.subject)).toEqual(allowed);
    expect(await skipReads(people.skip2, people.report2)).toEqual(refused);
    // The review's readers say the same (the line the review form shows follows the report's policy).
    expect((await access.context(people.subject)).skipLevelVisibility).toBe(true);
    expect((await access.context(people.report2)).skipLevelVisibility).toBe(false);
  });

  it("refuses a skip-level manager whose own workspace allows it when the report's does not", async () => {
    await policy('team', false, { T0ENG: true, T0SALES: false });
    expect(await skipReads(people.skip, people.subject)).toEqual(refused);
    expect(await skipReads(people.skip2, people.report2)).toEqual(allowed);
  });

  it("follows the organization's setting for a workspace that keeps it", async () => {
    await policy('team', true, { T0ENG: null, T0SALES: false });
    expect(await skipReads(people.skip, people.subject)).toEqual(refused);
    expect(await skipReads(people.skip2, people.report2)).toEqual(allowed);
  });

  it("ignores every workspace's own values under one set of settings for the organization", async () => {
    await policy('organization', false, { T0ENG: true, T0SALES: true });
    expect(await skipReads(people.skip, people.subject)).toEqual(refused);
    expect(await skipReads(people.skip2, people.report2)).toEqual(refused);
    await policy('organization', true, { T0ENG: false, T0SALES: false });
    expect(await skipReads(people.skip, people.subject)).toEqual(allowed);
    expect(await skipReads(people.skip2, people.report2)).toEqual(allowed);
  });

  it("lists the goals of each owner by the owner's policy, in one list", async () => {
    await policy('team', false, { T0ENG: true, T0SALES: false });
    // skip2 manages report2 (Engineering: on) through manager2; a goal of each report, both private.
    const clock = new ManualClock('2026-11-23T12:00:00Z');
    const goals = createGoalService({ db: t.db, clock, access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } });
    for (const owner of [people.subject, people.report2]) {
      const created = await goals.create(owner, { title: `Plan of ${owner.id}`, description: null, category: 'performance', targetDate: null });
      if (!created.ok) throw new Error('expected a goal');
    }
    expect((await goals.listFor(people.skip2, people.report2)).scope).toBe('all');
    await expect(goals.listFor(people.skip, people.subject)).rejects.toMatchObject({ name: 'AccessDeniedError' });
  });
});
