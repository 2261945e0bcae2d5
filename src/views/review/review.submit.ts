import type { Logger } from '../../lib/logger';
import type { ReviewDraftService } from '../../services/review-drafts.service';
import type { ReviewService } from '../../services/review.service';
import { buildNoticeModal } from '../access';
import { ReviewBlock, ReviewSignOffIds } from '../ids';
import { formSubmit } from '../submit';
import { parseReviewMetadata, parseReviewState, reviewErrorBlocks } from './review-form.modal';
import { parseSignOff } from './sign-off.modal';

export type ReviewViewDeps = { reviews: ReviewService; reviewDrafts: ReviewDraftService; logger: Logger };

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
