import type { ScheduledReminder } from '../domain/checkin-reminder';

/**
 * Where check-in reminders go once Postgres has them: a job per reminder, delayed to its due time,
 * under the reminder's own id. Adding one that is already queued changes nothing, so the reconciler
 * may hand over every scheduled reminder again. Failures are the port's to log, never the
 * caller's: the rows are committed, and the reconciler queues whatever did not make it.
 */
export interface CheckinQueue {
  reminders(list: readonly ScheduledReminder[]): Promise<void>;
  /**
   * The reconciler's hand-over: like `reminders`, and a job that already finished (failed through
   * an outage, say) while its row still says scheduled is replaced, so the reminder runs again.
   * Unlike `reminders` it throws when Redis cannot be reached, so the reconciler runs again soon.
   */
  requeue(list: readonly ScheduledReminder[]): Promise<void>;
}
