import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { ReviewService } from '../services/review.service';
import type { CadenceContext } from '../slack/context';
import { commandListener } from '../slack/listener';
import { buildReviewHelpMessage, buildReviewWaitingMessage } from '../views/review/review-list.message';

export type ReviewCommandDeps = { reviews: ReviewService; clock: Clock; logger: Logger };

/** `/review [help]`: a bare command lists what is waiting for the person, with the forms a click away. */
export function reviewCommand(deps: ReviewCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return commandListener({
    name: 'answer /review',
    logger: deps.logger,
    async handle({ text, actor }) {
      if (text.toLowerCase() === 'help') return { message: buildReviewHelpMessage() };
      if (text !== '') return { message: buildReviewHelpMessage(text) };
      const person = await actor();
      return { message: buildReviewWaitingMessage(await deps.reviews.waiting(person), person, deps.clock.now()) };
    },
  });
}
