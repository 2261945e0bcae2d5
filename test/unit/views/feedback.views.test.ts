import type { ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import { validateMessage, validateView } from '../../../sandbox/block-kit/validate';
import { buildViewState } from '../../../sandbox/driver/view-state';
import type { SlackView } from '../../../sandbox';
import { countParticipation, type FeedbackAnswer, type FeedbackInvitation, type FeedbackRequest } from '../../../src/domain/feedback';
import { summarize } from '../../../src/domain/feedback-summary';
import type { Person } from '../../../src/domain/person';
import type { AnswerContext } from '../../../src/services/feedback-answer.service';
import type { RequestProgress } from '../../../src/services/feedback-request.service';
import type { StepWork } from '../../../src/services/feedback-steps.service';
import {
  answerErrorBlocks,
  buildAnsweredModal,
  buildAnswerModal,
  buildDeclineModal,
  buildSelfRatingModal,
  parseAnswerForm,
  readAnswerTarget,
} from '../../../src/views/feedback/answer.modal';
import { buildAnsweredMessage, buildStepMessage } from '../../../src/views/feedback/feedback.messages';
import { buildGiveModal, parseGiveForm } from '../../../src/views/feedback/give.modal';
import { buildRequestModal, parseRequestForm, requestErrorBlocks } from '../../../src/views/feedback/request.modal';
import { buildSummaryModal } from '../../../src/views/feedback/summary.modal';
import { FeedbackBlock as B } from '../../../src/views/ids';
import { buildPerson } from '../../support/people';

const person = (overrides: Partial<Person> = {}) => buildPerson(overrides);

const now = DateTime.fromISO('2026-11-26T10:00:00Z', { zone: 'utc' });
const subject = person({ realName: 'Ana Subject' });
const manager = person({ realName: 'Max Manager' });
const FIVE_AREAS = ['Communication', 'Collaboration', 'Ownership', 'Quality of work', 'Delivery'];

function request(overrides: Partial<FeedbackRequest> = {}): FeedbackRequest {
  return {
    id: '6f1c1f8e-1c1a-4a39-9a43-2a6a1c1e7b10',
    workspaceId: 'T1',
    subjectId: subject.id,
    requesterId: subject.id,
    focusAreas: FIVE_AREAS,
    customQuestion: 'What should I stop doing?',
    note: 'Be <!channel> blunt',
    dueOn: '2026-12-03',
    dueAt: DateTime.fromISO('2026-12-04T00:00:00Z', { zone: 'utc' }),
    status: 'open',
    createdAt: now,
    settledAt: null,
    threshold: 3,
    ...overrides,
  };
}

const invitation: FeedbackInvitation = { id: 'i1', requestId: request().id, peerId: 'peer', status: 'pending', declineReason: null, invitedAt: now };
const answerContext = (): AnswerContext => ({ request: request(), subject, requester: subject, otherReaders: [manager], threshold: 3, invitation, open: true });
const stateOf = (modal: ModalView, values: Record<string, string | string[] | null>) => buildViewState(modal as unknown as SlackView, values);
const text = (blocks: unknown) => JSON.stringify(blocks);

describe('the answer form', () => {
  it('says who will read the answer, and in what form, before it is sent', () => {
    const peer = person();
    const modal = buildAnswerModal(answerContext(), peer, now);
    expect(validateView(modal)).toEqual([]);
    const context = text(modal.blocks);
    expect(context).toContain(`<@${subject.slackUserId}> and <@${manager.slackUserId}>, only inside an anonymous summary, and only once at least 3 people have answered`);
    expect(context).toContain('Nobody, not their manager, not HR admins and not whoever runs Cadence, can see which answer is yours');
    // The requester's note is quoted, not obeyed: no @channel.
    expect(context).not.toContain('<!channel>');
    expect(readAnswerTarget(modal.private_metadata)).toEqual({ requestId: request().id });
  });

  it('reads every focus area back by position, and puts each error beside its field', () => {
    const modal = buildAnswerModal(answerContext(), person(), now);
    const state = stateOf(modal, { [`${B.RatingPrefix}0`]: '5', [`${B.CommentPrefix}0`]: 'clear', [`${B.RatingPrefix}4`]: 'na', [B.CustomAnswer]: 'meetings' });
    expect(parseAnswerForm(state, 5)).toEqual({
      ratings: ['5', null, null, null, 'na'],
      comments: ['clear', null, null, null, null],
      customAnswer: 'meetings',
      strengths: null,
      suggestions: null,
    });
    expect(answerErrorBlocks({ 'rating.2': 'Choose a rating', 'comment.1': 'Too long', form: 'Closed', suggestions: 'Too long' })).toEqual({
      [`${B.RatingPrefix}2`]: 'Choose a rating',
      [`${B.CommentPrefix}1`]: 'Too long',
      [`${B.RatingPrefix}0`]: 'Closed',
      [B.Suggestions]: 'Too long',
    });
  });

  it('opens prefilled to edit, keeping the edit key in the view and nowhere in its blocks', () => {
    const answer: FeedbackAnswer = { ratings: [4, null, 3, 5, 2], comments: ['a', null, null, null, null], customAnswer: null, strengths: 'calm', suggestions: null };
    const key = 'k'.repeat(43);
    const modal = buildAnswerModal(answerContext(), person(), now, { editKey: key, answer });
    expect(validateView(modal)).toEqual([]);
    expect(text(modal.blocks)).not.toContain(key);
    expect(readAnswerTarget(modal.private_metadata)).toEqual({ editKey: key });
    expect(parseAnswerForm(stateOf(modal, {}), 5).ratings).toEqual(['4', 'na', '3', '5', '2']);
  });

  it('builds valid decline and self-rating forms that say who sees them', () => {
    expect(validateView(buildDeclineModal(answerContext(), person()))).toEqual([]);
    expect(text(buildDeclineModal(answerContext(), person()).blocks)).toContain('sees that you declined');
    expect(validateView(buildSelfRatingModal(request(), [3, null, null, null, 4]))).toEqual([]);
  });
});

describe('the request form', () => {
  const form = (subjects: Person[]) => ({
    subjects,
    subject: subjects[0] ?? subject,
    focusAreas: FIVE_AREAS,
    due: { earliest: '2026-11-29', suggested: '2026-12-03', latest: '2027-01-25' },
    threshold: 3,
    open: undefined,
  });

  it('asks about the person themself unless they manage someone', () => {
    const alone = buildRequestModal(form([subject]), subject);
    expect(validateView(alone)).toEqual([]);
    expect(text(alone.blocks)).not.toContain(B.Subject);
    const report = person({ realName: 'Rey Report' });
    const withReports = buildRequestModal(form([manager, report]), manager);
    expect(validateView(withReports)).toEqual([]);
    expect(text(withReports.blocks)).toContain('Me (Max Manager)');
    const state = stateOf(withReports, { [B.Subject]: report.slackUserId, [B.Peers]: ['U1', 'U2'], [B.FocusAreas]: ['Delivery'] });
    expect(parseRequestForm(state)).toEqual({
      subjectSlackId: report.slackUserId,
      peerSlackIds: ['U1', 'U2'],
      focusAreas: ['Delivery'],
      customQuestion: null,
      dueOn: '2026-12-03',
      note: null,
    });
  });

  it('puts a problem with the subject on the peers when there is no subject picker', () => {
    expect(requestErrorBlocks({ subject: 'Open already.', dueOn: 'Too soon.' }, false)).toEqual({ [B.Peers]: 'Open already.', [B.DueOn]: 'Too soon.' });
    expect(requestErrorBlocks({ subject: 'Open already.' }, true)).toEqual({ [B.Subject]: 'Open already.' });
  });
});

describe('the summary', () => {
  const answers = Array.from({ length: 10 }, (_, i): FeedbackAnswer => ({
    ratings: [5, 4, 3, 2, (i % 5) + 1] as FeedbackAnswer['ratings'],
    comments: FIVE_AREAS.map(() => `${'long comment '.repeat(76)} <@U0SNEAKY> ${i}`),
    customAnswer: 'x'.repeat(1500),
    strengths: 's'.repeat(1500),
    suggestions: 'g'.repeat(1500),
  }));
  const progress = (overrides: Partial<RequestProgress> = {}): RequestProgress => ({
    request: request({ status: 'released' }),
    subject,
    requester: subject,
    participation: countParticipation(answers.map(() => ({ status: 'answered' as const }))),
    answered: 10,
    threshold: 3,
    withheld: undefined,
    selfRated: true,
    room: 0,
    ...overrides,
  });

  it('fits ten long answers on five focus areas within Slack’s limits, comments escaped and unnamed', () => {
    const modal = buildSummaryModal(progress(), summarize(request(), answers, [4, 4, 4, 4, 4]), subject, now);
    expect(validateView(modal)).toEqual([]);
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    const all = text(modal.blocks);
    expect(all).not.toContain('<@U0SNEAKY>');
    expect(all).toContain('You rated yourself 4: others’ average is 1.0 higher.');
  });

  it('says why it is withheld, and while open gives no count that would date an answer', () => {
    const modal = buildSummaryModal(progress({ request: request(), withheld: { reason: 'open', needed: 3 }, answered: 2 }), undefined, subject, now);
    expect(validateView(modal)).toEqual([]);
    const all = text(modal.blocks);
    expect(all).toContain('The summary is shared once at least 3 people have answered');
    expect(all).toContain('answers are counted when the request closes');
    expect(all).not.toMatch(/2 of \d answered/);
  });
});

describe('messages', () => {
  const peer = person({ timezone: 'America/New_York' });
  const base = { step: { id: 's1', requestId: request().id, invitationId: 'i1', recipientId: peer.id, kind: 'invite' as const, dueAt: now, state: 'scheduled' as const }, recipient: peer, request: request(), subject, requester: subject, now };

  it.each(['invite', 'follow_up', 'last_reminder'] as const)('the %s names who asked, the due time in the peer’s zone, and carries only the request id', (kind) => {
    const skip = person({ realName: 'Sky Skip' });
    const message = buildStepMessage({ ...base, kind, otherReaders: [manager, skip], threshold: 3 } as StepWork);
    expect(validateMessage(message)).toEqual([]);
    const all = text(message.blocks);
    expect(all).toContain('your time');
    expect(all).toContain(`<@${subject.slackUserId}>, <@${manager.slackUserId}> and <@${skip.slackUserId}> read answers only as a summary`);
    expect(all).toContain('18:59'); // 23:59 in London is 18:59 in New York
    expect(all).toContain(`"value":"${request().id}"`);
  });

  it('the answered DM carries no edit key: only the confirmation modal does, which the bot token cannot read back', () => {
    const key = 'k'.repeat(43);
    const message = buildAnsweredMessage(answerContext());
    expect(validateMessage(message)).toEqual([]);
    expect(text(message)).not.toContain(key);
    expect(text(message.blocks)).not.toContain('"type":"button"');
    const modal = buildAnsweredModal(answerContext(), peer, key, now);
    expect(validateView(modal)).toEqual([]);
    expect(text(modal.blocks)).toContain(`"value":"${key}"`);
  });
});

describe('continuous feedback', () => {
  it('names the person and their manager before sending, and reads the choice back', () => {
    const recipient = person({ realName: 'Raj Recipient' });
    const modal = buildGiveModal({ recipient, manager });
    expect(validateView(modal)).toEqual([]);
    expect(text(modal.blocks)).toContain(`only <@${recipient.slackUserId}>, with your name. If you tick the box, their manager <@${manager.slackUserId}> sees it too.`);
    expect(parseGiveForm(stateOf(modal, { [B.Body]: 'Great demo', [B.Share]: ['share'] }))).toEqual({
      recipientSlackId: recipient.slackUserId,
      body: 'Great demo',
      shareWithManager: true,
    });
    const noManager = buildGiveModal({ recipient, manager: undefined });
    expect(text(noManager.blocks)).not.toContain(B.Share);
    expect(text(noManager.blocks)).toContain('cannot be shared');
  });
});
