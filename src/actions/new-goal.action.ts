import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { GoalService } from '../services/goal.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { buildNoticeModal } from '../views/access';
import { newGoalModal } from './goal-buttons.action';

/** The Home tab's "New goal" button opens the same form as `/goal`. */
export function newGoalButton(deps: { goals: GoalService }): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return async ({ ack, body, client, context }) => {
    await ack();
    const view = context.actor ? await newGoalModal(deps.goals, context.actor) : buildNoticeModal('Cadence', ACTOR_UNAVAILABLE);
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
