import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { GoalService } from '../services/goal.service';
import { type HomeDeps, refreshHome } from '../slack/home';
import { actionListener } from '../slack/listener';
import { buildExtendModal } from '../views/goal/extend-goal.modal';
import { viewerContext } from '../views/goal/goal.format';
import { buildStaleOutcomeMessage, type StaleOutcome } from '../views/goal/stale-goal.messages';
import { StaleGoalAction } from '../views/ids';
import { buildErrorMessage } from '../views/message';
import type { ListenerRegistry } from '../slack/listener-router';

export type StaleGoalActionDeps = HomeDeps & { goals: GoalService; logger: Logger };

const goalId = z.uuid();

export function registerStaleGoalActions(app: ListenerRegistry, deps: StaleGoalActionDeps): void {
  // Extend: a small form for the new target date, which updates the nudge once saved.
  app.action(
    StaleGoalAction.Extend,
    actionListener({
      name: 'open the goal',
      logger: deps.logger,
      notices: 'message',
      value: goalId,
      async handle(actor, { value, body }) {
        const detail = await deps.goals.forEdit(actor, value);
        const { container } = body;
        const nudge = container.type === 'message' ? { channel: String(container.channel_id), ts: String(container.message_ts) } : undefined;
        return { modal: buildExtendModal(detail.goal, nudge) };
      },
    }),
  );
  // Complete or Defer: a status change through the goal service (roll-up, history), then the nudge says so.
  const statusButton = (outcome: Exclude<StaleOutcome, 'extended'>) =>
    actionListener({
      name: 'change the goal',
      logger: deps.logger,
      notices: 'message',
      value: goalId,
      async handle(actor, { value }) {
        const result = await deps.goals.updateProgress(actor, value, { status: outcome, note: null, values: [] });
        if (!result.ok) return { message: buildErrorMessage(Object.values(result.errors).join(' ')) };
        return {
          replace: buildStaleOutcomeMessage(result.value.goal, outcome, viewerContext(actor, deps.goals.today(actor))),
          afterwards: (client) => refreshHome(client, deps, actor),
        };
      },
    });
  app.action(StaleGoalAction.Complete, statusButton('completed'));
  app.action(StaleGoalAction.Defer, statusButton('deferred'));
}
