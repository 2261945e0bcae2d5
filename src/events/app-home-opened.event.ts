import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import { actorOf, type CadenceContext } from '../slack/context';
import { type HomeDeps, publishHome } from '../slack/home';

/** Slack acknowledges events before listeners run, so the Home tab is rendered after the answer. */
export function appHomeOpened(deps: HomeDeps): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>, CadenceContext> {
  return async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    const actor = await actorOf(context);
    if (actor) await publishHome(client, deps, actor);
  };
}
