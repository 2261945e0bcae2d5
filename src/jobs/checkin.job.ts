import { z } from 'zod';
import { reminderKey } from '../domain/checkin-reminder';
import type { Clock } from '../lib/clock';
import { PermanentError, RunLaterError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { CheckinReminderService } from '../services/checkin-reminder.service';
import type { CheckinScheduleService } from '../services/checkin-schedule.service';
import type { DeliveryService } from '../services/delivery.service';
import { buildReminderMessage } from '../views/checkin/nudge.messages';
import { defineJob, handlerFor } from './job-definition';
import { recurring } from './schedulers';
import type { DueSource } from './time-machine';

/**
 * One check-in DM: a nudge (round 0, then one per snooze) or the follow-up. The id carries the
 * period, so a double dispatch or the reconciler queues it once; the ledger, keyed the same way,
 * makes it reach the person once even when the job runs twice.
 */
export const checkinReminderJob = defineJob({
  name: 'checkin-reminder',
  queue: 'slack',
  schema: z.object({
    personId: z.uuid(),
    period: z.iso.date(),
    kind: z.enum(['nudge', 'follow_up']),
    seq: z.number().int().min(0).max(1000),
  }),
  jobId: reminderKey,
});

/** Asks Postgres who is due and queues their nudges. */
export const checkinDispatchJob = defineJob({
  name: 'checkin-dispatch',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'checkin-dispatch',
});

/** Queues every scheduled reminder again; the ones Redis still holds are left as they are. */
export const checkinReconcileJob = defineJob({
  name: 'checkin-reconcile',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'checkin-reconcile',
});

/** Every minute: nudges are due on the minute in every zone (Kathmandu's :45 included). */
export const checkinDispatcher = recurring({
  schedulerId: 'checkin-dispatch-every-minute',
  definition: checkinDispatchJob,
  payload: {},
  every: 60_000,
});

export const checkinReconciler = recurring({
  schedulerId: 'checkin-reconcile-every-5-minutes',
  definition: checkinReconcileJob,
  payload: {},
  every: 5 * 60_000,
});

export function checkinReminderHandler(deps: { checkinReminders: CheckinReminderService; delivery: DeliveryService; clock: Clock }) {
  const { checkinReminders, delivery, clock } = deps;
  return handlerFor(checkinReminderJob, async (ref) => {
    const work = await checkinReminders.prepare(ref);
    if (work.action === 'nothing') return;
    if (work.action === 'later') throw new RunLaterError(work.at.toMillis() - clock.now().toMillis());
    const { reminder, person, cadence } = work;
    try {
      const outcome = await delivery.sendOnce(
        {
          timing: 'working-time',
          workspaceId: person.workspaceId,
          personId: person.id,
          slackUserId: person.slackUserId,
          dedupeKey: reminderKey(ref),
          kind: `checkin-${ref.kind.replace('_', '-')}`,
          // Retried through outages until the period can no longer be answered.
          usefulUntil: work.usefulUntil,
        },
        () => buildReminderMessage({ kind: ref.kind, reminderId: reminder.id, period: ref.period, cadence }),
      );
      await checkinReminders.delivered(work, outcome);
    } catch (error) {
      // Failed for good (refused, or no longer useful): recorded where admins look, never retried.
      if (error instanceof PermanentError) await checkinReminders.failed(reminder, error.message);
      throw error;
    }
  });
}

export function checkinDispatchHandler(deps: { checkinSchedule: CheckinScheduleService; logger: Logger }) {
  return handlerFor(checkinDispatchJob, async () => {
    // Recompute first, so a timezone changed by the directory sync is honoured in this very tick.
    const recomputed = await deps.checkinSchedule.refresh();
    const dispatched = await deps.checkinSchedule.dispatchDue();
    if (recomputed > 0 || dispatched.periods > 0) deps.logger.info({ recomputed, ...dispatched }, 'check-in nudges dispatched');
  });
}

export function checkinReconcileHandler(deps: { checkinReminders: CheckinReminderService; logger: Logger }) {
  return handlerFor(checkinReconcileJob, async () => {
    const checked = await deps.checkinReminders.reconcile();
    deps.logger.debug({ checked }, 'check-in reminders reconciled');
  });
}

/** The sandbox's "deliver what is scheduled next" jumps to the next nudge, which waits in Postgres, not Redis. */
export function checkinNudgesDue(schedule: CheckinScheduleService): DueSource {
  return {
    async next() {
      const at = await schedule.earliestDue();
      return at && { at, what: 'checkin-nudge', scheduler: checkinDispatcher.schedulerId };
    },
  };
}
