import { z } from 'zod';
import { defineJob, handlerFor, type JobContext } from '../../../src/jobs/job-definition';
import { JobQueue } from '../../../src/jobs/job-queue';
import { startWorkers } from '../../../src/jobs/worker';
import { RunLaterError } from '../../../src/lib/errors';
import { createLogger } from '../../../src/lib/logger';
import { createTestRedis, waitFor } from '../../support/redis';

const redis = createTestRedis('run-later');
afterEach(() => redis.reset());
afterAll(() => redis.cleanup());

const later = defineJob({
  name: 'remind-later',
  queue: 'slack',
  schema: z.object({ id: z.string().min(1) }),
  jobId: ({ id }) => `remind-later-${id}`,
  attempts: 2,
});

function start(handle: (payload: { id: string }, ctx: JobContext) => Promise<void>) {
  const logger = createLogger('silent');
  const queue = redis.track(new JobQueue({ backend: redis.backend(), logger }));
  redis.track(startWorkers({ backend: redis.backend(), logger, definitions: [later], handlers: [handlerFor(later, handle)] }));
  return queue;
}

describe('work that is not due yet', () => {
  it('goes back to the delayed set for the time asked, without using up an attempt', async () => {
    const runs: Array<{ attempt: number; at: number }> = [];
    const queue = start(async (_payload, ctx) => {
      runs.push({ attempt: ctx.attempt, at: Date.now() });
      // Two "not yet"s would exhaust two attempts if they counted as failures.
      if (runs.length <= 2) throw new RunLaterError(200);
    });
    await queue.enqueue(later, { id: 'a' });
    await waitFor(async () => (await queue.getJobState(later, { id: 'a' })) === 'completed', { what: 'the job to complete after waiting twice' });
    expect(runs.map((r) => r.attempt)).toEqual([1, 1, 1]);
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(200);
  });

  it('is visible as delayed in between, so the reconciler and the sandbox clock see it', async () => {
    const queue = start(async () => {
      throw new RunLaterError(60_000);
    });
    await queue.enqueue(later, { id: 'b' });
    await waitFor(async () => (await queue.getJobState(later, { id: 'b' })) === 'delayed', { what: 'the job to be delayed' });
  });
});

describe('enqueueMany', () => {
  it('adds jobs in one go under their ids and leaves ones already queued alone, delay included', async () => {
    const logger = createLogger('silent');
    const queue = redis.track(new JobQueue({ backend: redis.backend(), logger }));
    await queue.enqueue(later, { id: 'kept' }, { delayMs: 3_600_000 });
    await queue.enqueueMany(later, [
      { payload: { id: 'kept' }, delayMs: 0 },
      { payload: { id: 'new' }, delayMs: 3_600_000 },
    ]);
    const bull = queue.queueFor('slack');
    expect((await bull.getJob('remind-later-kept'))?.delay).toBe(3_600_000);
    expect(await queue.getJobState(later, { id: 'new' })).toBe('delayed');
    expect(await bull.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 2, waiting: 0 });
    await expect(queue.enqueueMany(later, [{ payload: { id: '' } }])).rejects.toMatchObject({ name: 'ZodError' });
  });
});
