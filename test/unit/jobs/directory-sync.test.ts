import { directorySyncHandler } from '../../../src/jobs/directory-sync.job';
import { PermanentError } from '../../../src/lib/errors';
import { createLogger } from '../../../src/lib/logger';
import type { CheckinScheduleService } from '../../../src/services/checkin-schedule.service';
import type { PeopleService } from '../../../src/services/people.service';

describe('the directory sync job across workspaces', () => {
  it('syncs every workspace it can, refreshes schedules, then fails once for a passing error so the job is retried', async () => {
    const synced: string[] = [];
    const outage = new Error('Slack answered 503');
    const people = {
      servedWorkspaces: async () => ['T0DOWN', 'T0GONE', 'T0FINE'],
      syncDirectory: async (workspaceId: string) => {
        if (workspaceId === 'T0DOWN') throw outage;
        if (workspaceId === 'T0GONE') throw new PermanentError('token_revoked');
        synced.push(workspaceId);
        return { workspaceId, people: 3 };
      },
    } as unknown as PeopleService;
    let refreshed = 0;
    const checkinSchedule = { refresh: async () => ((refreshed += 1), 0) } as unknown as CheckinScheduleService;
    const handler = directorySyncHandler({ people, checkinSchedule, logger: createLogger('silent') });

    await expect(handler.handle({}, { jobId: 'directory-sync', attempt: 1 })).rejects.toBe(outage);
    expect(synced).toEqual(['T0FINE']);
    expect(refreshed).toBe(1);
  });

  it('completes when the only failure is a workspace Slack refuses for good', async () => {
    const people = {
      servedWorkspaces: async () => ['T0GONE', 'T0FINE'],
      syncDirectory: async (workspaceId: string) => {
        if (workspaceId === 'T0GONE') throw new PermanentError('token_revoked');
        return { workspaceId, people: 1 };
      },
    } as unknown as PeopleService;
    const checkinSchedule = { refresh: async () => 0 } as unknown as CheckinScheduleService;
    await expect(directorySyncHandler({ people, checkinSchedule, logger: createLogger('silent') }).handle({}, { jobId: 'directory-sync', attempt: 1 })).resolves.toBeUndefined();
  });
});
