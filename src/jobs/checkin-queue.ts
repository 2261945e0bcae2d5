import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { OutageLog } from '../lib/outage';
import { isRedisUnavailable } from './connection';
import type { ScheduledReminder } from '../domain/checkin-reminder';
import type { CheckinQueue } from '../services/checkin-queue';
import { checkinReminderJob } from './checkin.job';
import type { JobQueue } from './job-queue';

/** Jobs per round trip to Redis: 10,000 nudges due in one minute go out in ten. */
const CHUNK = 1000;

/** The check-in services' queue port on BullMQ: one delayed job per reminder, under its own id. */
export function createCheckinQueue(deps: { jobs: JobQueue; clock: Clock; logger: Logger; outages?: OutageLog }): CheckinQueue {
  const { jobs, clock, logger, outages } = deps;
  const add = async (list: readonly ScheduledReminder[], replaceFinished: boolean) => {
    const now = clock.now().toMillis();
    for (let start = 0; start < list.length; start += CHUNK) {
      const chunk = list.slice(start, start + CHUNK);
      const items = chunk.map(({ personId, period, kind, seq, dueAt }) => ({
        payload: { personId, period, kind, seq },
        delayMs: Math.max(0, dueAt.toMillis() - now),
      }));
      // The reconciler's own hand-over fails its job, which BullMQ retries within seconds.
      if (replaceFinished) {
        await jobs.requeueMany(checkinReminderJob, items);
        continue;
      }
      // The rows are committed; whatever does not reach Redis now, the reconciler queues later.
      await jobs.enqueueMany(checkinReminderJob, items).catch((error: unknown) =>
        outages && isRedisUnavailable(error) ? outages.down('redis', error) : logger.error({ err: error, reminders: chunk.length }, 'could not queue check-in reminders'),
      );
    }
  };
  return {
    reminders: (list) => add(list, false),
    requeue: (list) => add(list, true),
  };
}
