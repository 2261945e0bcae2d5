import { z } from 'zod';
import { defineJob } from '../../../src/jobs/job-definition';
import { JobQueue } from '../../../src/jobs/job-queue';
import { recurring, restoreMissingSchedulers, upsertSchedulers, watchSchedulers } from '../../../src/jobs/schedulers';
import { createLogger } from '../../../src/lib/logger';
import { createTestRedis, waitFor } from '../../support/redis';

const redis = createTestRedis('scheduler-watch');
afterEach(() => redis.reset());
afterAll(() => redis.cleanup());

const tick = defineJob({ name: 'reconcile-things', queue: 'default', schema: z.object({}), jobId: () => 'reconcile-things' });
const sweep = defineJob({ name: 'sweep-things', queue: 'slack', schema: z.object({}), jobId: () => 'sweep-things' });
const every5 = recurring({ schedulerId: 'reconcile-every-5', definition: tick, payload: {}, every: 300_000 });
const hourly = recurring({ schedulerId: 'sweep-hourly', definition: sweep, payload: {}, pattern: '0 * * * *' });

function newQueue(): JobQueue {
  return redis.track(new JobQueue({ backend: redis.backend(), logger: createLogger('silent') }));
}
const ids = async (queue: JobQueue) =>
  [...(await queue.queueFor('default').getJobSchedulers()), ...(await queue.queueFor('slack').getJobSchedulers())].map((s) => s.key).sort();

describe('recurring jobs after Redis lost its data', () => {
  it('restores only the missing schedulers, and leaves the others (and their next run) alone', async () => {
    const queue = newQueue();
    await upsertSchedulers(queue, [every5, hourly]);
    const before = await queue.queueFor('slack').getJobScheduler('sweep-hourly');
    await queue.queueFor('default').removeJobScheduler('reconcile-every-5');

    expect(await restoreMissingSchedulers(queue, [every5, hourly])).toEqual(['reconcile-every-5']);
    expect(await ids(queue)).toEqual(['reconcile-every-5', 'sweep-hourly']);
    expect((await queue.queueFor('slack').getJobScheduler('sweep-hourly'))?.next).toBe(before?.next);
    expect(await restoreMissingSchedulers(queue, [every5, hourly])).toEqual([]);
  });

  it('does not remove schedulers it does not know (a newer replica’s)', async () => {
    const queue = newQueue();
    await upsertSchedulers(queue, [every5, hourly]);
    expect(await restoreMissingSchedulers(queue, [every5])).toEqual([]);
    expect(await ids(queue)).toEqual(['reconcile-every-5', 'sweep-hourly']);
  });

  it('watches: after a flush, the schedulers come back by themselves', async () => {
    const queue = newQueue();
    await upsertSchedulers(queue, [every5, hourly]);
    const restored: string[][] = [];
    const errors: unknown[] = [];
    const watch = watchSchedulers(queue, [every5, hourly], { intervalMs: 50, onRestored: (r) => restored.push(r), onError: (error) => errors.push(error) });
    try {
      // The watch runs meanwhile and may restore them at once: it restoring both is the proof they went.
      expect(await redis.wipe()).toBeGreaterThan(0);
      await waitFor(async () => (await ids(queue)).length === 2, { what: 'the schedulers to come back' });
      expect(restored.flat().sort()).toEqual(['reconcile-every-5', 'sweep-hourly']);
      expect(errors).toEqual([]);
    } finally {
      watch.stop();
    }
  });

  it('checks at once when asked (Redis reconnected), not only at the next interval', async () => {
    const queue = newQueue();
    await upsertSchedulers(queue, [every5, hourly]);
    const restored: string[][] = [];
    // An interval no test would wait for: only checkNow can bring them back in time.
    const watch = watchSchedulers(queue, [every5, hourly], { intervalMs: 3_600_000, onRestored: (r) => restored.push(r), onError: () => undefined });
    try {
      expect(await redis.wipe()).toBeGreaterThan(0);
      watch.checkNow();
      await waitFor(async () => (await ids(queue)).length === 2, { what: 'the schedulers to come back' });
      expect(restored.flat().sort()).toEqual(['reconcile-every-5', 'sweep-hourly']);
    } finally {
      watch.stop();
    }
  });
});
