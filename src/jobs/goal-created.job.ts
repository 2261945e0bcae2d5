import { z } from 'zod';
import type { DeliveryService } from '../services/delivery.service';
import type { GoalService } from '../services/goal.service';
import { viewerContext } from '../views/goal/goal.format';
import { buildGoalCreatedMessage } from '../views/goal/goal.messages';
import { defineJob, handlerFor } from './job-definition';

/** Confirms a new goal to its owner by DM. */
export const goalCreatedJob = defineJob({
  name: 'goal-created',
  queue: 'slack',
  schema: z.object({ goalId: z.uuid() }),
  jobId: ({ goalId }) => `goal-created-${goalId}`,
});

export function goalCreatedHandler(deps: { goals: GoalService; delivery: DeliveryService }) {
  return handlerFor(goalCreatedJob, async ({ goalId }) => {
    const detail = await deps.goals.loadForOwner(goalId);
    // Deleted since it was queued, or its owner left: nothing to confirm.
    if (!detail) return;
    const { goal, owner } = detail;
    await deps.delivery.sendOnce(
      {
        timing: 'reply',
        workspaceId: goal.workspaceId,
        personId: owner.id,
        slackUserId: owner.slackUserId,
        dedupeKey: goalCreatedJob.jobId({ goalId }),
        kind: goalCreatedJob.name,
      },
      () => buildGoalCreatedMessage(detail, viewerContext(owner, deps.goals.today(owner))),
    );
  });
}
