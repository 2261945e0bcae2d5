import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { ReviewEvidenceService } from '../services/review-evidence';
import type { ReviewPeersService } from '../services/review-peers.service';
import type { ReviewDraftService } from '../services/review-drafts.service';
import type { ReviewService } from '../services/review.service';
import type { Person } from '../domain/person';
import { actionListener, type ButtonListener, type ListenerOutcome } from '../slack/listener';
import { buildNoticeModal } from '../views/access';
import { buildConversationModal, buildSummaryModal } from '../views/review/conversation.modal';
import { buildEvidenceModal } from '../views/review/evidence.modal';
import { buildPeersModal } from '../views/review/peers.modal';
import { buildReviewFormModal } from '../views/review/review-form.modal';
import { buildSignOffModal } from '../views/review/sign-off.modal';

export type ReviewActionDeps = { reviews: ReviewService; reviewEvidence: ReviewEvidenceService; reviewPeers: ReviewPeersService; reviewDrafts: ReviewDraftService; logger: Logger };

const STALE = 'This button is out of date. Type /review to see what is waiting.';

/** A button on a review: its value parsed, notices in a Review modal, a stale or refused click answered alike. */
function reviewButton<T>(deps: ReviewActionDeps, name: string, value: z.ZodType<T>, handle: (actor: Person, value: T) => Promise<ListenerOutcome>): ButtonListener {
  return actionListener({ name, logger: deps.logger, notices: { title: 'Review' }, refused: STALE, value, handle: (actor, input) => handle(actor, input.value) });
}

const openValue = z.templateLiteral([z.uuid(), ':', z.enum(['self', 'manager'])]).transform((value) => {
  const [participantId = '', role] = value.split(':') as [string, 'self' | 'manager'];
  return { participantId, role };
});

/** "Open the form" beside a waiting item: the self-assessment or manager review, for whoever may write it. */
export function openReviewButton(deps: ReviewActionDeps): ButtonListener {
  return reviewButton(deps, 'open the review form', openValue, async (actor, value) => {
    const form = await deps.reviews.form(actor, value.participantId, value.role);
    return { modal: buildReviewFormModal(form, { ...(await deps.reviewDrafts.aids(actor, form)), draftedBlocks: [] }) };
  });
}

/** "Read and sign off" on a sign-off request: the review as the reader may read it (audited), with the form. */
export function openSignOffButton(deps: ReviewActionDeps): ButtonListener {
  return reviewButton(deps, 'open the review', z.uuid(), async (actor, value) => {
    return { modal: buildSignOffModal(await deps.reviews.read(actor, value), value, actor) };
  });
}

/** "Set the time" on the conversation item: the manager of today picks its date and time. */
export function openConversationButton(deps: ReviewActionDeps): ButtonListener {
  return reviewButton(deps, 'open the review conversation', z.uuid(), async (actor, value) => {
    return { modal: buildConversationModal(await deps.reviews.conversationForm(actor, value), actor) };
  });
}

/** "Write the summary": the summary form, or why it cannot be written yet. */
export function openSummaryButton(deps: ReviewActionDeps): ButtonListener {
  return reviewButton(deps, 'open the review summary', z.uuid(), async (actor, value) => {
    const form = await deps.reviews.conversationForm(actor, value);
    if (form.shared) return { modal: buildNoticeModal('Review summary', 'The summary was shared already.') };
    if (!form.managerSubmitted) return { modal: buildNoticeModal('Review summary', 'Submit your manager review first: sharing the summary makes its answers final.') };
    return { modal: buildSummaryModal(form) };
  });
}

/** A summary has at most five next steps (SUMMARY_LIMITS). */
const nextStepValue = z.templateLiteral([z.uuid(), ':', z.enum(['0', '1', '2', '3', '4'])]).transform((value) => {
  const [participantId = '', index = ''] = value.split(':');
  return { participantId, index: Number(index) };
});

/** "Make it my goal" beside a next step: the goal is made once, and the review is shown again with it. */
export function nextStepGoalButton(deps: ReviewActionDeps): ButtonListener {
  return reviewButton(deps, 'make a next step a goal', nextStepValue, async (actor, value) => {
    const made = await deps.reviews.nextStepToGoal(actor, value.participantId, value.index);
    if (!made.ok) return { modal: buildNoticeModal('Review', made.errors.nextStep ?? 'Please try again.') };
    return { modal: buildSignOffModal(await deps.reviews.read(actor, value.participantId), value.participantId, actor), place: 'replace' };
  });
}

/** "See the evidence" on a review form: pushed over the form, whose draft stays as typed. */
export function openEvidenceButton(deps: ReviewActionDeps): ButtonListener {
  return reviewButton(deps, 'open the review evidence', z.uuid(), async (actor, value) => {
    return { modal: buildEvidenceModal(await deps.reviewEvidence.evidence(actor, value), actor) };
  });
}

/** "Peer feedback" beside a self-assessment or a manager review: nominate, or approve as the manager. */
export function openPeersButton(deps: ReviewActionDeps): ButtonListener {
  return reviewButton(deps, 'open peer feedback', z.uuid(), async (actor, value) => {
    return { modal: buildPeersModal(await deps.reviewPeers.form(actor, value)) };
  });
}
