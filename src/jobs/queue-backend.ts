import {
  createPostgresBackend,
  Queue,
  withBackend,
  Worker,
  type DefaultJobOptions,
  type Processor,
  type WorkerOptions,
} from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../lib/logger';
import type { OutageLog } from '../lib/outage';
import { closeRedisConnection, createRedisConnection } from './connection';

/**
 * Where BullMQ keeps the queues. Redis is the default and what real deployments should use;
 * PostgreSQL (BullMQ's own PostgreSQL backend, tables in their own schema) serves a machine with
 * nothing installed, and small teams that would rather operate one server. The job code is the
 * same on both: only this module knows which one runs.
 */
export type QueueBackendConfig =
  | {
      kind: 'redis';
      url: string;
      /** Key prefix; on Redis Cluster a hash tag such as `{cadence}`. */
      prefix: string;
    }
  | {
      kind: 'postgres';
      /** A PostgreSQL URL; Cadence uses its application database. */
      url: string;
      /** The schema holding BullMQ's tables, created and migrated on first use. */
      schema: string;
    };

/**
 * BullMQ's Queue and Worker are the same classes on every backend; their type parameters name the
 * backend only for its connection options, which nothing past construction reads. So both backends
 * hand out the Redis-typed view.
 */
export type BullQueue = Queue;
export type BullWorker = Worker<unknown, void>;

type WorkerSettings = Omit<WorkerOptions, 'connection' | 'prefix'>;

export interface QueueBackend {
  readonly kind: QueueBackendConfig['kind'];
  /** A producer's queue on the backend's shared connection (closing the queue leaves it open). */
  queue(name: string, defaultJobOptions: DefaultJobOptions): BullQueue;
  /** A worker with a connection of its own, closed with `close()` of the returned handle. */
  worker(name: string, processor: Processor<unknown, void>, settings: WorkerSettings): { worker: BullWorker; close(): Promise<void> };
  /** Resolves once the backend answers a round trip: what /readyz checks. */
  ping(): Promise<void>;
  /** Calls `listener` each time the backend is reachable again after an outage; returns an unsubscribe. */
  onReconnect(listener: () => void): () => void;
  /** Closes the shared connection; queues and workers are closed first by their owners. */
  close(): Promise<void>;
}

const postgres = withBackend(createPostgresBackend);

/**
 * Connections per BullMQ object on PostgreSQL: each queue and worker owns a small pool (a worker
 * also holds one LISTEN connection). Two queues and two workers stay far below max_connections.
 */
const POSTGRES_POOL_SIZE = 3;

/** Connection errors go to the outage log (said once per outage) when there is one, else to the logger. */
export function createQueueBackend(config: QueueBackendConfig, reporter?: Logger | OutageLog): QueueBackend {
  return config.kind === 'redis' ? redisBackend(config.url, config.prefix, reporter) : postgresBackend(config.url, config.schema);
}

function redisBackend(url: string, prefix: string, reporter?: Logger | OutageLog): QueueBackend {
  const producer: Redis = createRedisConnection(url, 'producer', reporter);
  return {
    kind: 'redis',
    queue: (name, defaultJobOptions) => new Queue(name, { connection: producer, prefix, defaultJobOptions }),
    worker(name, processor, settings) {
      const connection = createRedisConnection(url, 'worker', reporter);
      const worker = new Worker<unknown, void>(name, processor, { ...settings, connection, prefix });
      return {
        worker,
        async close() {
          await worker.close();
          await closeRedisConnection(connection);
        },
      };
    },
    ping: async () => void (await producer.ping()),
    onReconnect(listener) {
      producer.on('ready', listener);
      return () => void producer.off('ready', listener);
    },
    close: () => closeRedisConnection(producer),
  };
}

function postgresBackend(url: string, schema: string): QueueBackend {
  // `migrate`: the first connection creates and upgrades the schema under BullMQ's advisory lock,
  // so several processes starting at once are safe.
  const connection = { connectionString: url, schema, migrate: true, max: POSTGRES_POOL_SIZE, options: '-c TimeZone=UTC' };
  let probe: BullQueue | undefined;
  return {
    kind: 'postgres',
    queue: (name, defaultJobOptions) => new postgres.Queue(name, { connection, defaultJobOptions }) as unknown as BullQueue,
    worker(name, processor, settings) {
      const worker = new postgres.Worker<unknown, void>(name, processor, { ...settings, connection });
      return { worker: worker as unknown as BullWorker, close: () => worker.close() };
    },
    async ping() {
      probe ??= new postgres.Queue('readiness-probe', { connection }) as unknown as BullQueue;
      await probe.getJobCounts('waiting');
    },
    // The queue tables live in the application database: nothing is lost when a connection drops.
    onReconnect: () => () => undefined,
    close: async () => {
      await probe?.close();
    },
  };
}
