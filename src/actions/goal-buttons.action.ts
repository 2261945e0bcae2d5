import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import type { AiService } from '../services/ai.service';
import type { GoalService } from '../services/goal.service';
import type { IntegrationService } from '../services/integration.service';
import type { PeopleService } from '../services/people.service';
import type { CadenceContext } from '../slack/context';
import { actionListener } from '../slack/listener';
import { buildAlignModal } from '../views/goal/align.modal';
import { buildGoalDetailsModal } from '../views/goal/goal-details.modal';
import { draftFromGoal } from '../views/goal/goal-form.draft';
import { buildGoalFormModal } from '../views/goal/goal-form.modal';
import { viewerContext } from '../views/goal/goal.format';
import { CANNOT_SEE } from '../views/goal/goal.messages';
import { buildReportGoalsModal } from '../views/goal/report-goals.modal';
import { buildUpdateModal } from '../views/goal/update.modal';
import { AiCallbackId, CallbackId, GoalAction, IntegrationAction } from '../views/ids';
import { buildPushGoalModal } from '../views/integrations/integrations.modal';

export interface GoalButtonDeps {
  goals: GoalService;
  people: PeopleService;
  logger: Logger;
  ai: AiService;
  integrations: IntegrationService;
}

type ModalFor = (actor: Person, value: string) => Promise<ModalView>;

/** What each goal button opens, from its value (a goal id; a Slack user id for a report). */
export function goalModals(deps: GoalButtonDeps): Record<string, ModalFor> {
  const { goals } = deps;
  const view = (actor: Person) => viewerContext(actor, goals.today(actor));
  return {
    [GoalAction.OpenUpdate]: async (actor, goalId) => buildUpdateModal(await goals.forEdit(actor, goalId), view(actor)),
    [GoalAction.OpenDetails]: async (actor, goalId) => {
      const [detail, pushed] = await Promise.all([goals.details(actor, goalId), deps.integrations.goalItems(actor, goalId)]);
      return buildGoalDetailsModal(detail, view(actor), undefined, pushed);
    },
    [IntegrationAction.PushGoal]: async (actor, goalId) => {
      const [detail, targets, pushed] = await Promise.all([goals.forEdit(actor, goalId), deps.integrations.pushTargets(actor), deps.integrations.goalItems(actor, goalId)]);
      return buildPushGoalModal(goalId, detail.goal.title, targets, pushed);
    },
    [GoalAction.OpenEdit]: async (actor, goalId) => {
      const [detail, options] = await Promise.all([goals.forEdit(actor, goalId), goals.formOptions(actor, goalId)]);
      return buildGoalFormModal(draftFromGoal(detail), { ...options, today: goals.today(actor) });
    },
    [GoalAction.OpenAlign]: async (actor, goalId) => {
      const [detail, options] = await Promise.all([goals.forEdit(actor, goalId), goals.formOptions(actor, goalId)]);
      return buildAlignModal(detail, options.parents);
    },
    [GoalAction.OpenReport]: async (actor, slackUserId) => {
      const person = await deps.people.resolve(actor.workspaceId, slackUserId);
      if (!person) throw new AccessDeniedError('goal.view', 'not_permitted');
      const [listing, ai] = await Promise.all([goals.listFor(actor, person), deps.ai.availability(actor)]);
      // 1:1 prep rests on what a manager reads of a report: offered to those who read check-ins too.
      const offerPrep = ai.via !== 'none' && (await deps.ai.canPrepare(actor, person));
      return buildReportGoalsModal(person, listing, view(actor), { offerPrep });
    },
  };
}

/**
 * A button on a goal: the modal it stands for, or "You can't see that." when the policy says no.
 * Over a list of goals it stacks (closing it goes back to the list); inside any other modal it
 * replaces that one (its form would be stale once saved); anywhere else it opens.
 */
export function goalButton(load: ModalFor, logger: Logger): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return actionListener({
    name: 'open the goal',
    logger,
    notices: { title: 'Goal' },
    refused: CANNOT_SEE,
    handle: async (actor, { value, body }) => ({
      modal: await load(actor, value ?? ''),
      place: body.view?.callback_id === CallbackId.ReportGoals || body.view?.callback_id === AiCallbackId.Draft ? 'stack' : 'replace',
    }),
  });
}
