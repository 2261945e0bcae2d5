import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { GoalService } from '../services/goal.service';
import type { CadenceContext } from '../slack/context';
import { actionListener } from '../slack/listener';
import { buildNewGoalModal } from '../views/goal/goal-form.modal';

/** The Home tab's "New goal" button opens the same form as `/goal`. */
export function newGoalButton(deps: { goals: GoalService; logger: Logger }): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return actionListener({
    name: 'open the goal form',
    logger: deps.logger,
    notices: { title: 'Cadence' },
    handle: async (actor) => ({ modal: buildNewGoalModal({ ...(await deps.goals.formOptions(actor)), today: deps.goals.today(actor) }) }),
  });
}
