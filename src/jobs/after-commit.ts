import type { DateTime } from 'luxon';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { JobDefinition } from './job-definition';
import type { JobQueue } from './job-queue';

/** Jobs per round trip to Redis: 10,000 nudges due in one minute go out in ten. */
const CHUNK = 1000;

/** Queues jobs for work Postgres has committed already, each at its `at` or now. */
export type EnqueueAfterCommit = <P>(def: JobDefinition<P>, items: ReadonlyArray<{ payload: P; at?: DateTime }>) => Promise<void>;

/**
 * The one way services' ports reach the queues. Every job carries its own id, so queueing one
 * that is queued already changes nothing. A job that fails to queue is logged rather than turned
 * into a failed request (and a retry's duplicate): the rows are committed, the reconcilers queue
 * again what Postgres still owes, and a lost confirmation is only a lost confirmation.
 */
export function createEnqueueAfterCommit(deps: { jobs: JobQueue; clock: Clock; logger: Logger }): EnqueueAfterCommit {
  const { jobs, clock, logger } = deps;
  return async (def, items) => {
    const now = clock.now().toMillis();
    for (let start = 0; start < items.length; start += CHUNK) {
      const chunk = items.slice(start, start + CHUNK);
      const delayed = chunk.map(({ payload, at }) => ({ payload, delayMs: at ? Math.max(0, at.toMillis() - now) : undefined }));
      await jobs.enqueueMany(def, delayed).catch((error: unknown) => logger.error({ err: error, job: def.name, jobs: chunk.length }, 'could not queue jobs'));
    }
  };
}
