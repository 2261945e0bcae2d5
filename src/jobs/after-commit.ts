import type { DateTime } from 'luxon';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { OutageLog } from '../lib/outage';
import { isRedisUnavailable } from './connection';
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
export function createEnqueueAfterCommit(deps: {
  jobs: JobQueue;
  clock: Clock;
  logger: Logger;
  outages?: OutageLog;
  /** 'built': payloads our own code built from typed values, left to the worker to validate (`JobQueue.enqueueBuilt`). */
  payloads?: 'validate' | 'built';
}): EnqueueAfterCommit {
  const { jobs, logger, outages } = deps;
  const add: JobQueue['enqueueMany'] = deps.payloads === 'built' ? (def, items) => jobs.enqueueBuilt(def, items) : (def, items) => jobs.enqueueMany(def, items);
  return (def, items) =>
    inChunks(deps.clock, items, (delayed) =>
      add(def, delayed).catch((error: unknown) =>
        outages && isRedisUnavailable(error) ? outages.down('redis', error) : logger.error({ err: error, job: def.name, jobs: delayed.length }, 'could not queue jobs'),
      ),
    );
}

/**
 * The reconcilers' hand-over: like `createEnqueueAfterCommit`, but a job that already finished
 * (failed through an outage, say) while Postgres still owes its work is replaced, so it runs again;
 * and it throws when the queues cannot be reached, so the reconciler's own job is retried soon.
 */
export function createRequeue(deps: { jobs: JobQueue; clock: Clock }): EnqueueAfterCommit {
  return (def, items) => inChunks(deps.clock, items, (delayed) => deps.jobs.requeueMany(def, delayed));
}

async function inChunks<P>(
  clock: Clock,
  items: ReadonlyArray<{ payload: P; at?: DateTime }>,
  send: (chunk: Array<{ payload: P; delayMs?: number }>) => Promise<unknown>,
): Promise<void> {
  const now = clock.now().toMillis();
  for (let start = 0; start < items.length; start += CHUNK) {
    await send(items.slice(start, start + CHUNK).map(({ payload, at }) => ({ payload, delayMs: at ? Math.max(0, at.toMillis() - now) : undefined })));
  }
}
