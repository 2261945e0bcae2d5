import { z } from 'zod';
import type { DeliveryService } from '../services/delivery.service';
import type { GoalService } from '../services/goal.service';
import { viewerContext } from '../views/goal/goal.format';
import { buildGoalChangedMessage } from '../views/goal/goal.messages';
import { defineJob, handlerFor } from './job-definition';

/** Tells an owner that someone else (their manager) changed their goal; one DM per history entry. */
export const goalChangedJob = defineJob({
  name: 'goal-changed',
  queue: 'slack',
  schema: z.object({ eventId: z.number().int().positive() }),
  jobId: ({ eventId }) => `goal-changed-${eventId}`,
});

export function goalChangedHandler(deps: { goals: GoalService; delivery: DeliveryService }) {
  return handlerFor(goalChangedJob, async ({ eventId }) => {
    const loaded = await deps.goals.loadChangeForOwner(eventId);
    // The goal was deleted since, or its owner left: nobody to tell.
    if (!loaded) return;
    const { detail, event } = loaded;
    const { goal, owner } = detail;
    await deps.delivery.sendOnce(
      {
        timing: 'working-time',
        workspaceId: goal.workspaceId,
        personId: owner.id,
        slackUserId: owner.slackUserId,
        dedupeKey: goalChangedJob.jobId({ eventId }),
        kind: goalChangedJob.name,
      },
      () => buildGoalChangedMessage(detail, event, viewerContext(owner, deps.goals.today(owner))),
    );
  });
}
