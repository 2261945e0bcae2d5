import { z } from 'zod';
import { PermanentError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { CheckinScheduleService } from '../services/checkin-schedule.service';
import type { PeopleService } from '../services/people.service';
import { defineJob, handlerFor } from './job-definition';
import { recurring } from './schedulers';

/** Refreshes every person of every served workspace from Slack's directory: names, emails, timezones, deactivations. */
export const directorySyncJob = defineJob({
  name: 'directory-sync',
  queue: 'default',
  schema: z.object({}),
  // One id: replicas starting together queue one sync, not one each.
  jobId: () => 'directory-sync',
});

/** Daily, at an hour when few people anywhere are at work. */
export const dailyDirectorySync = recurring({
  schedulerId: 'directory-sync-daily',
  definition: directorySyncJob,
  payload: {},
  pattern: '0 3 * * *',
});

export function directorySyncHandler(deps: { people: PeopleService; checkinSchedule: CheckinScheduleService; logger: Logger }) {
  return handlerFor(directorySyncJob, async () => {
    // One workspace Slack refuses (uninstalled a moment ago) or cannot answer now (a 429, an
    // outage) does not hold back the others; a passing failure fails the job once all were tried.
    let retry: unknown;
    for (const workspaceId of await deps.people.servedWorkspaces()) {
      try {
        const result = await deps.people.syncDirectory(workspaceId);
        deps.logger.info({ ...result }, 'directory synced from Slack');
      } catch (error) {
        deps.logger.warn({ err: error, workspace: workspaceId }, 'could not sync the directory of a workspace');
        if (!(error instanceof PermanentError)) retry ??= error;
      }
    }
    // Newcomers, new timezones and deactivations get their check-in schedule now, not a tick later.
    const rescheduled = await deps.checkinSchedule.refresh();
    deps.logger.info({ rescheduled }, 'check-in schedules refreshed after the directory sync');
    if (retry !== undefined) throw retry;
  });
}
