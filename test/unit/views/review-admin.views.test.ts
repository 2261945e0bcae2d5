import { DateTime } from 'luxon';
import { validateView } from '../../../sandbox/block-kit/validate';
import type { ReviewCycle, TemplateVersion } from '../../../src/domain/review';
import { REVIEW_ITEMS, type ReviewItem } from '../../../src/domain/review-cycle';
import type { Competency, ReviewQuestion } from '../../../src/domain/review-template';
import type { CycleCompletion } from '../../../src/services/review-admin.service';
import { completionCsv } from '../../../src/views/review-admin/completion.csv';
import { buildAddPeopleModal, buildCalibrationModal, buildCycleModal, parseAddPeople } from '../../../src/views/review-admin/cycle.modal';
import { buildNewCycleModal } from '../../../src/views/review-admin/cycle-form.modal';
import { buildReviewAdminHub } from '../../../src/views/review-admin/hub.modal';
import { buildNewTemplateModal, buildQuestionModal, buildTemplateModal, parseQuestion } from '../../../src/views/review-admin/template.modal';
import { ReviewAdminAction, ReviewAdminBlock, VALUE_ACTION } from '../../../src/views/ids';
import { buildPerson } from '../../support/people';

/** The HR review forms stay within Slack's limits at their largest, and read back what was typed. */
const long = (n: number, prefix: string) => `${prefix} ${'x'.repeat(n)}`;
const competencies: Competency[] = Array.from({ length: 120 }, (_, i) => ({ id: `c${i}`, workspaceId: 'T1', name: long(110, `Competency ${i}`), description: long(900, 'd'), levels: ['a', 'b', 'c'], teamManagerId: null, role: null }));
const questions: ReviewQuestion[] = Array.from({ length: 30 }, (_, i) => ({
  id: `q${i}`,
  kind: 'multiple_choice',
  prompt: long(280, `Question ${i}`),
  options: Array.from({ length: 10 }, (_, j) => long(50, `Option ${j}`)),
  answeredBy: ['self', 'manager'],
  readableBy: ['employee', 'manager', 'hr'],
}));
const version: TemplateVersion = { id: 'v1', templateId: '6f1c2b8e-1d2a-4c3b-9e4f-5a6b7c8d9e0f', workspaceId: 'T1', version: 3, name: long(110, 'Template'), questions };
const cycle: ReviewCycle = {
  id: '7a1c2b8e-1d2a-4c3b-9e4f-5a6b7c8d9e0f',
  workspaceId: 'T1',
  name: long(110, 'Cycle'),
  templateVersionId: 'v1',
  status: 'active',
  phases: { self_assessment: '2027-03-10', peer_feedback: '2027-03-17', manager_review: '2027-03-17', conversation: '2027-03-24', sign_off: '2027-03-31' },
  createdAt: DateTime.utc(2027, 3, 1),
  launchedAt: DateTime.utc(2027, 3, 1),
  closedAt: null,
};

describe('the HR review views', () => {
  it('keep the hub, a 30-question template and the forms within Block Kit limits', () => {
    const hub = buildReviewAdminHub({ competencies: competencies.map((c) => ({ ...c, teamManager: null })), templates: Array.from({ length: 40 }, () => version), cycles: Array.from({ length: 40 }, () => cycle) });
    const views = [hub, buildTemplateModal(version, competencies, 'Saved'), buildNewTemplateModal(competencies), buildQuestionModal(version.templateId, questions[0], competencies), buildNewCycleModal(Array.from({ length: 100 }, () => version))];
    for (const view of views) expect(validateView(view)).toEqual([]);
  });

  it('keep the cycle view within limits with hundreds of late people', () => {
    const states = Object.fromEntries(REVIEW_ITEMS.map((item) => [item, 'pending'])) as CycleCompletion['rows'][number]['states'];
    const rows = Array.from({ length: 300 }, (_, i) => ({ person: buildPerson({ realName: long(80, `Person ${i}`) }), manager: buildPerson(), states, late: ['self_assessment', 'manager_review'] as ReviewItem[] }));
    const byItem = Object.fromEntries(REVIEW_ITEMS.map((item) => [item, { done: 0, pending: 300, waiting: 0, closed: 0, late: 300 }])) as CycleCompletion['byItem'];
    const completion: CycleCompletion = { cycle, byItem, byTeam: rows.slice(0, 60).map((r) => ({ manager: r.person, done: 1, total: 5 })), rows, peers: { nominated: 120, approved: 100 } };
    const view = buildCycleModal(completion, 'Nudged');
    expect(validateView(view)).toEqual([]);
    expect(JSON.stringify(view.blocks)).toContain('…and 285 more (all in the CSV export).');
    expect(JSON.stringify(view.blocks)).toContain('Peer feedback (due 2027-03-17): 120/300 nominated, 100 asked');
  });

  it('offer Add people on a draft or running cycle, not a closed one, with a form that reads the people back', () => {
    const byItem = Object.fromEntries(REVIEW_ITEMS.map((item) => [item, { done: 0, pending: 0, waiting: 0, closed: 0, late: 0 }])) as CycleCompletion['byItem'];
    const buttons = (status: ReviewCycle['status']) => JSON.stringify(buildCycleModal({ cycle: { ...cycle, status }, byItem, byTeam: [], rows: [], peers: { nominated: 0, approved: 0 } }).blocks).includes(ReviewAdminAction.AddPeople);
    expect([buttons('draft'), buttons('active'), buttons('closed')]).toEqual([true, true, false]);
    const form = buildAddPeopleModal(cycle);
    expect(validateView(form)).toEqual([]);
    expect(JSON.stringify(form.blocks)).toContain('the self-assessment invitation 14 days before it is due (at once when that is past)');
    expect(parseAddPeople({ [ReviewAdminBlock.People]: { [VALUE_ACTION]: { selected_users: ['U0A', 'U0B'] } } })).toEqual(['U0A', 'U0B']);
  });

  it('offer Calibration once a cycle with a calibration date is under way, and keep its view within limits', () => {
    const byItem = Object.fromEntries(REVIEW_ITEMS.map((item) => [item, { done: 0, pending: 0, waiting: 0, closed: 0, late: 0 }])) as CycleCompletion['byItem'];
    const offered = (changes: Partial<ReviewCycle>) => JSON.stringify(buildCycleModal({ cycle: { ...cycle, ...changes }, byItem, byTeam: [], rows: [], peers: { nominated: 0, approved: 0 } }).blocks).includes(ReviewAdminAction.Calibration);
    const calibrated = { ...cycle.phases, calibration: '2027-03-20' };
    expect([offered({ phases: calibrated }), offered({ phases: calibrated, status: 'closed' }), offered({ phases: calibrated, status: 'draft' }), offered({})]).toEqual([true, true, false, false]);

    const counts = { points: [1, 2, 3, 4, 5, 6, 7], na: 2 };
    const rated = (i: number): ReviewQuestion => ({ id: `r${i}`, kind: 'rating', prompt: long(280, `Rated ${i}`), labels: Array.from({ length: 7 }, (_, j) => long(50, `Label ${j}`)), allowNa: true, answeredBy: ['manager'], readableBy: ['hr'] });
    const teams = Array.from({ length: 60 }, () => ({ manager: buildPerson({ realName: long(80, 'Manager') }), counts }));
    const view = buildCalibrationModal({
      cycle: { ...cycle, phases: calibrated },
      submitted: 3,
      participants: 300,
      questions: Array.from({ length: 50 }, (_, i) => ({ question: rated(i), scale: (rated(i) as { labels: string[] }).labels, all: counts, byTeam: teams })),
    });
    expect(validateView(view)).toEqual([]);
    const text = JSON.stringify(view.blocks);
    expect(text).toContain('3 of 300 manager reviews submitted');
    expect(text).toContain('10 more rated questions are not shown.');
  });

  it('writes the completion CSV with names quoted where they must be', () => {
    const states = { self_assessment: 'done', manager_review: 'pending', conversation: 'pending', employee_sign_off: 'waiting', manager_sign_off: 'waiting' } as const;
    const person = buildPerson({ slackUserId: 'U0A', realName: 'Ana "Ace", London' });
    const csv = completionCsv({ cycle: { ...cycle, name: 'H1' }, byItem: {} as CycleCompletion['byItem'], byTeam: [], rows: [{ person, manager: null, states, late: ['manager_review'] }], peers: { nominated: 0, approved: 0 } });
    expect(csv.split('\n')).toEqual([
      'cycle,person_slack_id,person,manager_slack_id,manager,self_assessment,manager_review,conversation,employee_sign_off,manager_sign_off,late',
      'H1,U0A,"Ana ""Ace"", London",,,done,pending,pending,waiting,waiting,manager_review',
    ]);
  });

  it('reads a question back from the form, and asks for its kind first', () => {
    const value = (v: Record<string, unknown>) => ({ [VALUE_ACTION]: v });
    const values = {
      [ReviewAdminBlock.Prompt]: value({ value: 'How did it go?' }),
      [ReviewAdminBlock.Kind]: value({ selected_option: { value: 'rating' } }),
      [ReviewAdminBlock.Scale]: value({ value: ' Low \n\nMid\nHigh\n' }),
      [ReviewAdminBlock.AllowNa]: value({ selected_options: [{ value: 'na' }] }),
      [ReviewAdminBlock.AnsweredBy]: value({ selected_options: [{ value: 'manager' }, { value: 'self' }] }),
      [ReviewAdminBlock.ReadableBy]: value({ selected_options: [{ value: 'hr' }] }),
    };
    expect(parseQuestion(values, 'q1')).toEqual({
      question: { id: 'q1', kind: 'rating', prompt: 'How did it go?', labels: ['Low', 'Mid', 'High'], allowNa: true, answeredBy: ['self', 'manager'], readableBy: ['hr'] },
    });
    expect(parseQuestion({ ...values, [ReviewAdminBlock.Kind]: value({}) }, 'q1')).toEqual({ missing: ReviewAdminBlock.Kind, message: 'Pick the kind of question.' });
    // Peers as answerers, in the template's order of answerers.
    const byPeers = parseQuestion({ ...values, [ReviewAdminBlock.AnsweredBy]: value({ selected_options: [{ value: 'manager' }, { value: 'peer' }] }) }, 'q1');
    expect('question' in byPeers && byPeers.question.answeredBy).toEqual(['peer', 'manager']);
  });
});
