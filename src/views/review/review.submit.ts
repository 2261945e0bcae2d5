import type { Logger } from '../../lib/logger';
import type { ReviewPeersService } from '../../services/review-peers.service';
import type { ReviewDraftService } from '../../services/review-drafts.service';
import type { ReviewService } from '../../services/review.service';
import { buildNoticeModal } from '../access';
import { displayName } from '../../domain/person';
import { ReviewBlock, ReviewConversationIds, ReviewPeerIds, ReviewSignOffIds, ReviewSummaryIds } from '../ids';
import { parsePeers } from './peers.modal';
import { parseConversation, parseSummary, participantOf, summaryErrorBlocks } from './conversation.modal';
import { localMoment } from './review.messages';
import { formSubmit } from '../submit';
import { parseReviewMetadata, parseReviewState, reviewErrorBlocks } from './review-form.modal';
import { parseSignOff } from './sign-off.modal';

export type ReviewViewDeps = { reviews: ReviewService; reviewPeers: ReviewPeersService; reviewDrafts: ReviewDraftService; logger: Logger };

/** Saves the draft or submits the answers, or keeps the form open with an error beside each question that needs one. */
export function reviewFormSubmit(deps: ReviewViewDeps) {
  return formSubmit({
    name: 'save your review',
    logger: deps.logger,
    fallbackBlock: ReviewBlock.Draft,
    handle: async (actor, view) => {
      const metadata = parseReviewMetadata(view.private_metadata);
      if (!metadata) return { errors: { [ReviewBlock.Draft]: 'This form is out of date. Close it and type /review again.' } };
      const form = await deps.reviews.form(actor, metadata.participantId, metadata.role);
      const { answers, draft } = parseReviewState(
        view.state.values,
        form.questions.map((q) => q.question),
        metadata.drafted,
      );
      const result = await deps.reviews.save(actor, metadata.participantId, metadata.role, answers, !draft);
      if (!result.ok) return { errors: reviewErrorBlocks(result.errors, metadata.drafted) };
      // An answer edited away from its AI draft is the writer's own now: its mark goes.
      await deps.reviewDrafts.settle(actor, metadata.participantId, metadata.role, answers);
      const what = metadata.role === 'self' ? 'self-assessment' : 'review';
      return {
        update: buildNoticeModal(
          metadata.role === 'self' ? 'Self-assessment' : 'Manager review',
          result.value === 'submitted' ? `:white_check_mark: Submitted your ${what}.` : `:memo: Saved your ${what} as a draft. Type /review to finish it.`,
        ),
      };
    },
  });
}

/** Signs off the review or leaves a comment; a refusal (nothing shared yet, locked) shows under the comment. */
export function signOffSubmit(deps: ReviewViewDeps) {
  return formSubmit({
    name: 'sign off the review',
    logger: deps.logger,
    fallbackBlock: ReviewSignOffIds.Comment,
    handle: async (actor, view) => {
      const input = parseSignOff(view.private_metadata, view.state.values);
      if (!input) return { errors: { [ReviewSignOffIds.Comment]: 'This form is out of date. Close it and open the review again.' } };
      const result = await deps.reviews.signOff(actor, input.participantId, { sign: input.sign, comment: input.comment });
      if (!result.ok) return { errors: { [ReviewSignOffIds.Comment]: result.errors.comment ?? 'Please try again.' } };
      const done = result.value.locked ? ':lock: Signed off. Both of you have signed: the review is locked.' : input.sign ? ':white_check_mark: Signed off.' : ':speech_balloon: Your comment is saved.';
      return { update: buildNoticeModal('Review', done) };
    },
  });
}

const OUT_OF_DATE = 'This form is out of date. Close it and type /review again.';

/** Sets the conversation's time on the manager's calendar; a time in the past is refused under the date. */
export function conversationSubmit(deps: ReviewViewDeps) {
  return formSubmit({
    name: 'set the review conversation',
    logger: deps.logger,
    fallbackBlock: ReviewConversationIds.Date,
    handle: async (actor, view) => {
      const parsed = parseConversation(view.private_metadata, view.state.values, actor.timezone);
      if (!parsed) return { errors: { [ReviewConversationIds.Date]: OUT_OF_DATE } };
      if ('errors' in parsed) return { errors: parsed.errors };
      const result = await deps.reviews.scheduleConversation(actor, parsed.participantId, parsed.at);
      if (!result.ok) return { errors: { [ReviewConversationIds.Date]: result.errors.when ?? 'Please try again.' } };
      const { person } = await deps.reviews.conversationForm(actor, parsed.participantId);
      return {
        update: buildNoticeModal(
          'Review conversation',
          `:calendar: Set for ${localMoment(result.value, actor.timezone)} your time. ${displayName(person)} is told: ${localMoment(result.value, person.timezone)}, their time.`,
        ),
      };
    },
  });
}

/** Shares the summary, or keeps the form open with each problem beside its field. */
export function summarySubmit(deps: ReviewViewDeps) {
  return formSubmit({
    name: 'share the review summary',
    logger: deps.logger,
    fallbackBlock: ReviewSummaryIds.Agreed,
    handle: async (actor, view) => {
      const participantId = participantOf(view.private_metadata);
      if (!participantId) return { errors: { [ReviewSummaryIds.Agreed]: OUT_OF_DATE } };
      const form = await deps.reviews.conversationForm(actor, participantId);
      const parsed = parseSummary(
        view.private_metadata,
        view.state.values,
        form.ratings.map((r) => r.question.id),
      );
      if (!parsed) return { errors: { [ReviewSummaryIds.Agreed]: OUT_OF_DATE } };
      const result = await deps.reviews.share(actor, parsed.participantId, parsed);
      if (!result.ok) return { errors: summaryErrorBlocks(result.errors) };
      return { update: buildNoticeModal('Review summary', `:white_check_mark: Shared. You and ${displayName(form.person)} are both asked to sign off.`) };
    },
  });
}

/** Nominates the peers (the manager's nomination is approved as made), or shows why not under the picker. */
export function peersSubmit(deps: ReviewViewDeps) {
  return formSubmit({
    name: 'nominate peers',
    logger: deps.logger,
    fallbackBlock: ReviewPeerIds.Peers,
    handle: async (actor, view) => {
      const parsed = parsePeers(view.private_metadata, view.state.values);
      if (!parsed) return { errors: { [ReviewPeerIds.Peers]: OUT_OF_DATE } };
      const result = await deps.reviewPeers.nominate(actor, parsed.participantId, parsed.peerSlackIds);
      if (!result.ok) return { errors: { [ReviewPeerIds.Peers]: result.errors.peers ?? 'Please try again.' } };
      const names = result.value.peers.map(displayName).join(', ');
      return {
        update: buildNoticeModal(
          'Peer feedback',
          result.value.requestId ? `:white_check_mark: Approved: ${names} are asked for feedback.` : `:white_check_mark: Nominated ${names}. Your manager approves them before they are asked.`,
        ),
      };
    },
  });
}
