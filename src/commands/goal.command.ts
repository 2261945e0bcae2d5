import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { newGoalModal } from '../actions/goal-buttons.action';
import { AccessDeniedError } from '../domain/access-policy';
import { displayName, type Person } from '../domain/person';
import type { GoalService } from '../services/goal.service';
import type { PeopleService } from '../services/people.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { parseUserMention } from '../slack/mentions';
import { buildAlignModal } from '../views/goal/align.modal';
import { viewerContext } from '../views/goal/goal.format';
import {
  buildErrorMessage,
  buildGoalHelpMessage,
  buildGoalListMessage,
  buildGoalsRefusedMessage,
  type SlackMessage,
} from '../views/goal/goal.messages';
import { buildPickGoalModal, type PickPurpose } from '../views/goal/pick-goal.modal';
import { buildUpdateModal } from '../views/goal/update.modal';

export interface GoalCommandDeps {
  goals: GoalService;
  people: PeopleService;
}

/** `/goal list [@person]`: the actor's own goals, or someone else's as far as the policy lets them see. */
async function goalList(deps: GoalCommandDeps, actor: Person, about: string): Promise<SlackMessage> {
  const view = viewerContext(actor, deps.goals.today(actor));
  const slackUserId = about === '' ? actor.slackUserId : parseUserMention(about);
  if (!slackUserId) return buildErrorMessage('Mention the person whose goals you want, like `/goal list @ana`.');
  const owner = slackUserId === actor.slackUserId ? actor : await deps.people.resolve(actor.workspaceId, slackUserId);
  if (!owner) return buildErrorMessage('Slack knows nobody by that name here. Mention someone in this workspace, like `/goal list @ana`.');
  try {
    const listing = await deps.goals.listFor(actor, owner);
    return owner.id === actor.id
      ? buildGoalListMessage(listing.cards, view)
      : buildGoalListMessage(listing.cards, view, { owner: { name: displayName(owner), publicOnly: listing.scope === 'public' }, canEdit: listing.canEdit });
  } catch (error) {
    if (!(error instanceof AccessDeniedError)) throw error;
    return buildGoalsRefusedMessage(displayName(owner));
  }
}

/**
 * `/goal update` and `/goal align`: straight to the form when the person has one goal, a picker
 * when they have several, and a plain answer when they have none.
 */
async function goalForm(deps: GoalCommandDeps, actor: Person, purpose: PickPurpose): Promise<ModalView | SlackMessage> {
  const cards = await deps.goals.listOwn(actor);
  const [only] = cards;
  if (!only) return buildErrorMessage(`You have no goals to ${purpose} yet. Create one with \`/goal\`.`);
  if (cards.length > 1) return buildPickGoalModal(cards, purpose);
  const detail = await deps.goals.forEdit(actor, only.goal.id);
  if (purpose === 'update') return buildUpdateModal(detail, viewerContext(actor, deps.goals.today(actor)));
  return buildAlignModal(detail, (await deps.goals.formOptions(actor, only.goal.id)).parents);
}

/** `/goal [new|list [@person]|update|align|help]`: a bare command opens the form, the most likely thing wanted. */
export function goalCommand(deps: GoalCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return async ({ command, ack, respond, client, context }) => {
    await ack();
    const [subcommand = '', ...rest] = command.text.trim().split(/\s+/);
    const reply = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });
    const open = (view: ModalView) => client.views.open({ trigger_id: command.trigger_id, view });
    const actor = context.actor;

    switch (subcommand.toLowerCase()) {
      case '':
      case 'new':
        if (!actor) return void (await reply(buildErrorMessage(ACTOR_UNAVAILABLE)));
        await open(await newGoalModal(deps.goals, actor));
        return;
      case 'list':
        if (!actor) return void (await reply(buildErrorMessage(ACTOR_UNAVAILABLE)));
        await reply(await goalList(deps, actor, rest.join(' ')));
        return;
      case 'update':
      case 'align': {
        if (!actor) return void (await reply(buildErrorMessage(ACTOR_UNAVAILABLE)));
        const answer = await goalForm(deps, actor, subcommand.toLowerCase() as PickPurpose);
        await ('type' in answer ? open(answer) : reply(answer));
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
