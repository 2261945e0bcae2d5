import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { CadenceContext } from '../slack/context';
import { buildNewGoalModal } from '../views/goal/new-goal.modal';

/** The Home tab's "New goal" button opens the same form as `/goal`. */
export function newGoalButton(): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: buildNewGoalModal() });
  };
}
