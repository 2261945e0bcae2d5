import { z } from 'zod';
import { defineJob, handlerFor, type AnyJobDefinition, type AnyJobHandler, type JobContext } from '../../../src/jobs/job-definition';
import { JobQueue } from '../../../src/jobs/job-queue';
import { startWorkers, type RunningWorkers } from '../../../src/jobs/worker';
import { PermanentError, RateLimitedError } from '../../../src/lib/errors';
import { bindLogWorkspace } from '../../../src/lib/log-scope';
import { createLogger, type Logger } from '../../../src/lib/logger';
import { createTestRedis, waitFor } from '../../support/redis';

const redis = createTestRedis('worker');
afterEach(() => redis.reset());
afterAll(() => redis.cleanup());

const payloadSchema = z.object({ workspaceId: z.string().min(1), personId: z.string().min(1) });
type Payload = z.infer<typeof payloadSchema>;

function defineTestJob(name: string, opts: { attempts?: number; backoffMs?: number; queue?: 'default' | 'slack' } = {}) {
  return defineJob({
    name,
    queue: opts.queue ?? 'default',
    schema: payloadSchema,
    jobId: (p) => `${name}-${p.workspaceId}-${p.personId}`,
    attempts: opts.attempts,
    backoffMs: opts.backoffMs,
  });
}

interface Call {
  payload: Payload;
  ctx: JobContext;
  at: number;
}

/** Log lines as parsed JSON, to check levels and messages. */
function captureLogs(): { logger: Logger; lines: Array<{ level: number; msg: string; [k: string]: unknown }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

const PINO_WARN = 40;
const PINO_ERROR = 50;

function start(
  definitions: ReadonlyArray<AnyJobDefinition>,
  handlers: ReadonlyArray<AnyJobHandler>,
  logger: Logger = createLogger('silent'),
): { queue: JobQueue; workers: RunningWorkers } {
  const queue = redis.track(new JobQueue({ backend: redis.backend(), logger }));
  const workers = redis.track(
    startWorkers({ backend: redis.backend(), logger, definitions, handlers }),
  );
  return { queue, workers };
}

const alice: Payload = { workspaceId: 'T1', personId: 'U1' };

describe('startWorkers', () => {
  it('runs a job with its validated payload and context', async () => {
    const def = defineTestJob('send-nudge');
    const calls: Call[] = [];
    const { queue } = start([def], [handlerFor(def, async (payload, ctx) => void calls.push({ payload, ctx, at: Date.now() }))]);

    const { jobId, added } = await queue.enqueue(def, alice);

    await waitFor(async () => (await queue.getJobState(def, alice)) === 'completed', { what: 'completion' });
    expect(added).toBe(true);
    expect(jobId).toBe('send-nudge-T1-U1');
    expect(calls).toEqual([{ payload: alice, ctx: { jobId, attempt: 1 }, at: expect.any(Number) }]);
  });

  it('routes jobs to the worker of their own queue', async () => {
    const onDefault = defineTestJob('on-default');
    const onSlack = defineTestJob('on-slack', { queue: 'slack' });
    const seen: string[] = [];
    const { queue, workers } = start(
      [onDefault, onSlack],
      [handlerFor(onDefault, async () => void seen.push('default')), handlerFor(onSlack, async () => void seen.push('slack'))],
    );

    await queue.enqueue(onDefault, alice);
    await queue.enqueue(onSlack, alice);

    await waitFor(() => seen.length === 2, { what: 'both jobs' });
    expect([...workers.workers.keys()].sort()).toEqual(['default', 'slack']);
    expect(seen.sort()).toEqual(['default', 'slack']);
  });

  it('handles a job enqueued twice under the same id exactly once', async () => {
    const def = defineTestJob('dedupe-me');
    const calls: Call[] = [];
    const logger = createLogger('silent');
    // Enqueue both before any worker exists, so the second add meets a waiting job, not a finished one.
    const queue = redis.track(new JobQueue({ backend: redis.backend(), logger }));
    const first = await queue.enqueue(def, alice);
    const second = await queue.enqueue(def, alice);
    expect(first).toEqual({ jobId: 'dedupe-me-T1-U1', added: true });
    expect(second).toEqual({ jobId: 'dedupe-me-T1-U1', added: false });

    redis.track(
      startWorkers({
        backend: redis.backend(),
        logger,
        definitions: [def],
        handlers: [handlerFor(def, async (payload, ctx) => void calls.push({ payload, ctx, at: Date.now() }))],
      }),
    );

    await waitFor(async () => (await queue.getJobState(def, alice)) === 'completed', { what: 'completion' });
    const counts = await queue.queueFor('default').getJobCounts('waiting', 'delayed', 'active', 'completed');
    // Nothing is left that could produce a second call.
    expect(counts).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 1 });
    expect(calls).toHaveLength(1);
  });

  it('retries a failing job with exponential backoff, logging each failure as a warning', async () => {
    const backoffMs = 100;
    const def = defineTestJob('flaky', { attempts: 5, backoffMs });
    const calls: Call[] = [];
    const { logger, lines } = captureLogs();
    const { queue } = start(
      [def],
      [
        handlerFor(def, async (payload, ctx) => {
          calls.push({ payload, ctx, at: Date.now() });
          if (calls.length <= 2) throw new Error(`transient failure ${calls.length}`);
        }),
      ],
      logger,
    );

    await queue.enqueue(def, alice);

    await waitFor(async () => (await queue.getJobState(def, alice)) === 'completed', { what: 'completion' });
    expect(calls.map((c) => c.ctx.attempt)).toEqual([1, 2, 3]);
    const [first, second, third] = calls.map((c) => c.at) as [number, number, number];
    // Exponential: base, then twice the base (a fixed backoff would make both gaps ~100 ms).
    expect(second - first).toBeGreaterThanOrEqual(backoffMs - 10);
    expect(third - second).toBeGreaterThanOrEqual(2 * backoffMs - 10);
    const job = await queue.queueFor('default').getJob('flaky-T1-U1');
    // BullMQ counts the successful run too: two failures + one success.
    expect(job?.attemptsMade).toBe(3);
    const failures = lines.filter((l) => l.msg.startsWith('job failed'));
    expect(failures.map((l) => l.level)).toEqual([PINO_WARN, PINO_WARN]);
  });

  it('fails for good after the last attempt and logs that one as an error', async () => {
    const def = defineTestJob('always-fails', { attempts: 2, backoffMs: 10 });
    let calls = 0;
    const { logger, lines } = captureLogs();
    const { queue } = start(
      [def],
      [
        handlerFor(def, async () => {
          calls += 1;
          throw new Error('still broken');
        }),
      ],
      logger,
    );

    await queue.enqueue(def, alice);

    await waitFor(async () => (await queue.getJobState(def, alice)) === 'failed', { what: 'failure' });
    expect(calls).toBe(2);
    await waitFor(() => lines.filter((l) => l.msg.startsWith('job failed')).length === 2, { what: 'logs' });
    expect(lines.filter((l) => l.msg.startsWith('job failed')).map((l) => l.level)).toEqual([PINO_WARN, PINO_ERROR]);
  });

  it('stops after one attempt when the handler throws PermanentError', async () => {
    const def = defineTestJob('permanent', { attempts: 5, backoffMs: 10 });
    let calls = 0;
    const { logger, lines } = captureLogs();
    const { queue } = start(
      [def],
      [
        handlerFor(def, async () => {
          calls += 1;
          throw new PermanentError('channel_not_found');
        }),
      ],
      logger,
    );

    await queue.enqueue(def, alice);

    await waitFor(async () => (await queue.getJobState(def, alice)) === 'failed', { what: 'failure' });
    const job = await queue.queueFor('default').getJob('permanent-T1-U1');
    expect(calls).toBe(1);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toBe('channel_not_found');
    await waitFor(() => lines.some((l) => l.msg === 'job failed'), { what: 'error log' });
    expect(lines.find((l) => l.msg === 'job failed')?.level).toBe(PINO_ERROR);
  });

  it('names the workspace the failed job worked for on its failure line', async () => {
    const def = defineTestJob('failing-in-workspace', { attempts: 1, backoffMs: 10 });
    const { logger, lines } = captureLogs();
    const { queue } = start(
      [def],
      [
        handlerFor(def, async () => {
          bindLogWorkspace('T0FAILING');
          throw new Error('broken');
        }),
      ],
      logger,
    );

    await queue.enqueue(def, alice);

    await waitFor(() => lines.some((l) => l.msg === 'job failed'), { what: 'error log' });
    expect(lines.find((l) => l.msg === 'job failed')?.workspace).toBe('T0FAILING');
  });

  it('waits out a RateLimitedError without using up an attempt', async () => {
    const retryAfterMs = 300;
    // One attempt only: if the rate-limited run counted, the job would end up failed.
    const def = defineTestJob('rate-limited', { attempts: 1, queue: 'slack' });
    const calls: Call[] = [];
    const { queue } = start(
      [def],
      [
        handlerFor(def, async (payload, ctx) => {
          calls.push({ payload, ctx, at: Date.now() });
          if (calls.length === 1) throw new RateLimitedError(retryAfterMs);
        }),
      ],
    );

    await queue.enqueue(def, alice);

    await waitFor(async () => (await queue.getJobState(def, alice)) === 'completed', { what: 'completion' });
    const job = await queue.queueFor('slack').getJob('rate-limited-T1-U1');
    expect(calls).toHaveLength(2);
    expect(calls.map((c) => c.ctx.attempt)).toEqual([1, 1]);
    // Started twice, counted once (BullMQ counts the successful run as an attempt).
    expect(job?.attemptsStarted).toBe(2);
    expect(job?.attemptsMade).toBe(1);
    const [first, second] = calls.map((c) => c.at) as [number, number];
    expect(second - first).toBeGreaterThanOrEqual(retryAfterMs - 10);
  });

  it('holds back only the rate-limited job: the rest of the queue keeps running meanwhile', async () => {
    // Long enough that the other job, enqueued after the 429, can only finish first if the queue is not paused.
    const retryAfterMs = 60_000;
    const def = defineTestJob('other-workspace', { queue: 'slack' });
    const bob: Payload = { workspaceId: 'T2', personId: 'U2' };
    const calls: Call[] = [];
    const { queue } = start(
      [def],
      [
        handlerFor(def, async (payload, ctx) => {
          calls.push({ payload, ctx, at: Date.now() });
          if (payload.workspaceId === 'T1') throw new RateLimitedError(retryAfterMs);
        }),
      ],
    );

    await queue.enqueue(def, alice);
    await waitFor(async () => (await queue.getJobState(def, alice)) === 'delayed', { what: 'the rate-limited job waiting' });
    await queue.enqueue(def, bob);

    await waitFor(async () => (await queue.getJobState(def, bob)) === 'completed', { what: 'the other job' });
    const held = await queue.queueFor('slack').getJob('other-workspace-T1-U1');
    expect(await queue.getJobState(def, alice)).toBe('delayed');
    expect(held?.attemptsMade).toBe(0);
    expect((held?.delay ?? 0) + (held?.timestamp ?? 0)).toBeGreaterThanOrEqual((calls[0]?.at ?? 0) + retryAfterMs - 1000);
    expect(calls.map((c) => c.payload.workspaceId)).toEqual(['T1', 'T2']);
  });

  it('rejects, without retrying, a job whose payload no longer matches the schema', async () => {
    const def = defineTestJob('strict-payload', { attempts: 5, backoffMs: 10 });
    let calls = 0;
    start([def], [handlerFor(def, async () => void (calls += 1))]);
    // What an older or newer producer might have written: bypasses JobQueue's own validation.
    const raw = redis.track(redis.backend().queue('default', {}));
    await raw.add(def.name, { workspaceId: 'T1' }, { jobId: 'strict-payload-legacy', attempts: 5 });

    const job = await waitFor(
      async () => {
        const j = await raw.getJob('strict-payload-legacy');
        return j?.finishedOn !== undefined ? j : undefined;
      },
      { what: 'failure' },
    );
    expect(await job.getState()).toBe('failed');
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toMatch(/invalid payload for job "strict-payload": personId:/);
    expect(calls).toBe(0);
  });

  it('rejects, without retrying, a job nobody on this worker handles', async () => {
    const def = defineTestJob('known');
    start([def], [handlerFor(def, async () => undefined)]);
    const raw = redis.track(redis.backend().queue('default', {}));
    await raw.add('from-the-future', alice, { jobId: 'future-1', attempts: 5 });

    const job = await waitFor(
      async () => {
        const j = await raw.getJob('future-1');
        return j?.finishedOn !== undefined ? j : undefined;
      },
      { what: 'failure' },
    );
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toBe('no handler for job "from-the-future" on this worker');
  });

  it('runs a delayed job only after its delay', async () => {
    const def = defineTestJob('later');
    const calls: Call[] = [];
    const { queue } = start([def], [handlerFor(def, async (payload, ctx) => void calls.push({ payload, ctx, at: Date.now() }))]);

    const enqueuedAt = Date.now();
    await queue.enqueue(def, alice, { delayMs: 400 });
    expect(await queue.getJobState(def, alice)).toBe('delayed');

    await waitFor(() => calls.length === 1, { what: 'the delayed run' });
    expect(calls[0]!.at - enqueuedAt).toBeGreaterThanOrEqual(400);
  });

  it('close() waits for a job in progress to finish before it resolves', async () => {
    const def = defineTestJob('slow');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const events: string[] = [];
    const queue = redis.track(
      new JobQueue({ backend: redis.backend(), logger: createLogger('silent') }),
    );
    // Not tracked: this test closes the workers itself.
    const workers = startWorkers({
      backend: redis.backend(),
      logger: createLogger('silent'),
      definitions: [def],
      handlers: [
        handlerFor(def, async () => {
          events.push('started');
          await gate;
          events.push('finished');
        }),
      ],
    });
    await queue.enqueue(def, alice);
    await waitFor(() => events.includes('started'), { what: 'the job to start' });

    // The positive signal that close() has begun: BullMQ says 'closing' and, in the same step, starts
    // waiting for the jobs in progress. The job is still held at the gate, so close cannot be done.
    const worker = workers.workers.get('default');
    if (!worker) throw new Error('no default worker');
    const closingStarted = new Promise<void>((resolve) => worker.once('closing', () => resolve()));
    const closing = workers.close().then(() => events.push('closed'));
    await closingStarted;
    expect(events).toEqual(['started']);
    release();
    await closing;

    expect(events).toEqual(['started', 'finished', 'closed']);
    // Finished for real, not abandoned to be picked up again as a stalled job.
    expect(await queue.getJobState(def, alice)).toBe('completed');
  });
});

describe('startWorkers registry check', () => {
  const a = defineTestJob('job-a');
  const b = defineTestJob('job-b');
  const noop = async (): Promise<void> => undefined;

  it.each([
    ['a definition has no handler', [a, b], [handlerFor(a, noop)], 'job "job-b" has no handler'],
    ['a handler is registered twice', [a], [handlerFor(a, noop), handlerFor(a, noop)], 'job "job-a" has more than one handler'],
    ['a handler is not in the registry', [a], [handlerFor(a, noop), handlerFor(b, noop)], 'handler for "job-b" uses a definition that is not in the registry'],
    ['a definition is listed twice', [a, a], [handlerFor(a, noop)], 'job "job-a" is defined twice'],
  ] as const)('throws at startup when %s, before opening any connection', (_case, definitions, handlers, message) => {
    const backend = redis.backend();
    const worker = jest.spyOn(backend, 'worker');
    expect(() => startWorkers({ backend, logger: createLogger('silent'), definitions, handlers })).toThrow(message);
    expect(worker).not.toHaveBeenCalled();
  });
});
