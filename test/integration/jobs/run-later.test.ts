import { z } from 'zod';
import { defineJob, handlerFor, type JobContext } from '../../../src/jobs/job-definition';
import { JobQueue } from '../../../src/jobs/job-queue';
import { startWorkers } from '../../../src/jobs/worker';
import { PermanentError, RunLaterError } from '../../../src/lib/errors';
import { createLogger } from '../../../src/lib/logger';
import { createOutageLog } from '../../../src/lib/outage';
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

  it('adds payloads our own code built as they are (enqueueBuilt), under the same ids, leaving ones already queued alone', async () => {
    const logger = createLogger('silent');
    const queue = redis.track(new JobQueue({ backend: redis.backend(), logger }));
    await queue.enqueue(later, { id: 'kept' }, { delayMs: 3_600_000 });
    await queue.enqueueBuilt(later, [
      { payload: { id: 'kept' }, delayMs: 0 },
      { payload: { id: 'new' }, delayMs: 3_600_000 },
    ]);
    const bull = queue.queueFor('slack');
    expect((await bull.getJob('remind-later-kept'))?.delay).toBe(3_600_000);
    expect((await bull.getJob('remind-later-new'))?.data).toEqual({ id: 'new' });
    expect((await bull.getJob('remind-later-new'))?.opts).toMatchObject({ attempts: 2 });
    expect(await bull.getJobCounts('delayed', 'waiting')).toEqual({ delayed: 2, waiting: 0 });
  });
});

describe('work that meets a Postgres outage', () => {
  it('waits and runs again however long it lasts, without using up attempts, and says so once', async () => {
    const lines: Array<{ msg?: string }> = [];
    const logger = createLogger('warn', { write: (line: string) => void lines.push(JSON.parse(line) as { msg?: string }) });
    const outages = createOutageLog(logger);
    const queue = redis.track(new JobQueue({ backend: redis.backend(), logger }));
    const runs: number[] = [];
    const down = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    redis.track(
      startWorkers({
        backend: redis.backend(),
        logger,
        outages,
        definitions: [later],
        handlers: [
          handlerFor(later, async (_payload, ctx) => {
            runs.push(ctx.attempt);
            // More outages than the job has attempts (2).
            if (runs.length <= 3) throw down;
          }),
        ],
      }),
    );
    await queue.enqueue(later, { id: 'pg' });
    await waitFor(async () => (await queue.getJobState(later, { id: 'pg' })) === 'completed', { what: 'the job to complete after the outage', timeoutMs: 30_000 });
    expect(runs).toEqual([1, 1, 1, 1]);
    expect(lines.filter((l) => l.msg === 'postgres is unavailable; work waits and resumes when it is back')).toHaveLength(1);
  }, 40_000);
});

describe('requeueMany', () => {
  it('replaces a job that failed for good, so it runs again, and leaves a delayed one alone', async () => {
    const runs: string[] = [];
    const queue = start(async ({ id }) => {
      runs.push(id);
      throw new PermanentError('gave up');
    });
    await queue.enqueue(later, { id: 'failed' });
    await waitFor(async () => (await queue.getJobState(later, { id: 'failed' })) === 'failed', { what: 'the job to fail' });
    await queue.enqueue(later, { id: 'delayed' }, { delayMs: 3_600_000 });
    // enqueueMany finds the failed job's id taken: a no-op.
    await queue.enqueueMany(later, [{ payload: { id: 'failed' } }]);
    expect(await queue.getJobState(later, { id: 'failed' })).toBe('failed');
    expect(runs).toEqual(['failed']);
    await queue.requeueMany(later, [{ payload: { id: 'failed' } }, { payload: { id: 'delayed' } }]);
    await waitFor(() => runs.length === 2, { what: 'the replaced job to run' });
    expect(runs).toEqual(['failed', 'failed']);
    expect((await queue.queueFor('slack').getJob('remind-later-delayed'))?.delay).toBe(3_600_000);
  });
});
