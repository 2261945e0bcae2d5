import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import { withRequestCache } from '../lib/request-cache';
import type { PeopleService } from '../services/people.service';
import type { CadenceContext } from './context';

/**
 * Gives every request its acting person, resolved when a listener first asks (after it has
 * acknowledged Slack, where Slack allows), and a cache for the reads its access checks repeat.
 * A failure leaves the actor undefined instead of throwing, so the listener can still answer
 * with a readable message.
 */
export function resolveActor(people: PeopleService, logger: Logger): Middleware<AnyMiddlewareArgs, CadenceContext> {
  return async ({ context, next }) => {
    const { teamId, userId } = context;
    let actor: Promise<Person | undefined> | undefined;
    context.actor = () =>
      (actor ??=
        teamId && userId && userId !== context.botUserId
          ? people.resolveActor(teamId, userId).catch((error: unknown) => {
              logger.error({ err: error, teamId, userId }, 'could not resolve the acting person');
              return undefined;
            })
          : Promise.resolve(undefined));
    await withRequestCache(next);
  };
}
