import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { PeopleService } from '../services/people.service';
import type { CadenceContext } from './context';

/**
 * Resolves the acting person once per request. A failure leaves `actor` unset instead of
 * throwing, so the listener can still acknowledge Slack and answer with a readable message.
 */
export function resolveActor(people: PeopleService, logger: Logger): Middleware<AnyMiddlewareArgs, CadenceContext> {
  return async ({ context, next }) => {
    const { teamId, userId } = context;
    if (teamId && userId && userId !== context.botUserId) {
      try {
        context.actor = await people.resolveActor(teamId, userId);
      } catch (error) {
        logger.error({ err: error, teamId, userId }, 'could not resolve the acting person');
      }
    }
    await next();
  };
}
