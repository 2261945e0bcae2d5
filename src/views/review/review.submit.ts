import type { Logger } from '../../lib/logger';
import type { ReviewService } from '../../services/review.service';
import { buildNoticeModal } from '../access';
import { ReviewBlock } from '../ids';
import { formSubmit } from '../submit';
import { parseReviewMetadata, parseReviewState, reviewErrorBlocks } from './review-form.modal';

export type ReviewViewDeps = { reviews: ReviewService; logger: Logger };

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
      );
      const result = await deps.reviews.save(actor, metadata.participantId, metadata.role, answers, !draft);
      if (!result.ok) return { errors: reviewErrorBlocks(result.errors) };
      const what = metadata.role === 'self' ? 'self-assessment' : 'review';
      return {
        update: buildNoticeModal(
          metadata.role === 'self' ? 'Self-assessment' : 'Manager review',
          result.value === 'submitted' ? `:white_check_mark: Submitted your ${what}.` : `:floppy_disk: Saved your ${what} as a draft. Type /review to finish it.`,
        ),
      };
    },
  });
}
