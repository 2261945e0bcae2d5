import { sql } from 'kysely';
import type { Redis } from 'ioredis';
import type { Config } from './config';
import { createDb, type Db } from './db/client';
import { closeRedisConnection, createRedisConnection } from './jobs/connection';
import { goalCreatedJob } from './jobs/goal-created.job';
import { JobQueue } from './jobs/job-queue';
import { type Clock, systemClock } from './lib/clock';
import type { Logger } from './lib/logger';
import { createDeliveryService, type DeliveryService } from './services/delivery.service';
import { createGoalService, type GoalService } from './services/goal.service';
import { createPeopleService, type PeopleService } from './services/people.service';
import { createSlackDirectory } from './slack/directory';
import { createSlackNotifier } from './slack/notifier';
import { createJobWebClient } from './slack/web-client';

export interface Services {
  people: PeopleService;
  goals: GoalService;
  delivery: DeliveryService;
}

export interface Deps extends Services {
  config: Config;
  logger: Logger;
  clock: Clock;
  db: Db;
  redis: Redis;
  jobs: JobQueue;
  /** Postgres and Redis answer: what /readyz reports. */
  readiness: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

/** Plain wiring of everything both roles share. Opens pools lazily; nothing is sent yet. */
export function createDeps(config: Config, logger: Logger, clock: Clock = systemClock): Deps {
  const db = createDb(config.databaseUrl);
  const redis = createRedisConnection(config.redisUrl, 'producer', logger);
  const jobs = new JobQueue({ connection: redis, prefix: config.queuePrefix, logger });
  const slack = createJobWebClient(config.slack.botToken, config.slack.apiUrl, logger);

  const people = createPeopleService({
    db,
    directory: createSlackDirectory(slack),
    defaultTimezone: config.defaultTimezone,
  });
  const goals = createGoalService({
    db,
    clock,
    events: { goalCreated: async (goal) => void (await jobs.enqueue(goalCreatedJob, { goalId: goal.id })) },
  });
  const delivery = createDeliveryService({ db, notifier: createSlackNotifier(slack), clock });

  return {
    config,
    logger,
    clock,
    db,
    redis,
    jobs,
    people,
    goals,
    delivery,
    readiness: {
      postgres: async () => void (await sql`select 1`.execute(db)),
      redis: async () => void (await redis.ping()),
    },
    async close() {
      await jobs.close();
      await closeRedisConnection(redis);
      await db.destroy();
    },
  };
}
