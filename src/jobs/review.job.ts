import { z } from 'zod';
import { reviewStepDedupeKey } from '../domain/review';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import { type DeliveryService, reachable } from '../services/delivery.service';
import type { ReviewStepsService } from '../services/review-steps.service';
import { buildReviewStepMessage } from '../views/review/review.messages';
import { defineJob, handlerFor } from './job-definition';
import { recurring } from './schedulers';

/**
 * One review message (an invitation, a D-7 or D-1 reminder, a prep pack, a sign-off request or
 * reminder, an HR nudge), queued with a delay until the time its Postgres row says. The id is the
 * row's, so queueing it again is a no-op while the job exists, and the ledger makes the DM happen
 * once even when it does not.
 */
export const reviewStepJob = defineJob({
  name: 'review-step',
  queue: 'slack',
  schema: z.object({ stepId: z.uuid() }),
  jobId: ({ stepId }) => `review-step-${stepId}`,
});

/** Queues whatever review steps Postgres says are owed and Redis does not hold (lost in a flush). */
export const reviewReconcileJob = defineJob({
  name: 'review-reconcile',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'review-reconcile',
});

export const reviewReconciler = recurring({
  schedulerId: 'review-reconcile-every-5-minutes',
  definition: reviewReconcileJob,
  payload: {},
  every: 5 * 60_000,
});

export function reviewStepHandler(deps: { reviewSteps: ReviewStepsService; delivery: DeliveryService; clock: Clock }) {
  return handlerFor(reviewStepJob, async ({ stepId }) => {
    const work = await deps.reviewSteps.prepare(stepId);
    if (!work) return;
    const outcome = await deps.delivery.sendOnce(
      {
        timing: 'working-time',
        workspaceId: work.review.cycle.workspaceId,
        personId: work.recipient.id,
        slackUserId: work.recipient.slackUserId,
        dedupeKey: reviewStepDedupeKey(stepId),
        kind: `review-${work.step.kind.replaceAll('_', '-')}`,
      },
      () => buildReviewStepMessage(work, deps.clock.now()),
    );
    await deps.reviewSteps.complete(stepId, reachable(outcome));
  });
}

export function reviewReconcileHandler(deps: { reviewSteps: ReviewStepsService; logger: Logger }) {
  return handlerFor(reviewReconcileJob, async () => {
    const queued = await deps.reviewSteps.reconcile();
    deps.logger.debug({ queued }, 'review steps reconciled');
  });
}
