import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { Clock } from '../lib/clock';
import type { ReviewService } from '../services/review.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { buildErrorMessage, type SlackMessage } from '../views/goal/goal.messages';
import { buildReviewHelpMessage, buildReviewWaitingMessage } from '../views/review/review-list.message';

export type ReviewCommandDeps = { reviews: ReviewService; clock: Clock };

/** `/review [help]`: a bare command lists what is waiting for the person, with the forms a click away. */
export function reviewCommand(deps: ReviewCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return async ({ command, ack, respond, context }) => {
    await ack();
    const text = command.text.trim();
    const reply = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });
    if (text.toLowerCase() === 'help') return void (await reply(buildReviewHelpMessage()));
    if (text !== '') return void (await reply(buildReviewHelpMessage(text)));
    const actor = context.actor;
    if (!actor) return void (await reply(buildErrorMessage(ACTOR_UNAVAILABLE)));
    await reply(buildReviewWaitingMessage(await deps.reviews.waiting(actor), actor, deps.clock.now()));
  };
}
