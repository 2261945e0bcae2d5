import { validateView } from '../../../sandbox/block-kit/validate';
import type { ConversationForm, ReviewReading } from '../../../src/services/review.service';
import { buildSummaryModal } from '../../../src/views/review/conversation.modal';
import { buildSignOffModal } from '../../../src/views/review/sign-off.modal';
import { buildPerson } from '../../support/people';

/** The summary and sign-off forms say who reads what is typed in them before it is sent, as the review form does per question. */
const employee = buildPerson({ realName: 'Emma <Employee>' });
const manager = buildPerson({ realName: 'Mo Manager' });
const PARTICIPANT = '6f1d1c9e-4f7a-4c33-9d5e-0a7d5a1b2c3d';

const summaryForm = (skipLevelReads: boolean): ConversationForm => ({ participantId: PARTICIPANT, person: employee, conversationAt: null, ratings: [], managerSubmitted: true, shared: false, skipLevelReads });

const reading = (skipLevelReads: boolean): ReviewReading => ({
  person: employee,
  manager,
  cycleName: 'H1',
  readers: ['manager'],
  questions: [],
  conversationAt: null,
  summary: { agreed: 'Agreed', nextSteps: [] },
  agreedRatings: [],
  signOffs: [],
  locked: false,
  peerRequestId: null,
  nextStepGoals: [],
  skipLevelReads,
});

describe('who reads the summary and the sign-off comment', () => {
  it('is shown on the summary form, never HR, with the managers above when the workspace lets them read', () => {
    const text = (skip: boolean) => JSON.stringify(buildSummaryModal(summaryForm(skip)).blocks);
    expect(text(false)).toContain('Who reads this: Emma &lt;Employee&gt; and their manager. Not HR.');
    expect(text(true)).toContain('Who reads this: Emma &lt;Employee&gt; and their manager and the managers above. Not HR.');
    expect(validateView(buildSummaryModal(summaryForm(true)))).toEqual([]);
  });

  it('is shown beside the sign-off comment', () => {
    const modal = buildSignOffModal(reading(false), PARTICIPANT, manager);
    expect(JSON.stringify(modal.blocks)).toContain('"hint":{"type":"plain_text","text":"Who reads this: Emma <Employee> and their manager. Not HR."');
    expect(validateView(modal)).toEqual([]);
  });
});
