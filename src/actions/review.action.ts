import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { ReviewDraftService } from '../services/review-drafts.service';
import type { ReviewService } from '../services/review.service';
import { actionListener, type ButtonListener } from '../slack/listener';
import { buildReviewFormModal } from '../views/review/review-form.modal';
import { buildSignOffModal } from '../views/review/sign-off.modal';

export type ReviewActionDeps = { reviews: ReviewService; reviewDrafts: ReviewDraftService; logger: Logger };

const STALE = 'This button is out of date. Type /review to see what is waiting.';

const openValue = z.templateLiteral([z.uuid(), ':', z.enum(['self', 'manager'])]).transform((value) => {
  const [participantId = '', role] = value.split(':') as [string, 'self' | 'manager'];
  return { participantId, role };
});

/** "Open the form" beside a waiting item: the self-assessment or manager review, for whoever may write it. */
export function openReviewButton(deps: ReviewActionDeps): ButtonListener {
  return actionListener({
    name: 'open the review form',
    logger: deps.logger,
    notices: { title: 'Review' },
    refused: STALE,
    value: openValue,
    async handle(actor, { value }) {
      const form = await deps.reviews.form(actor, value.participantId, value.role);
      return { modal: buildReviewFormModal(form, { ...(await deps.reviewDrafts.aids(actor, form)), draftedBlocks: [] }) };
    },
  });
}

/** "Read and sign off" on a sign-off request: the review as the reader may read it (audited), with the form. */
export function openSignOffButton(deps: ReviewActionDeps): ButtonListener {
  return actionListener({
    name: 'open the review',
    logger: deps.logger,
    notices: { title: 'Review' },
    refused: STALE,
    value: z.uuid(),
    async handle(actor, { value }) {
      return { modal: buildSignOffModal(await deps.reviews.read(actor, value), value, actor) };
    },
  });
}
