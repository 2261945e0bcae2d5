import type { Middleware, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../lib/logger';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../../slack/context';
import { type HomeDeps, publishHome } from '../../slack/home';
import { fieldErrorsToBlocks } from '../blocks';
import { GoalBlock } from '../ids';
import { goalFieldBlocks, parseNewGoalState } from './new-goal.parse';

const SAVE_FAILED = 'Cadence could not save your goal just now. Please try again.';

/** Stores the goal, or keeps the modal open with an error beside each field that needs one. */
export function newGoalSubmit(deps: HomeDeps & { logger: Logger }): Middleware<SlackViewMiddlewareArgs, CadenceContext> {
  return async ({ ack, view, context, client }) => {
    const actor = context.actor;
    if (!actor) return ack({ response_action: 'errors', errors: { [GoalBlock.Title]: ACTOR_UNAVAILABLE } });
    try {
      const result = await deps.goals.create(actor, parseNewGoalState(view.state.values));
      if (result.ok) {
        await ack();
        // Keep the Home tab current; the goal is saved whatever happens here.
        await publishHome(client, deps, actor).catch((error: unknown) =>
          deps.logger.warn({ err: error, person: actor.id }, 'could not refresh the Home tab'),
        );
        return;
      }
      await ack({ response_action: 'errors', errors: fieldErrorsToBlocks(result.errors, goalFieldBlocks) });
    } catch (error) {
      deps.logger.error({ err: error, person: actor.id }, 'saving a new goal failed');
      await ack({ response_action: 'errors', errors: { [GoalBlock.Title]: SAVE_FAILED } });
    }
  };
}
