import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { AccessDeniedError } from '../domain/access-policy';
import { displayName, type Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import type { GoalService } from '../services/goal.service';
import type { PeopleService } from '../services/people.service';
import type { CadenceContext } from '../slack/context';
import { commandListener, type ListenerOutcome } from '../slack/listener';
import { parseUserMention } from '../slack/mentions';
import { buildAlignModal } from '../views/goal/align.modal';
import { buildNewGoalModal } from '../views/goal/goal-form.modal';
import { viewerContext } from '../views/goal/goal.format';
import { buildGoalHelpMessage, buildGoalListMessage, buildGoalsRefusedMessage } from '../views/goal/goal.messages';
import { buildPickGoalModal, type PickPurpose } from '../views/goal/pick-goal.modal';
import { buildUpdateModal } from '../views/goal/update.modal';
import { buildErrorMessage } from '../views/message';

export interface GoalCommandDeps {
  goals: GoalService;
  people: PeopleService;
  logger: Logger;
}

/** `/goal list [@person]`: the actor's own goals, or someone else's as far as the policy lets them see. */
async function goalList(deps: GoalCommandDeps, actor: Person, about: string): Promise<ListenerOutcome> {
  const view = viewerContext(actor, deps.goals.today(actor));
  const slackUserId = about === '' ? actor.slackUserId : parseUserMention(about);
  if (!slackUserId) return { message: buildErrorMessage('Mention the person whose goals you want, like `/goal list @ana`.') };
  const owner = slackUserId === actor.slackUserId ? actor : await deps.people.resolve(actor.workspaceId, slackUserId);
  if (!owner) return { message: buildErrorMessage('Slack knows nobody by that name here. Mention someone in this workspace, like `/goal list @ana`.') };
  try {
    const listing = await deps.goals.listFor(actor, owner);
    return {
      message:
        owner.id === actor.id
          ? buildGoalListMessage(listing.cards, view)
          : buildGoalListMessage(listing.cards, view, { owner: { name: displayName(owner), publicOnly: listing.scope === 'public' }, canEdit: listing.canEdit }),
    };
  } catch (error) {
    if (!(error instanceof AccessDeniedError)) throw error;
    return { message: buildGoalsRefusedMessage(displayName(owner)) };
  }
}

/**
 * `/goal update` and `/goal align`: straight to the form when the person has one goal, a picker
 * when they have several, and a plain answer when they have none.
 */
async function goalForm(deps: GoalCommandDeps, actor: Person, purpose: PickPurpose): Promise<ListenerOutcome> {
  const cards = await deps.goals.listOwn(actor);
  const [only] = cards;
  if (!only) return { message: buildErrorMessage(`You have no goals to ${purpose} yet. Create one with \`/goal\`.`) };
  if (cards.length > 1) return { modal: buildPickGoalModal(cards, purpose) };
  const detail = await deps.goals.forEdit(actor, only.goal.id);
  if (purpose === 'update') return { modal: buildUpdateModal(detail, viewerContext(actor, deps.goals.today(actor))) };
  return { modal: buildAlignModal(detail, (await deps.goals.formOptions(actor, only.goal.id)).parents) };
}

/** `/goal [new|list [@person]|update|align|help]`: a bare command opens the form, the most likely thing wanted. */
export function goalCommand(deps: GoalCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return commandListener({
    name: 'answer /goal',
    logger: deps.logger,
    async handle({ text, actor }) {
      const [subcommand = '', ...rest] = text.split(/\s+/);
      switch (subcommand.toLowerCase()) {
        case '':
        case 'new': {
          const person = await actor();
          return { modal: buildNewGoalModal({ ...(await deps.goals.formOptions(person)), today: deps.goals.today(person) }) };
        }
        case 'list':
          return goalList(deps, await actor(), rest.join(' '));
        case 'update':
        case 'align':
          return goalForm(deps, await actor(), subcommand.toLowerCase() as PickPurpose);
        case 'help':
          return { message: buildGoalHelpMessage() };
        default:
          return { message: buildGoalHelpMessage([subcommand, ...rest].join(' ')) };
      }
    },
  });
}
