import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { GoalService } from '../services/goal.service';
import type { CadenceContext } from '../slack/context';
import { publishHome } from '../slack/home';

export function appHomeOpened(deps: { goals: GoalService }): Middleware<SlackEventMiddlewareArgs<'app_home_opened'>, CadenceContext> {
  return async ({ event, client, context }) => {
    if (event.tab !== 'home' || !context.actor) return;
    await publishHome(client, deps.goals, context.actor);
  };
}
