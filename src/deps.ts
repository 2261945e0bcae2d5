import type { DateTime } from 'luxon';
import { createOpenAiProvider } from './ai/openai.provider';
import { createOpenAiAssistantModel } from './assistant/model';
import { DEFAULT_INTEGRATIONS, type ResolvedConfig } from './config';
import { createDb, pingDatabase, type Db } from './db/client';
import { registerScrapedMetrics } from './http/metrics';
import { createEnqueueAfterCommit, createRequeue } from './jobs/after-commit';
import { createMetrics, type Metrics } from './lib/metrics';
import { checkinNudgesDue, checkinReminderJob } from './jobs/checkin.job';
import { feedbackNoteJob, feedbackStepJob } from './jobs/feedback.job';
import { goalChangedJob } from './jobs/goal-changed.job';
import { goalCreatedJob } from './jobs/goal-created.job';
import { integrationSyncJob, transcriptFetchJob } from './jobs/integration.job';
import { createIntegrationTools } from './integrations/tools';
import { createSecretBox } from './lib/secret-box';
import { createIntegrationService, type IntegrationService } from './services/integration.service';
import { createInboundTranscriptService, type InboundTranscriptService } from './services/inbound-transcript.service';
import { staleGoalNudgeJob } from './jobs/stale-goal.job';
import { reviewStepJob } from './jobs/review.job';
import { managerProposedJob, proposalAnsweredJob } from './jobs/manager-proposal.job';
import type { JobDefinition } from './jobs/job-definition';
import { closeRedisConnection, createRedisConnection } from './jobs/connection';
import { JobQueue } from './jobs/job-queue';
import { createQueueBackend, type QueueBackend, type QueueBackendConfig } from './jobs/queue-backend';
import { createLocalRateLimiter, createRedisRateLimiter } from './jobs/rate-limiter';
import { managerDigestJob, managerDigestsDue } from './jobs/manager-digest.job';
import type { DueSource } from './jobs/time-machine';
import { type Clock, systemClock } from './lib/clock';
import type { Logger } from './lib/logger';
import { createOutageLog, type OutageLog } from './lib/outage';
import { type AccessService, createAccessService } from './services/access.service';
import { type AiService, createAiService } from './services/ai.service';
import { createReviewDraftService, type ReviewDraftService } from './services/review-drafts.service';
import { createTranscriptService, type TranscriptService } from './services/transcript.service';
import { type AssistantService, createAssistantService } from './services/assistant.service';
import { type AuditService, createAuditService } from './services/audit.service';
import { type CheckinReminderService, createCheckinReminderService } from './services/checkin-reminder.service';
import { type CheckinScheduleService, createCheckinScheduleService } from './services/checkin-schedule.service';
import type { CheckinQueue } from './services/checkin-queue';
import type { ScheduledReminder } from './domain/checkin-reminder';
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
import { createManagerDigestService, type DigestQueue, type ManagerDigestService } from './services/manager-digest.service';
import { createOrgService, type OrgService } from './services/org.service';
import { createPeopleService, type PeopleService } from './services/people.service';
import { createPrivacyService, type PrivacyService } from './services/privacy.service';
import { createReviewAdminService, type ReviewAdminService } from './services/review-admin.service';
import type { ReviewQueue } from './services/review-records';
import { createReviewService, type ReviewService } from './services/review.service';
import { createReviewStepsService, type ReviewStepsService } from './services/review-steps.service';
import { createReviewEvidenceService, type ReviewEvidenceService } from './services/review-evidence';
import { createReviewPeersService, type ReviewPeersService } from './services/review-peers.service';
import { createRolesService, type RolesService } from './services/roles.service';
import { createSettingsService, type SettingsService } from './services/settings.service';
import { createStaleGoalService, type StaleGoalService } from './services/stale-goal.service';
import { createInstallationService, type InstallationService } from './services/installation.service';
import { installedClients, type SlackClients, singleTokenClients } from './slack/clients';
import { createSlackDirectory } from './slack/directory';
import { createSlackNotifier } from './slack/notifier';
import { createJobWebClient } from './slack/web-client';
import { resultLines } from './views/assistant/assistant.format';

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
  reviewAdmin: ReviewAdminService;
  reviews: ReviewService;
  reviewSteps: ReviewStepsService;
  reviewEvidence: ReviewEvidenceService;
  reviewPeers: ReviewPeersService;
  ai: AiService;
  reviewDrafts: ReviewDraftService;
  transcripts: TranscriptService;
  assistant: AssistantService;
  integrations: IntegrationService;
  inboundTranscripts: InboundTranscriptService;
}

export interface Deps extends Services {
  config: ResolvedConfig;
  logger: Logger;
  clock: Clock;
  db: Db;
  /** Where the queues live (Redis or PostgreSQL); workers take their connections from it. */
  queueBackend: QueueBackend;
  jobs: JobQueue;
  /** Work waiting in Postgres rather than in Redis, for the sandbox's clock control. */
  dueSources: DueSource[];
  /** Says once when Postgres or the queue backend goes away, and once when it is back. */
  outages: OutageLog;
  /** Postgres and the queue backend answer: what /readyz reports. */
  readiness: Record<string, () => Promise<void>>;
  /** Served at /metrics by the web role. */
  metrics: Metrics;
  /** The Web API client of each workspace, for jobs. */
  slackClients: SlackClients;
  /** OAuth mode only: the workspaces that installed Cadence. */
  installations?: InstallationService;
  close(): Promise<void>;
}

/** Plain wiring of everything both roles share. Opens pools lazily; nothing is sent yet. */
export function createDeps(config: ResolvedConfig, logger: Logger, clock: Clock = systemClock): Deps {
  const db: Db = createDb(config.databaseUrl, {
    onConnectionError: (error) => outages.down('postgres', error),
  });
  const outages = createOutageLog(logger, { probes: { postgres: () => pingDatabase(db) } });
  const queueConfig = queueBackendConfig(config);
  const queueBackend = createQueueBackend(queueConfig, outages);
  const jobs = new JobQueue({ backend: queueBackend, logger, outages });
  // Pacing is shared through Redis by every worker; the PostgreSQL backend paces each process alone.
  // A worker-kind connection: a job waiting for its Slack slot waits out a Redis reconnect too.
  const pacingRedis = queueConfig.kind === 'redis' ? createRedisConnection(queueConfig.url, 'worker', outages) : undefined;
  const metrics = createMetrics();
  const pacer = {
    metrics,
    limiter: queueConfig.kind === 'redis' && pacingRedis ? createRedisRateLimiter(pacingRedis, queueConfig.prefix) : createLocalRateLimiter(),
    pacing: config.slack.pacing,
  };
  const { oauth } = config.slack;
  const installations = oauth
    ? createInstallationService({
        db,
        clock,
        logger,
        keys: { current: createSecretBox(oauth.installationsKey), previous: oauth.previousInstallationsKey && createSecretBox(oauth.previousInstallationsKey) },
        retentionDays: oauth.retentionDays,
        defaultTimezone: config.defaultTimezone,
      })
    : undefined;
  const slackClients = installations
    ? installedClients({ installations, build: (token, teamId) => createJobWebClient(token, config.slack.apiUrl, logger, pacer, teamId) })
    : singleTokenClients(createJobWebClient(config.slack.botToken ?? '', config.slack.apiUrl, logger, pacer));
  const enqueue = createEnqueueAfterCommit({ jobs, clock, logger, outages });
  const requeue = createRequeue({ jobs, clock });
  const enqueueOne = <P>(def: JobDefinition<P>, payload: P, at?: DateTime) => enqueue(def, [{ payload, at }]);

  const bootstrapAdmins = new Set(config.adminSlackIds);
  const people = createPeopleService({
    db,
    directory: createSlackDirectory(slackClients),
    defaultTimezone: config.defaultTimezone,
    bootstrapAdmins,
    clock,
  });
  const access = createAccessService({ db });
  // The goal service tells the integrations about goals; they read goals back through it.
  const late: { integrations?: IntegrationService } = {};
  const goals = createGoalService({
    db,
    clock,
    events: {
      async goalCreated(goal) {
        await enqueueOne(goalCreatedJob, { goalId: goal.id });
        await late.integrations?.goalCreated(goal);
      },
      goalChangedByOther: ({ eventId }) => enqueueOne(goalChangedJob, { eventId }),
      goalsChanged: async (goalIds) => late.integrations?.goalsChanged(goalIds),
    },
    access,
  });
  // Feedback and review steps: one delayed job per step row, at its due time.
  const stepJobs = (steps: ReadonlyArray<{ id: string; dueAt: DateTime }>) => steps.map((step) => ({ payload: { stepId: step.id }, at: step.dueAt }));
  const reviewQueue: ReviewQueue = {
    steps: (steps) => enqueue(reviewStepJob, stepJobs(steps)),
    requeue: (steps) => requeue(reviewStepJob, stepJobs(steps)),
  };
  const reviewSteps = createReviewStepsService({ db, clock, queue: reviewQueue, access });
  const integrationsConfig = config.integrations ?? DEFAULT_INTEGRATIONS;
  const tools = createIntegrationTools(integrationsConfig, clock);
  const secrets = integrationsConfig.key ? createSecretBox(integrationsConfig.key) : undefined;
  const integrationService = createIntegrationService({
    db,
    clock,
    access,
    goals,
    tools,
    secrets,
    queue: { sync: (items) => enqueue(integrationSyncJob, items.map((payload) => ({ payload }))) },
    workspaces: slackClients,
  });
  late.integrations = integrationService;
  const org = createOrgService({
    db,
    clock,
    access,
    people,
    events: {
      managerProposed: (proposal) => enqueueOne(managerProposedJob, { proposalId: proposal.id }),
      proposalAnswered: (proposal) => enqueueOne(proposalAnsweredJob, { proposalId: proposal.id }),
      managersChanged: async (_workspaceId, personIds) => void (await reviewSteps.managersChanged(personIds)),
    },
  });
  const roles = createRolesService({ db, clock, access, people, bootstrapAdmins });
  const settings = createSettingsService({ db, clock, access });
  const audit = createAuditService({ db, clock, access });
  const privacy = createPrivacyService({ db, clock, access, people });
  const feedbackQueue: FeedbackQueue = {
    steps: (steps) => enqueue(feedbackStepJob, stepJobs(steps)),
    note: (noteId) => enqueueOne(feedbackNoteJob, { noteId }),
    async requeue({ steps, notes }) {
      await requeue(feedbackStepJob, stepJobs(steps));
      await requeue(feedbackNoteJob, notes.map((noteId) => ({ payload: { noteId } })));
    },
  };
  const feedbackRequests = createFeedbackRequestService({ db, clock, access, people, queue: feedbackQueue });
  const feedbackAnswers = createFeedbackAnswerService({ db, clock, access, queue: feedbackQueue });
  const feedbackSteps = createFeedbackStepsService({ db, clock, queue: feedbackQueue });
  const feedbackNotes = createFeedbackNoteService({ db, clock, access, people, queue: feedbackQueue });
  const feedbackFocusAreas = createFeedbackFocusAreasService({ db, clock, access });
  const delivery = createDeliveryService({ db, notifier: createSlackNotifier(slackClients), clock, workspaces: slackClients });
  const staleGoals = createStaleGoalService({
    db,
    clock,
    goals,
    queue: { nudge: (episodeId, at) => enqueueOne(staleGoalNudgeJob, { episodeId }, at) },
  });
  // One delayed job per reminder or digest, under its own id, so the reconcilers may hand them all over again.
  const reminderJobs = (list: readonly ScheduledReminder[]) =>
    list.map(({ personId, period, kind, seq, dueAt }) => ({ payload: { personId, period, kind, seq }, at: dueAt }));
  // Check-in reminders are built from typed rows (10,000 in one dispatcher tick at a busy minute): the worker validates them.
  const enqueueBuilt = createEnqueueAfterCommit({ jobs, clock, logger, outages, payloads: 'built' });
  const checkinQueue: CheckinQueue = {
    reminders: (list) => enqueueBuilt(checkinReminderJob, reminderJobs(list)),
    requeue: (list) => requeue(checkinReminderJob, reminderJobs(list)),
  };
  const digestQueue: DigestQueue = {
    digests: (list) => enqueue(managerDigestJob, list.map(({ personId, period, dueAt }) => ({ payload: { managerId: personId, period }, at: dueAt }))),
  };
  const checkins = createCheckinService({ db, clock, access, goals });
  const checkinReplies = createCheckinReplyService({ db, clock, checkins });
  const checkinSchedule = createCheckinScheduleService({ db, clock, queue: checkinQueue });
  const checkinReminders = createCheckinReminderService({ db, clock, access, queue: checkinQueue });
  const deliveryProblems = createDeliveryProblemsService({ db, access });
  const managerDigest = createManagerDigestService({ db, clock, access, goals, staleGoals, queue: digestQueue });
  const reviewAdmin = createReviewAdminService({ db, clock, access, queue: reviewQueue, peerRequests: feedbackRequests });
  const reviews = createReviewService({ db, clock, access, queue: reviewQueue, goals });
  const reviewEvidence = createReviewEvidenceService({ db, clock, access, goals, feedbackRequests, feedbackNotes });
  const reviewPeers = createReviewPeersService({ db, clock, access, people, feedbackRequests, queue: reviewQueue });
  const { apiKey, baseUrl, model, timeoutMs } = config.openai;
  const ai = createAiService({
    db,
    clock,
    access,
    goals,
    feedbackRequests,
    model: apiKey || baseUrl ? createOpenAiProvider({ apiKey, baseUrl, model, timeoutMs }) : undefined,
    prices: config.aiPrices,
  });
  const reviewDrafts = createReviewDraftService({ db, clock, access, ai, reviews });
  const transcripts = createTranscriptService({ db, clock, access, ai });
  const inboundTranscripts = createInboundTranscriptService({
    db,
    clock,
    access,
    tools,
    secrets,
    summaries: transcripts,
    logger,
    queue: { fetch: (connectionId, meetingId) => enqueueOne(transcriptFetchJob, { connectionId, meetingId }) },
    workspaces: slackClients,
  });
  const assistant = createAssistantService({
    db,
    clock,
    goals,
    checkins,
    reviews,
    feedbackRequests,
    people,
    ai,
    model: apiKey || baseUrl ? createOpenAiAssistantModel({ apiKey, baseUrl, model, timeoutMs }) : undefined,
    describe: (result) => resultLines(result).join('\n'),
  });

  const readiness = {
    postgres: () => pingDatabase(db),
    // Named after what would be down: Redis, or the queue tables on PostgreSQL.
    [queueBackend.kind === 'redis' ? 'redis' : 'queues']: () => queueBackend.ping(),
  };
  registerScrapedMetrics(metrics, { db, jobs, readiness });
  return {
    config,
    logger,
    clock,
    db,
    queueBackend,
    jobs,
    outages,
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
    reviewAdmin,
    reviews,
    reviewSteps,
    reviewEvidence,
    reviewPeers,
    ai,
    reviewDrafts,
    transcripts,
    assistant,
    integrations: integrationService,
    inboundTranscripts,
    dueSources: [checkinNudgesDue(checkinSchedule), managerDigestsDue(managerDigest)],
    readiness,
    metrics,
    slackClients,
    ...(installations ? { installations } : {}),
    async close() {
      outages.close();
      await jobs.close();
      await queueBackend.close();
      if (pacingRedis) await closeRedisConnection(pacingRedis);
      await db.destroy();
    },
  };
}

/** The queues on Redis under QUEUE_PREFIX, or on PostgreSQL in the schema QUEUE_PREFIX names. */
export function queueBackendConfig(config: ResolvedConfig): QueueBackendConfig {
  if (config.queueBackend === 'postgres') return { kind: 'postgres', url: config.databaseUrl, schema: config.queuePrefix };
  if (config.redisUrl === undefined) throw new Error('the Redis queue backend needs a Redis URL');
  return { kind: 'redis', url: config.redisUrl, prefix: config.queuePrefix };
}
