import { ZodError, z } from 'zod';
import { defineJob } from '../../../src/jobs/job-definition';
import { DEFAULT_JOB_OPTIONS, JobQueue } from '../../../src/jobs/job-queue';
import { createLogger } from '../../../src/lib/logger';
import { createTestRedis } from '../../support/redis';

// No workers in this file: every job stays where enqueue put it.
const redis = createTestRedis('job-queue');
afterEach(() => redis.reset());
afterAll(() => redis.cleanup());

function newQueue(): JobQueue {
  return redis.track(new JobQueue({ backend: redis.backend(), logger: createLogger('silent') }));
}

const reminder = defineJob({
  name: 'follow-up',
  queue: 'default',
  schema: z.object({ goalId: z.uuid(), dueOn: z.iso.date() }),
  jobId: (p) => `follow-up-${p.goalId}-${p.dueOn}`,
  attempts: 3,
  backoffMs: 250,
});
const payload = { goalId: '0b7f6c1e-3f7a-4c8e-9d6e-2a1b3c4d5e6f', dueOn: '2026-03-05' };
const expectedId = `follow-up-${payload.goalId}-${payload.dueOn}`;

async function jobCount(queue: JobQueue): Promise<number> {
  const counts = await queue.queueFor('default').getJobCounts();
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe('JobQueue.enqueue', () => {
  it('stores the job under its deterministic id with the definition and default options', async () => {
    const queue = newQueue();

    const result = await queue.enqueue(reminder, payload);

    expect(result).toEqual({ jobId: expectedId, added: true });
    const job = await queue.queueFor('default').getJob(expectedId);
    expect(job?.name).toBe('follow-up');
    expect(job?.data).toEqual(payload);
    expect(job?.opts).toMatchObject({
      attempts: 3,
      backoff: { type: 'exponential', delay: 250 },
      removeOnComplete: DEFAULT_JOB_OPTIONS.removeOnComplete,
      removeOnFail: DEFAULT_JOB_OPTIONS.removeOnFail,
    });
    expect(await queue.getJobState(reminder, payload)).toBe('waiting');
  });

  it('falls back to 5 attempts and a 1 s exponential backoff', async () => {
    const queue = newQueue();
    const plain = defineJob({ name: 'plain', queue: 'slack', schema: z.object({ id: z.string() }), jobId: (p) => `plain-${p.id}` });

    await queue.enqueue(plain, { id: 'a' });

    const job = await queue.queueFor('slack').getJob('plain-a');
    expect(job?.opts).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000 } });
  });

  it('adds a job once when the same id is enqueued twice, and says so', async () => {
    const queue = newQueue();

    const first = await queue.enqueue(reminder, payload);
    const second = await queue.enqueue(reminder, payload, { delayMs: 60_000 });

    expect(first.added).toBe(true);
    expect(second).toEqual({ jobId: expectedId, added: false });
    expect(await jobCount(queue)).toBe(1);
    // The existing job is left as it was: the second call's delay did not apply.
    expect(await queue.getJobState(reminder, payload)).toBe('waiting');
  });

  it('rejects an invalid payload with the ZodError and stores nothing', async () => {
    const queue = newQueue();

    const attempt = queue.enqueue(reminder, { goalId: 'not-a-uuid', dueOn: payload.dueOn });

    await expect(attempt).rejects.toBeInstanceOf(ZodError);
    expect(await jobCount(queue)).toBe(0);
  });

  it('validates the payload as JSON, the form a worker reads back', async () => {
    const queue = newQueue();
    const dated = defineJob({ name: 'dated', queue: 'default', schema: z.object({ at: z.date() }), jobId: () => 'dated-1' });

    // A Date survives the type check but reaches the worker as a string.
    await expect(queue.enqueue(dated, { at: new Date() })).rejects.toBeInstanceOf(ZodError);
    expect(await jobCount(queue)).toBe(0);
  });

  it.each([
    ['contains a colon', 'nudge:U1'],
    ['is all digits', '12345'],
    ['is empty', ''],
  ])('rejects a job id that %s and stores nothing', async (_case, badId) => {
    const queue = newQueue();
    const bad = defineJob({ name: 'bad-id', queue: 'default', schema: z.object({ id: z.string() }), jobId: () => badId });

    await expect(queue.enqueue(bad, { id: 'x' })).rejects.toThrow(`job "bad-id" produced an invalid job id "${badId}"`);
    expect(await jobCount(queue)).toBe(0);
  });

  it('keeps a delayed job delayed', async () => {
    const queue = newQueue();

    await queue.enqueue(reminder, payload, { delayMs: 60_000 });

    const job = await queue.queueFor('default').getJob(expectedId);
    expect(await queue.getJobState(reminder, payload)).toBe('delayed');
    expect(job?.delay).toBe(60_000);
  });
});

describe('JobQueue.remove', () => {
  it('cancels a delayed job so its id can be used again', async () => {
    const queue = newQueue();
    await queue.enqueue(reminder, payload, { delayMs: 60_000 });

    expect(await queue.remove(reminder, payload)).toBe(true);

    expect(await queue.getJobState(reminder, payload)).toBeUndefined();
    expect((await queue.enqueue(reminder, payload)).added).toBe(true);
  });

  it('reports false when there is no such job', async () => {
    const queue = newQueue();

    expect(await queue.remove(reminder, payload)).toBe(false);
  });
});

describe('JobQueue.getJobState', () => {
  it('is undefined for a job that was never enqueued', async () => {
    expect(await newQueue().getJobState(reminder, payload)).toBeUndefined();
  });
});
