import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { CadenceContext } from '../slack/context';
import { type HomeDeps, publishHome } from '../slack/home';

export function appHomeOpened(deps: HomeDeps): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>, CadenceContext> {
  return async ({ event, client, context }) => {
    if (event.tab !== 'home' || !context.actor) return;
    await publishHome(client, deps, context.actor);
  };
}
