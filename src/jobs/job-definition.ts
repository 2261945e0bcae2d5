import type { z } from 'zod';

/**
 * Queues, not job kinds: a queue is a unit of concurrency and rate limiting. 'slack' carries
 * outbound Slack sends so a 429 (which pauses a whole queue) never holds back other work.
 */
export const QUEUE_NAMES = ['default', 'slack'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * One kind of background job. Payloads carry ids (workspace, person, cycle, period), never personal
 * text: Redis keeps job data in plain text, and Postgres is where the content lives.
 *
 * The schema runs on enqueue (but for payloads our own code built from typed values, added with
 * `JobQueue.enqueueBuilt`) and again in the worker, because during a rolling deploy the process
 * that reads a job may be older or newer than the one that wrote it. Payloads travel as JSON, so
 * the schema must accept its own JSON output: no Date objects, no type-changing transforms.
 */
export interface JobDefinition<P> {
  /** kebab-case; also the BullMQ job name the worker switches on. */
  name: string;
  queue: QueueName;
  schema: z.ZodType<P>;
  /**
   * Deterministic id (e.g. `nudge-<cycle>-<person>-<period>`): enqueueing the same work twice yields
   * one job. BullMQ forbids ':' (its key separator) and all-digit ids (they collide with its own
   * counters); `assertValidJobId` enforces both on every enqueue.
   */
  jobId(payload: P): string;
  /** Total tries including the first; default 5. */
  attempts?: number;
  /** Base delay of the exponential backoff (base, 2×base, 4×base, ...); default 1000 ms. */
  backoffMs?: number;
}

/**
 * The registry's view of a definition whose payload type is not known statically. Sound because a
 * definition's schema, jobId and handler are only ever applied to values that schema produced.
 */
export type AnyJobDefinition = JobDefinition<unknown>;

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;

const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Checks the parts of a definition that do not depend on a payload, once, at import time. */
export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  if (!KEBAB_CASE.test(def.name)) {
    throw new Error(`job name "${def.name}" must be kebab-case`);
  }
  if (def.attempts !== undefined && (!Number.isInteger(def.attempts) || def.attempts < 1)) {
    throw new Error(`job "${def.name}": attempts must be a positive integer`);
  }
  if (def.backoffMs !== undefined && (!Number.isFinite(def.backoffMs) || def.backoffMs < 0)) {
    throw new Error(`job "${def.name}": backoffMs must be a non-negative number`);
  }
  return def;
}

export function assertValidJobId(jobName: string, jobId: string): void {
  if (jobId.length === 0 || jobId.includes(':') || /^\d+$/.test(jobId)) {
    throw new Error(
      `job "${jobName}" produced an invalid job id "${jobId}": ids must be non-empty, contain no ':' and not be all digits`,
    );
  }
}

/**
 * Validates a payload in its JSON form, exactly as a worker will read it back from Redis, so a
 * Date or an undefined-vs-missing mismatch fails at enqueue, in the caller, not later in a worker.
 */
export function parsePayload<P>(def: JobDefinition<P>, payload: P): P {
  const text = JSON.stringify(payload);
  return def.schema.parse(text === undefined ? undefined : JSON.parse(text));
}

/** The deterministic id of a payload that has already been validated. */
export function jobIdOf<P>(def: JobDefinition<P>, payload: P): string {
  const id = def.jobId(payload);
  assertValidJobId(def.name, id);
  return id;
}

export interface JobContext {
  jobId: string;
  /** 1 for the first try. Rate-limited runs do not count (they do not use up an attempt). */
  attempt: number;
}

/**
 * Domain code behind a job. It throws `PermanentError` / `RateLimitedError` from `src/lib/errors.ts`
 * (never BullMQ types) and must be idempotent: a retry or a duplicate delivery must not repeat side
 * effects (claim a Postgres ledger row before calling Slack).
 */
export interface JobHandler<P> {
  definition: JobDefinition<P>;
  handle(payload: P, ctx: JobContext): Promise<void>;
}

/** A handler as the worker's registry holds it; see `AnyJobDefinition` for why this is sound. */
export type AnyJobHandler = JobHandler<unknown>;

/** Ties a handler to its definition so `payload` is inferred from the schema, not written twice. */
export function handlerFor<P>(definition: JobDefinition<P>, handle: JobHandler<P>['handle']): JobHandler<P> {
  return { definition, handle };
}
