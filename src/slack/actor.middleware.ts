import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import { inLogScope } from '../lib/log-scope';
import { withRequestCache } from '../lib/request-cache';
import type { PeopleService } from '../services/people.service';
import { type CadenceContext, isFirstDelivery } from './context';
import { tenantOf } from './tenant';

/** Commands and buttons acknowledge before anything else and check for a replay after (src/slack/listener.ts). */
const acksFirst = (body: unknown): boolean => {
  const { type, command } = body as { type?: unknown; command?: unknown };
  return type === 'block_actions' || typeof command === 'string';
};

/**
 * Drops replays of events and form submissions, and gives every request its acting person, resolved when a listener first asks (after it has
 * acknowledged Slack, where Slack allows), and a cache for the reads its access checks repeat.
 * A failure leaves the actor undefined instead of throwing, so the listener can still answer
 * with a readable message.
 */
export function resolveActor(people: PeopleService, logger: Logger): Middleware<AnyMiddlewareArgs, CadenceContext> {
  return async (args) => {
    const { context, next, body } = args;
    // Events are acknowledged by now and forms answer with their outcome: a replay stops here.
    if (!acksFirst(body) && !(await isFirstDelivery(context))) {
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    const { userId } = context;
    // The Cadence workspace: the organization for an org-wide install (one person across its workspaces).
    const workspaceId = tenantOf(context);
    let actor: Promise<Person | undefined> | undefined;
    context.actor = () =>
      (actor ??=
        workspaceId && userId && userId !== context.botUserId
          ? people.resolveActor(workspaceId, userId).catch((error: unknown) => {
              logger.error({ err: error, workspace: workspaceId, userId }, 'could not resolve the acting person');
              return undefined;
            })
          : Promise.resolve(undefined));
    // Commands and buttons open the cache once they have acknowledged (src/slack/listener.ts): its
    // AsyncLocalStorage makes every promise dearer, and nothing before the ack reads through it.
    // Every line the listener logs names the workspace.
    await inLogScope(() => (acksFirst(body) ? next() : withRequestCache(next)), workspaceId);
  };
}
