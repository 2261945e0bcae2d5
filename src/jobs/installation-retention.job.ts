import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { InstallationService } from '../services/installation.service';
import { defineJob, handlerFor } from './job-definition';
import { recurring } from './schedulers';

/** Deletes the data of workspaces uninstalled longer ago than UNINSTALLED_RETENTION_DAYS. */
export const installationRetentionJob = defineJob({
  name: 'installation-retention',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'installation-retention',
});

export const dailyInstallationRetention = recurring({
  schedulerId: 'installation-retention-daily',
  definition: installationRetentionJob,
  payload: {},
  pattern: '30 3 * * *',
});

/** Nothing to do with a single bot token: there are no installations to expire. */
export function installationRetentionHandler(deps: { installations?: InstallationService; logger: Logger }) {
  return handlerFor(installationRetentionJob, async () => {
    const deleted = (await deps.installations?.deleteExpired()) ?? [];
    if (deleted.length > 0) deps.logger.info({ workspaces: deleted }, 'retention over: uninstalled workspaces deleted');
  });
}
