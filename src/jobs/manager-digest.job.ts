import { z } from 'zod';
import type { Clock } from '../lib/clock';
import { RunLaterError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { DeliveryService } from '../services/delivery.service';
import { DIGEST_KIND, digestKey, type ManagerDigestService } from '../services/manager-digest.service';
import { buildManagerDigestMessage } from '../views/digest/manager-digest.messages';
import { defineJob, handlerFor } from './job-definition';
import { recurring } from './schedulers';
import type { DueSource } from './time-machine';

/** One manager's digest for one period; the id carries both, so queueing it again changes nothing. */
export const managerDigestJob = defineJob({
  name: 'manager-digest',
  queue: 'slack',
  schema: z.object({ managerId: z.uuid(), period: z.iso.date() }),
  jobId: ({ managerId, period }) => digestKey(managerId, period),
});

/** Asks Postgres which digests are due, records them, and queues every digest still owed. */
export const managerDigestDispatchJob = defineJob({
  name: 'manager-digest-dispatch',
  queue: 'default',
  schema: z.object({}),
  jobId: () => 'manager-digest-dispatch',
});

/** Every minute, like the nudges: digests are due on the minute in every zone. */
export const managerDigestDispatcher = recurring({
  schedulerId: 'manager-digest-dispatch-every-minute',
  definition: managerDigestDispatchJob,
  payload: {},
  every: 60_000,
});

export function managerDigestHandler(deps: { managerDigest: ManagerDigestService; delivery: DeliveryService; clock: Clock }) {
  const { managerDigest, delivery, clock } = deps;
  return handlerFor(managerDigestJob, async ({ managerId, period }) => {
    const work = await managerDigest.prepare(managerId, period);
    if (work.action === 'nothing') return;
    if (work.action === 'later') throw new RunLaterError(work.at.toMillis() - clock.now().toMillis());
    const { manager } = work.content;
    // The ledger's key makes a retried or duplicated job reach the manager once.
    await delivery.sendOnce(
      { timing: 'working-time', workspaceId: manager.workspaceId, personId: manager.id, slackUserId: manager.slackUserId, dedupeKey: digestKey(managerId, period), kind: DIGEST_KIND },
      () => buildManagerDigestMessage(work.content),
    );
    await managerDigest.complete(work.digest);
  });
}

export function managerDigestDispatchHandler(deps: { managerDigest: ManagerDigestService; logger: Logger }) {
  return handlerFor(managerDigestDispatchJob, async () => {
    const result = await deps.managerDigest.dispatchDue();
    if (result.scheduled > 0 || result.recorded > 0) deps.logger.info(result, 'manager digests dispatched');
  });
}

/** The sandbox's "deliver what is scheduled next" jumps to the next digest, which waits in Postgres. */
export function managerDigestsDue(digests: ManagerDigestService): DueSource {
  return {
    async next() {
      const at = await digests.earliestDue();
      return at && { at, what: 'manager-digest', scheduler: managerDigestDispatcher.schedulerId };
    },
  };
}
