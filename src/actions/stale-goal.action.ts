import type { App, BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import type { Logger } from '../lib/logger';
import type { GoalDetail, GoalService } from '../services/goal.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { type HomeDeps, publishHome } from '../slack/home';
import { NOT_ALLOWED } from '../views/access';
import { buildExtendModal } from '../views/goal/extend-goal.modal';
import { viewerContext } from '../views/goal/goal.format';
import { buildStaleOutcomeMessage, type StaleOutcome } from '../views/goal/stale-goal.messages';
import { StaleGoalAction } from '../views/ids';

export type StaleGoalActionDeps = HomeDeps & { goals: GoalService; logger: Logger };

const goalId = z.uuid();

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & { context: CadenceContext };

/** Says something to the clicker alone, leaving the nudge as it is. */
const tell = ({ respond }: ButtonArgs, text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });

/** Extend: a small form for the new target date, which updates the nudge once saved. */
function extendButton(deps: StaleGoalActionDeps): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, CadenceContext> {
  return async (args) => {
    const { ack, action, body, client, context } = args;
    await ack();
    const actor = context.actor;
    if (!actor) return void (await tell(args, ACTOR_UNAVAILABLE));
    const id = goalId.safeParse(action.value);
    let detail: GoalDetail;
    try {
      if (!id.success) throw new AccessDeniedError('goal.edit', 'not_permitted');
      detail = await deps.goals.forEdit(actor, id.data);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      return void (await tell(args, NOT_ALLOWED));
    }
    const { container } = body;
    const nudge = container.type === 'message' ? { channel: String(container.channel_id), ts: String(container.message_ts) } : undefined;
    await client.views.open({ trigger_id: body.trigger_id, view: buildExtendModal(detail.goal, nudge) });
  };
}

/** Complete or Defer: a status change through the goal service (roll-up, history), then the nudge says so. */
function statusButton(outcome: Exclude<StaleOutcome, 'extended'>, deps: StaleGoalActionDeps): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, CadenceContext> {
  return async (args) => {
    const { ack, action, respond, client, context } = args;
    await ack();
    const actor = context.actor;
    if (!actor) return void (await tell(args, ACTOR_UNAVAILABLE));
    const id = goalId.safeParse(action.value);
    let result: Awaited<ReturnType<GoalService['updateProgress']>>;
    try {
      if (!id.success) throw new AccessDeniedError('goal.edit', 'not_permitted');
      result = await deps.goals.updateProgress(actor, id.data, { status: outcome, note: null, values: [] });
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      return void (await tell(args, NOT_ALLOWED));
    }
    if (!result.ok) return void (await tell(args, Object.values(result.errors).join(' ')));
    await respond({ replace_original: true, ...buildStaleOutcomeMessage(result.value.goal, outcome, viewerContext(actor, deps.goals.today(actor))) });
    await publishHome(client, deps, actor).catch((error: unknown) => deps.logger.warn({ err: error, person: actor.id }, 'could not refresh the Home tab'));
  };
}

export function registerStaleGoalActions(app: App<CadenceContext>, deps: StaleGoalActionDeps): void {
  app.action<BlockAction<ButtonAction>>(StaleGoalAction.Extend, extendButton(deps));
  app.action<BlockAction<ButtonAction>>(StaleGoalAction.Complete, statusButton('completed', deps));
  app.action<BlockAction<ButtonAction>>(StaleGoalAction.Defer, statusButton('deferred', deps));
}
