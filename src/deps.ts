import type { Redis } from 'ioredis';
import type { DateTime } from 'luxon';
import { createOpenAiProvider } from './ai/openai.provider';
import type { ResolvedConfig } from './config';
import { createDb, pingDatabase, type Db } from './db/client';
import { createCheckinQueue } from './jobs/checkin-queue';
import { checkinNudgesDue } from './jobs/checkin.job';
import { closeRedisConnection, createRedisConnection } from './jobs/connection';
import { feedbackNoteJob, feedbackStepJob } from './jobs/feedback.job';
import { goalChangedJob } from './jobs/goal-changed.job';
import { goalCreatedJob } from './jobs/goal-created.job';
import { staleGoalNudgeJob } from './jobs/stale-goal.job';
import { managerProposedJob, proposalAnsweredJob } from './jobs/manager-proposal.job';
import type { JobDefinition } from './jobs/job-definition';
import { JobQueue } from './jobs/job-queue';
import { createDigestQueue, managerDigestsDue } from './jobs/manager-digest.job';
import type { DueSource } from './jobs/time-machine';
import { type Clock, systemClock } from './lib/clock';
import type { Logger } from './lib/logger';
import { type AccessService, createAccessService } from './services/access.service';
import { type AiService, createAiService } from './services/ai.service';
import { type AuditService, createAuditService } from './services/audit.service';
import { type CheckinReminderService, createCheckinReminderService } from './services/checkin-reminder.service';
import { type CheckinScheduleService, createCheckinScheduleService } from './services/checkin-schedule.service';
import { type CheckinService, createCheckinService } from './services/checkin.service';
import { type CheckinReplyService, createCheckinReplyService } from './services/checkin-reply.service';
import { createDeliveryProblemsService, type DeliveryProblemsService } from './services/delivery-problems.service';
import { createDeliveryService, type DeliveryService } from './services/delivery.service';
import { createFeedbackAnswerService, type FeedbackAnswerService } from './services/feedback-answer.service';
import { createFeedbackFocusAreasService, type FeedbackFocusAreasService } from './services/feedback-focus-areas.service';
import type { FeedbackQueue } from './services/feedback-lifecycle';
import { createFeedbackNoteService, type FeedbackNoteService } from './services/feedback-note.service';
import { createFeedbackRequestService, type FeedbackRequestService } from './services/feedback-request.service';
import { createFeedbackStepsService, type FeedbackStepsService } from './services/feedback-steps.service';
import { createGoalService, type GoalService } from './services/goal.service';
import { createManagerDigestService, type ManagerDigestService } from './services/manager-digest.service';
import { createOrgService, type OrgService } from './services/org.service';
import { createPeopleService, type PeopleService } from './services/people.service';
import { createPrivacyService, type PrivacyService } from './services/privacy.service';
import { createRolesService, type RolesService } from './services/roles.service';
import { createSettingsService, type SettingsService } from './services/settings.service';
import { createStaleGoalService, type StaleGoalService } from './services/stale-goal.service';
import { createSlackDirectory } from './slack/directory';
import { createSlackNotifier } from './slack/notifier';
import { createJobWebClient } from './slack/web-client';

export interface Services {
  people: PeopleService;
  goals: GoalService;
  delivery: DeliveryService;
  access: AccessService;
  org: OrgService;
  roles: RolesService;
  settings: SettingsService;
  audit: AuditService;
  privacy: PrivacyService;
  feedbackRequests: FeedbackRequestService;
  feedbackAnswers: FeedbackAnswerService;
  feedbackSteps: FeedbackStepsService;
  feedbackNotes: FeedbackNoteService;
  feedbackFocusAreas: FeedbackFocusAreasService;
  staleGoals: StaleGoalService;
  checkins: CheckinService;
  checkinReplies: CheckinReplyService;
  checkinSchedule: CheckinScheduleService;
  checkinReminders: CheckinReminderService;
  deliveryProblems: DeliveryProblemsService;
  managerDigest: ManagerDigestService;
  ai: AiService;
}

export interface Deps extends Services {
  config: ResolvedConfig;
  logger: Logger;
  clock: Clock;
  db: Db;
  redis: Redis;
  jobs: JobQueue;
  /** Work waiting in Postgres rather than in Redis, for the sandbox's clock control. */
  dueSources: DueSource[];
  /** Postgres and Redis answer: what /readyz reports. */
  readiness: Record<string, () => Promise<void>>;
  close(): Promise<void>;
}

/** Plain wiring of everything both roles share. Opens pools lazily; nothing is sent yet. */
export function createDeps(config: ResolvedConfig, logger: Logger, clock: Clock = systemClock): Deps {
  const db = createDb(config.databaseUrl, {
    singleSession: config.singleSessionDatabase,
    onIdleClientError: (error) => logger.warn({ err: error }, 'an idle Postgres connection failed'),
  });
  const redis = createRedisConnection(config.redisUrl, 'producer', logger);
  const jobs = new JobQueue({ connection: redis, prefix: config.queuePrefix, logger });
  const slack = createJobWebClient(config.slack.botToken, config.slack.apiUrl, logger);
  /**
   * Queues a job for work that is committed already, at `at` or now. A job that fails to queue is
   * logged rather than turned into a failed request (and a retry's duplicate): the reconcilers
   * queue again what Postgres still owes, and a lost confirmation is only a lost confirmation.
   */
  const enqueueAfterCommit = <P>(def: JobDefinition<P>, payload: P, at?: DateTime): Promise<void> =>
    jobs.enqueue(def, payload, at ? { delayMs: Math.max(0, at.toMillis() - clock.now().toMillis()) } : {}).then(
      () => undefined,
      (error: unknown) => logger.error({ err: error, job: def.name, payload }, 'could not queue a job'),
    );

  const bootstrapAdmins = new Set(config.adminSlackIds);
  const people = createPeopleService({
    db,
    directory: createSlackDirectory(slack),
    defaultTimezone: config.defaultTimezone,
    bootstrapAdmins,
    clock,
  });
  const access = createAccessService({ db });
  const goals = createGoalService({
    db,
    clock,
    events: {
      goalCreated: (goal) => enqueueAfterCommit(goalCreatedJob, { goalId: goal.id }),
      goalChangedByOther: ({ eventId }) => enqueueAfterCommit(goalChangedJob, { eventId }),
    },
    access,
  });
  const org = createOrgService({
    db,
    clock,
    access,
    people,
    events: {
      managerProposed: (proposal) => enqueueAfterCommit(managerProposedJob, { proposalId: proposal.id }),
      proposalAnswered: (proposal) => enqueueAfterCommit(proposalAnsweredJob, { proposalId: proposal.id }),
    },
  });
  const roles = createRolesService({ db, clock, access, people, bootstrapAdmins });
  const settings = createSettingsService({ db, clock, access });
  const audit = createAuditService({ db, clock, access });
  const privacy = createPrivacyService({ db, clock, access, people });
  const feedbackQueue: FeedbackQueue = {
    async steps(steps) {
      await Promise.all(steps.map((step) => enqueueAfterCommit(feedbackStepJob, { stepId: step.id }, step.dueAt)));
    },
    note: (noteId) => enqueueAfterCommit(feedbackNoteJob, { noteId }),
  };
  const feedbackRequests = createFeedbackRequestService({ db, clock, access, people, queue: feedbackQueue });
  const feedbackAnswers = createFeedbackAnswerService({ db, clock, access, queue: feedbackQueue });
  const feedbackSteps = createFeedbackStepsService({ db, clock, queue: feedbackQueue });
  const feedbackNotes = createFeedbackNoteService({ db, clock, access, people, queue: feedbackQueue });
  const feedbackFocusAreas = createFeedbackFocusAreasService({ db, clock, access });
  const delivery = createDeliveryService({ db, notifier: createSlackNotifier(slack), clock });
  const staleGoals = createStaleGoalService({
    db,
    clock,
    goals,
    queue: { nudge: (episodeId, at) => enqueueAfterCommit(staleGoalNudgeJob, { episodeId }, at) },
  });
  const checkinQueue = createCheckinQueue({ jobs, clock, logger });
  const checkins = createCheckinService({ db, clock, access, goals });
  const checkinReplies = createCheckinReplyService({ db, clock, checkins });
  const checkinSchedule = createCheckinScheduleService({ db, clock, queue: checkinQueue });
  const checkinReminders = createCheckinReminderService({ db, clock, access, queue: checkinQueue });
  const deliveryProblems = createDeliveryProblemsService({ db, access });
  const { apiKey, baseUrl, model, timeoutMs } = config.openai;
  const ai = createAiService({
    db,
    clock,
    access,
    goals,
    feedbackRequests,
    model: apiKey || baseUrl ? createOpenAiProvider({ apiKey, baseUrl, model, timeoutMs }) : undefined,
  });
  const managerDigest = createManagerDigestService({ db, clock, access, goals, staleGoals, queue: createDigestQueue({ jobs, clock, logger }) });

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
    access,
    org,
    roles,
    settings,
    audit,
    privacy,
    feedbackRequests,
    feedbackAnswers,
    feedbackSteps,
    feedbackNotes,
    feedbackFocusAreas,
    staleGoals,
    checkins,
    checkinReplies,
    checkinSchedule,
    checkinReminders,
    deliveryProblems,
    managerDigest,
    ai,
    dueSources: [checkinNudgesDue(checkinSchedule), managerDigestsDue(managerDigest)],
    readiness: {
      postgres: () => pingDatabase(db),
      redis: async () => void (await redis.ping()),
    },
    async close() {
      await jobs.close();
      await closeRedisConnection(redis);
      await db.destroy();
    },
  };
}
