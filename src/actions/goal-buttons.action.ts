import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import type { AiService } from '../services/ai.service';
import type { GoalService } from '../services/goal.service';
import type { PeopleService } from '../services/people.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { buildNoticeModal } from '../views/access';
import { buildAlignModal } from '../views/goal/align.modal';
import { buildGoalDetailsModal } from '../views/goal/goal-details.modal';
import { draftFromGoal, newDraft } from '../views/goal/goal-form.draft';
import { buildGoalFormModal } from '../views/goal/goal-form.modal';
import { viewerContext } from '../views/goal/goal.format';
import { CANNOT_SEE } from '../views/goal/goal.messages';
import { buildReportGoalsModal } from '../views/goal/report-goals.modal';
import { buildUpdateModal } from '../views/goal/update.modal';
import { AiCallbackId, CallbackId, GoalAction } from '../views/ids';

export interface GoalButtonDeps {
  goals: GoalService;
  people: PeopleService;
  ai: AiService;
}

type ModalFor = (actor: Person, value: string) => Promise<ModalView>;

/** What each goal button opens, from its value (a goal id; a Slack user id for a report). */
export function goalModals(deps: GoalButtonDeps): Record<string, ModalFor> {
  const { goals } = deps;
  const view = (actor: Person) => viewerContext(actor, goals.today(actor));
  return {
    [GoalAction.OpenUpdate]: async (actor, goalId) => buildUpdateModal(await goals.forEdit(actor, goalId), view(actor)),
    [GoalAction.OpenDetails]: async (actor, goalId) => buildGoalDetailsModal(await goals.details(actor, goalId), view(actor)),
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

/** The Home tab's "New goal" button, and `/goal`: an empty form with the owner's choices. */
export async function newGoalModal(goals: GoalService, actor: Person): Promise<ModalView> {
  return buildGoalFormModal(newDraft(), { ...(await goals.formOptions(actor)), today: goals.today(actor) });
}

/**
 * Shows a goal modal where the click happened: over a list of goals it stacks (closing it goes
 * back to the list); inside any other modal it replaces that one (its form would be stale once
 * saved); anywhere else (a message, the Home tab) it opens.
 */
async function showGoalModal(client: WebClient, body: BlockAction, view: ModalView): Promise<void> {
  const current = body.view;
  if (current?.type !== 'modal') return void (await client.views.open({ trigger_id: body.trigger_id, view }));
  if (current.callback_id === CallbackId.ReportGoals || current.callback_id === AiCallbackId.Draft) return void (await client.views.push({ trigger_id: body.trigger_id, view }));
  await client.views.update({ view_id: current.id, hash: current.hash, view });
}

/** A button on a goal: the modal it stands for, or "You can't see that." when the policy says no. */
export function goalButton(load: ModalFor): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, CadenceContext> {
  return async ({ ack, action, body, client, context }) => {
    await ack();
    const actor = context.actor;
    let view: ModalView;
    try {
      view = actor ? await load(actor, action.value ?? '') : buildNoticeModal('Cadence', ACTOR_UNAVAILABLE);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      view = buildNoticeModal('Goal', CANNOT_SEE);
    }
    await showGoalModal(client, body, view);
  };
}
