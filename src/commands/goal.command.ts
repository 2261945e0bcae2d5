import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { AccessDeniedError } from '../domain/access-policy';
import { displayName, type Person } from '../domain/person';
import type { GoalService } from '../services/goal.service';
import type { PeopleService } from '../services/people.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { parseUserMention } from '../slack/mentions';
import {
  buildErrorMessage,
  buildGoalHelpMessage,
  buildGoalListMessage,
  buildGoalsRefusedMessage,
  type SlackMessage,
} from '../views/goal/goal.messages';
import { buildNewGoalModal } from '../views/goal/new-goal.modal';

export interface GoalCommandDeps {
  goals: GoalService;
  people: PeopleService;
}

/** `/goal list [@person]`: the actor's own goals, or someone else's as far as the policy lets them see. */
async function goalList(deps: GoalCommandDeps, actor: Person, about: string): Promise<SlackMessage> {
  const today = deps.goals.today(actor);
  const slackUserId = about === '' ? actor.slackUserId : parseUserMention(about);
  if (!slackUserId) return buildErrorMessage('Mention the person whose goals you want, like `/goal list @ana`.');
  const owner = slackUserId === actor.slackUserId ? actor : await deps.people.resolve(actor.workspaceId, slackUserId);
  try {
    const { goals, scope } = await deps.goals.listFor(actor, owner);
    return owner.id === actor.id
      ? buildGoalListMessage(goals, today)
      : buildGoalListMessage(goals, today, { name: displayName(owner), publicOnly: scope === 'public' });
  } catch (error) {
    if (!(error instanceof AccessDeniedError)) throw error;
    return buildGoalsRefusedMessage(displayName(owner));
  }
}

/** `/goal [new|list [@person]|help]`: a bare command opens the form, the most likely thing wanted. */
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
        await reply(await goalList(deps, actor, rest.join(' ')));
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
