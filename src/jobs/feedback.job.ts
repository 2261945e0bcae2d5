import { z } from 'zod';
import { feedbackStepDedupeKey } from '../domain/feedback';
import type { Logger } from '../lib/logger';
import { type DeliveryService, reachable } from '../services/delivery.service';
import type { FeedbackNoteService } from '../services/feedback-note.service';
import type { FeedbackStepsService } from '../services/feedback-steps.service';
import { buildNoteMessage, buildStepMessage } from '../views/feedback/feedback.messages';
import { defineJob, handlerFor } from './job-definition';
import { recurring } from './schedulers';

/**
 * One step of a feedback request (an invitation, a follow-up, a reminder, a notice, the close),
 * queued with a delay until the time its Postgres row says. The id is the row's, so queueing it
 * again (the reconciler, a retry) is a no-op while the job exists, and the ledger makes the DM
 * happen once even when it does not.
 */
export const feedbackStepJob = defineJob({
  name: 'feedback-step',
  queue: 'slack',
  schema: z.object({ stepId: z.uuid() }),
  jobId: ({ stepId }) => `feedback-step-${stepId}`,
});

/** Delivers continuous feedback to the person it is for, and to their manager when shared. */
export const feedbackNoteJob = defineJob({
  name: 'feedback-note',
  queue: 'slack',
  schema: z.object({ noteId: z.uuid() }),
  jobId: ({ noteId }) => `feedback-note-${noteId}`,
});

/** Queues whatever Postgres says is owed and Redis does not hold (lost in a flush, or never queued). */
export const feedbackReconcileJob = defineJob({
  name: 'feedback-reconcile',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'feedback-reconcile',
});

export const feedbackReconciler = recurring({
  schedulerId: 'feedback-reconcile-every-5-minutes',
  definition: feedbackReconcileJob,
  payload: {},
  every: 5 * 60_000,
});

export function feedbackStepHandler(deps: { feedbackSteps: FeedbackStepsService; delivery: DeliveryService }) {
  return handlerFor(feedbackStepJob, async ({ stepId }) => {
    const work = await deps.feedbackSteps.prepare(stepId);
    if (!work) return;
    const outcome = await deps.delivery.sendOnce(
      {
        timing: 'working-time',
        workspaceId: work.request.workspaceId,
        personId: work.recipient.id,
        slackUserId: work.recipient.slackUserId,
        dedupeKey: feedbackStepDedupeKey(stepId),
        kind: `feedback-${work.kind.replaceAll('_', '-')}`,
      },
      () => buildStepMessage(work),
    );
    await deps.feedbackSteps.complete(stepId, reachable(outcome));
  });
}

export function feedbackNoteHandler(deps: { feedbackNotes: FeedbackNoteService; delivery: DeliveryService }) {
  return handlerFor(feedbackNoteJob, async ({ noteId }) => {
    const loaded = await deps.feedbackNotes.loadForDelivery(noteId);
    if (!loaded) return;
    const { note, recipient, sharedWith } = loaded;
    await deps.delivery.sendOnce(
      { timing: 'working-time', workspaceId: note.workspaceId, personId: recipient.id, slackUserId: recipient.slackUserId, dedupeKey: `feedback-note-${noteId}`, kind: 'feedback-note' },
      () => buildNoteMessage(loaded, 'recipient'),
    );
    if (sharedWith) {
      await deps.delivery.sendOnce(
        {
          timing: 'working-time',
          workspaceId: note.workspaceId,
          personId: sharedWith.id,
          slackUserId: sharedWith.slackUserId,
          dedupeKey: `feedback-note-${noteId}-shared`,
          kind: 'feedback-note-shared',
        },
        () => buildNoteMessage(loaded, 'manager'),
      );
    }
    await deps.feedbackNotes.markNotified(noteId);
  });
}

export function feedbackReconcileHandler(deps: { feedbackSteps: FeedbackStepsService; logger: Logger }) {
  return handlerFor(feedbackReconcileJob, async () => {
    const queued = await deps.feedbackSteps.reconcile();
    deps.logger.debug(queued, 'feedback steps and notes reconciled');
  });
}
