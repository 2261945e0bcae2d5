import type { Draft } from '../../../src/ai/types';
import type { Person } from '../../../src/domain/person';
import type { ReviewQuestion } from '../../../src/domain/review-template';
import type { AnswerDraft } from '../../../src/services/review-drafts.service';
import type { ReviewForm } from '../../../src/services/review.service';
import { buildAnswerDraftModal, parseAnswerDraftMetadata } from '../../../src/views/ai/answer-draft.modal';
import { recencyBlocks } from '../../../src/views/ai/recency.blocks';
import { AiAction } from '../../../src/views/ids';
import { buildReviewFormModal } from '../../../src/views/review/review-form.modal';

const person = { id: 'p1', name: 'ben', realName: 'Ben Writer' } as Person;
const PARTICIPANT = '6f1d1c9e-4f7a-4c33-9d5e-0a7d5a1b2c3d';
const textQuestion = (id: string): Extract<ReviewQuestion, { kind: 'text' }> => ({ id, kind: 'text', prompt: `Question ${id}?`, wordLimit: 300, answeredBy: ['self'], readableBy: ['employee', 'manager'] });

function draftOf(sentences: string[]): Draft {
  return {
    kind: 'self_assessment',
    source: 'offline',
    sections: [{ key: 'answer', title: 'Q', status: 'drafted', sentences: sentences.map((text) => ({ text, citations: ['checkin:1:wins'] })), evidenceCount: 2, minEvidence: 2, questions: [] }],
    dropped: 0,
    cited: new Map([['checkin:1:wins', { ref: 'checkin:1:wins', kind: 'checkin', on: '2026-11-27', topic: 'Wins', label: 'Check-in', text: 'Closed the bugs' }]]),
  };
}

describe('review form aids', () => {
  it('stays within Slack’s 100 blocks with drafts and suggestions beside every one of the most questions a template holds', () => {
    const questions = Array.from({ length: 30 }, (_, i) => ({ question: textQuestion(`q${i}`), readers: 'Who reads this: you' }));
    const form: ReviewForm = { participantId: PARTICIPANT, person, role: 'self', questions, answers: {}, submitted: false, carriedFrom: 'previous_cycle', dueOn: '2026-12-10' };
    const suggestions = new Map(questions.map(({ question }) => [question.id, [{ rule: 'vague' as const, message: 'Add an example.' }]]));
    const modal = buildReviewFormModal(form, { draftsOffered: true, writingCheckOffered: true, drafted: new Map([['q0', 'x']]), draftedBlocks: ['q0'], suggestions });
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(modal.blocks);
    expect(text.split(AiAction.DraftAnswer).length - 1).toBe(30);
    expect(text).toContain('review_qai_q0');
    expect(text).toContain('AI-drafted');
  });

  it('offers no drafts and no check when the workspace turned AI off', () => {
    const form: ReviewForm = { participantId: PARTICIPANT, person, role: 'self', questions: [{ question: textQuestion('q'), readers: '' }], answers: {}, submitted: false, carriedFrom: null, dueOn: undefined };
    const text = JSON.stringify(buildReviewFormModal(form).blocks);
    expect(text).not.toContain(AiAction.DraftAnswer);
    expect(text).not.toContain(AiAction.CheckReviewWriting);
  });

  const answer = (text: string | undefined): AnswerDraft => ({
    draft: draftOf(['I closed the bugs.']),
    subject: person,
    recency: [],
    from: '2026-06-01',
    participantId: PARTICIPANT,
    role: 'self',
    question: textQuestion('wins'),
    text,
  });

  it('carries the draft to "Use this draft", and offers none that would not fit Slack’s metadata', () => {
    const offered = buildAnswerDraftModal(answer('I closed the bugs.'), ['other']);
    expect(offered.submit?.text).toBe('Use this draft');
    expect(parseAnswerDraftMetadata(offered.private_metadata ?? '')).toEqual({ participantId: PARTICIPANT, role: 'self', questionId: 'wins', text: 'I closed the bugs.', drafted: ['other'] });
    const long = buildAnswerDraftModal(answer('word '.repeat(600).trim()), []);
    expect(long.submit).toBeUndefined();
    expect(long.private_metadata).toBeUndefined();
    expect(buildAnswerDraftModal(answer(undefined), []).submit).toBeUndefined();
  });

  it('shows how the records spread over the period, and warns when the last month holds most of them', () => {
    const spread = JSON.stringify(recencyBlocks([
      { month: '2026-10', records: 1, cited: 1 },
      { month: '2026-11', records: 4, cited: 2 },
    ]));
    expect(spread).toContain('Oct 2026: 1 (1 used) · Nov 2026: 4 (2 used)');
    expect(spread).toContain('More than half of these records are from Nov 2026');
    expect(JSON.stringify(recencyBlocks([{ month: '2026-11', records: 0, cited: 0 }]))).toContain('no dated records');
  });
});
