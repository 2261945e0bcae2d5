import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { GoalService } from '../services/goal.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import {
  buildErrorMessage,
  buildGoalHelpMessage,
  buildGoalListMessage,
  type SlackMessage,
} from '../views/goal/goal.messages';
import { buildNewGoalModal } from '../views/goal/new-goal.modal';

export interface GoalCommandDeps {
  goals: GoalService;
}

/** `/goal [new|list|help]`: a bare command opens the form, the most likely thing wanted. */
export function goalCommand(deps: GoalCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return async ({ command, ack, respond, client, context }) => {
    await ack();
    const [subcommand = '', ...rest] = command.text.trim().split(/\s+/);
    const reply = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });

    switch (subcommand.toLowerCase()) {
      case '':
      case 'new':
        await client.views.open({ trigger_id: command.trigger_id, view: buildNewGoalModal() });
        return;
      case 'list': {
        const actor = context.actor;
        if (!actor) return void (await reply(buildErrorMessage(ACTOR_UNAVAILABLE)));
        const goals = await deps.goals.listOwn(actor);
        await reply(buildGoalListMessage(goals, deps.goals.today(actor)));
        return;
      }
      case 'help':
        await reply(buildGoalHelpMessage());
        return;
      default:
        await reply(buildGoalHelpMessage([subcommand, ...rest].join(' ')));
    }
  };
}
