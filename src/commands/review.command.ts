import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { AccessDeniedError } from '../domain/access-policy';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { ReviewAdminService } from '../services/review-admin.service';
import type { ReviewService } from '../services/review.service';
import type { CadenceContext } from '../slack/context';
import { commandListener } from '../slack/listener';
import { HR_ONLY } from '../views/review-admin/hub.modal';
import { loadHub } from '../views/review-admin/review-admin.submit';
import { buildReviewHelpMessage, buildReviewWaitingMessage } from '../views/review/review-list.message';

export type ReviewCommandDeps = { reviews: ReviewService; reviewAdmin: ReviewAdminService; clock: Clock; logger: Logger };

/**
 * `/review [help|admin]`: a bare command lists what is waiting for the person, with the forms a click
 * away; `admin` opens HR admins' review tools (anyone else is told they are HR's).
 */
export function reviewCommand(deps: ReviewCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return commandListener({
    name: 'answer /review',
    logger: deps.logger,
    async handle({ text, actor }) {
      if (text.toLowerCase() === 'help') return { message: buildReviewHelpMessage() };
      if (text.toLowerCase() === 'admin') {
        const person = await actor();
        return loadHub(deps.reviewAdmin, person).then(
          (modal) => ({ modal }),
          (error: unknown) => {
            if (error instanceof AccessDeniedError) return { notice: HR_ONLY };
            throw error;
          },
        );
      }
      if (text !== '') return { message: buildReviewHelpMessage(text) };
      const person = await actor();
      return { message: buildReviewWaitingMessage(await deps.reviews.waiting(person), person, deps.clock.now()) };
    },
  });
}
