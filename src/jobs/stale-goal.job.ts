import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { DeliveryService } from '../services/delivery.service';
import type { GoalService } from '../services/goal.service';
import { STALE_NUDGE_KIND, staleNudgeKey, type StaleGoalService } from '../services/stale-goal.service';
import { viewerContext } from '../views/goal/goal.format';
import { buildStaleGoalMessage } from '../views/goal/stale-goal.messages';
import { defineJob, handlerFor } from './job-definition';
import { recurring } from './schedulers';

/** Finds stale goals and queues the nudge each staleness episode owes (and re-queues any Redis lost). */
export const staleGoalDetectJob = defineJob({
  name: 'stale-goal-detect',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'stale-goal-detect',
});

/**
 * One episode's nudge, delayed until the owner's working hours. The id is the episode's, so the
 * detector queueing it again is a no-op while the job exists, and the ledger (same key) makes the
 * DM happen once even when it does not.
 */
export const staleGoalNudgeJob = defineJob({
  name: 'stale-goal-nudge',
  queue: 'slack',
  schema: z.object({ episodeId: z.uuid() }),
  jobId: ({ episodeId }) => staleNudgeKey(episodeId),
});

/** Often enough that a goal going stale is noticed within the owner's working day. */
export const staleGoalDetector = recurring({
  schedulerId: 'stale-goal-detect-every-15-minutes',
  definition: staleGoalDetectJob,
  payload: {},
  every: 15 * 60_000,
});

export function staleGoalDetectHandler(deps: { staleGoals: StaleGoalService; logger: Logger }) {
  return handlerFor(staleGoalDetectJob, async () => {
    const counts = await deps.staleGoals.detect();
    deps.logger.debug(counts, 'stale goals detected');
  });
}

export function staleGoalNudgeHandler(deps: { staleGoals: StaleGoalService; goals: GoalService; delivery: DeliveryService }) {
  return handlerFor(staleGoalNudgeJob, async ({ episodeId }) => {
    const work = await deps.staleGoals.prepare(episodeId);
    if (!work) return;
    const { detail, reason } = work;
    const { goal, owner } = detail;
    await deps.delivery.sendOnce(
      { timing: 'working-time', workspaceId: goal.workspaceId, personId: owner.id, slackUserId: owner.slackUserId, dedupeKey: staleNudgeKey(episodeId), kind: STALE_NUDGE_KIND },
      () => buildStaleGoalMessage(detail, reason, viewerContext(owner, deps.goals.today(owner))),
    );
    // Sent, sent before, or an owner who cannot receive it: either way this episode owes nothing more.
    await deps.staleGoals.complete(episodeId);
  });
}
