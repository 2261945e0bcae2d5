import { ZodError, z } from 'zod';
import { defineJob, handlerFor, type QueueName } from '../../../src/jobs/job-definition';
import { JobQueue } from '../../../src/jobs/job-queue';
import { recurring, upsertSchedulers } from '../../../src/jobs/schedulers';
import { startWorkers } from '../../../src/jobs/worker';
import { createLogger } from '../../../src/lib/logger';
import { createTestRedis, waitFor } from '../../support/redis';

const redis = createTestRedis('schedulers');
afterEach(() => redis.reset());
afterAll(() => redis.cleanup());

const logger = createLogger('silent');

function newQueue(): JobQueue {
  return redis.track(new JobQueue({ backend: redis.backend(), logger }));
}

const tickSchema = z.object({ scope: z.enum(['all', 'none']) });
const dispatch = defineJob({ name: 'dispatch-nudges', queue: 'default', schema: tickSchema, jobId: (p) => `dispatch-${p.scope}` });
const sweep = defineJob({ name: 'sweep-deliveries', queue: 'slack', schema: tickSchema, jobId: (p) => `sweep-${p.scope}` });

const dispatchEvery = (every: number) =>
  recurring({ schedulerId: 'dispatch-nudges', definition: dispatch, payload: { scope: 'all' }, every });
const everyMinute = dispatchEvery(60_000);
const hourly = recurring({ schedulerId: 'sweep-deliveries', definition: sweep, payload: { scope: 'all' }, pattern: '0 * * * *' });

async function schedulerIds(queue: JobQueue, name: QueueName): Promise<string[]> {
  return (await queue.queueFor(name).getJobSchedulers()).map((s) => s.key).sort();
}

/** Pending jobs a scheduler has produced (BullMQ names them repeat:<schedulerId>:<millis>). */
async function pendingJobsOf(queue: JobQueue, name: QueueName, schedulerId: string): Promise<number> {
  const jobs = await queue.queueFor(name).getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.filter((j) => j.id?.startsWith(`repeat:${schedulerId}:`)).length;
}

describe('upsertSchedulers', () => {
  it('creates one scheduler per entry, on the definition’s queue, and stays idempotent when run again', async () => {
    const queue = newQueue();

    await upsertSchedulers(queue, [everyMinute, hourly]);
    await upsertSchedulers(queue, [everyMinute, hourly]);

    expect(await schedulerIds(queue, 'default')).toEqual(['dispatch-nudges']);
    expect(await schedulerIds(queue, 'slack')).toEqual(['sweep-deliveries']);
    expect(await pendingJobsOf(queue, 'default', 'dispatch-nudges')).toBe(1);
    expect(await pendingJobsOf(queue, 'slack', 'sweep-deliveries')).toBe(1);
    const cron = await queue.queueFor('slack').getJobScheduler('sweep-deliveries');
    expect(cron).toMatchObject({ name: 'sweep-deliveries', pattern: '0 * * * *', tz: 'UTC', template: { data: { scope: 'all' } } });
    const interval = await queue.queueFor('default').getJobScheduler('dispatch-nudges');
    expect(interval).toMatchObject({ name: 'dispatch-nudges', every: 60_000 });
  });

  it('removes schedulers the list no longer names, with their pending job', async () => {
    const queue = newQueue();
    await upsertSchedulers(queue, [everyMinute, hourly]);
    // One left behind by an older release, written without this module.
    await queue.queueFor('default').upsertJobScheduler('retired-job', { pattern: '0 0 * * *', tz: 'UTC' }, { name: 'retired-job', data: {} });

    await upsertSchedulers(queue, [everyMinute]);

    expect(await schedulerIds(queue, 'default')).toEqual(['dispatch-nudges']);
    expect(await schedulerIds(queue, 'slack')).toEqual([]);
    expect(await pendingJobsOf(queue, 'slack', 'sweep-deliveries')).toBe(0);
    expect(await pendingJobsOf(queue, 'default', 'retired-job')).toBe(0);
  });

  it('updates a scheduler in place when its timing changes', async () => {
    const queue = newQueue();
    await upsertSchedulers(queue, [everyMinute]);

    await upsertSchedulers(queue, [dispatchEvery(120_000)]);

    expect(await schedulerIds(queue, 'default')).toEqual(['dispatch-nudges']);
    expect(await queue.queueFor('default').getJobScheduler('dispatch-nudges')).toMatchObject({ every: 120_000 });
  });

  it('rejects an invalid payload or a duplicated id before touching Redis', async () => {
    const queue = newQueue();

    const badPayload = recurring({ schedulerId: 'bad', definition: dispatch, payload: { scope: 'some' as 'all' }, every: 1000 });
    await expect(upsertSchedulers(queue, [badPayload])).rejects.toBeInstanceOf(ZodError);
    await expect(upsertSchedulers(queue, [everyMinute, dispatchEvery(1000)])).rejects.toThrow(
      'scheduler "dispatch-nudges" is declared twice',
    );
    const badId = recurring({ schedulerId: 'tick:1', definition: dispatch, payload: { scope: 'all' }, every: 1000 });
    await expect(upsertSchedulers(queue, [badId])).rejects.toThrow('invalid job id');
    expect(await schedulerIds(queue, 'default')).toEqual([]);
  });

  it('produces jobs that the worker runs with the declared payload', async () => {
    const queue = newQueue();
    const payloads: unknown[] = [];
    redis.track(
      startWorkers({
        backend: redis.backend(),
        logger,
        definitions: [dispatch],
        handlers: [handlerFor(dispatch, async (payload) => void payloads.push(payload))],
      }),
    );

    await upsertSchedulers(queue, [dispatchEvery(150)]);

    // A new interval scheduler runs at once, then every 150 ms.
    await waitFor(() => payloads.length >= 2, { what: 'two scheduled runs' });
    expect(payloads.slice(0, 2)).toEqual([{ scope: 'all' }, { scope: 'all' }]);
  });
});
