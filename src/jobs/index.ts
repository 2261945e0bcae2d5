import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { CheckinReminderService } from '../services/checkin-reminder.service';
import type { CheckinScheduleService } from '../services/checkin-schedule.service';
import type { DeliveryService } from '../services/delivery.service';
import type { FeedbackNoteService } from '../services/feedback-note.service';
import type { FeedbackStepsService } from '../services/feedback-steps.service';
import type { GoalService } from '../services/goal.service';
import type { IntegrationService } from '../services/integration.service';
import type { ManagerDigestService } from '../services/manager-digest.service';
import type { OrgService } from '../services/org.service';
import type { PeopleService } from '../services/people.service';
import type { ReviewStepsService } from '../services/review-steps.service';
import type { StaleGoalService } from '../services/stale-goal.service';
import type { InboundTranscriptService } from '../services/inbound-transcript.service';
import type { InstallationService } from '../services/installation.service';
import {
  checkinDispatcher,
  checkinDispatchHandler,
  checkinDispatchJob,
  checkinReconcileHandler,
  checkinReconcileJob,
  checkinReconciler,
  checkinReminderHandler,
  checkinReminderJob,
} from './checkin.job';
import { dailyDirectorySync, directorySyncHandler, directorySyncJob } from './directory-sync.job';
import {
  feedbackNoteHandler,
  feedbackNoteJob,
  feedbackReconcileHandler,
  feedbackReconcileJob,
  feedbackReconciler,
  feedbackStepHandler,
  feedbackStepJob,
} from './feedback.job';
import { goalChangedHandler, goalChangedJob } from './goal-changed.job';
import { dailyInstallationRetention, installationRetentionHandler, installationRetentionJob } from './installation-retention.job';
import { goalCreatedHandler, goalCreatedJob } from './goal-created.job';
import {
  integrationReconcileHandler,
  integrationReconcileJob,
  integrationReconciler,
  integrationSyncHandler,
  integrationSyncJob,
  transcriptFetchHandler,
  transcriptFetchJob,
  transcriptPollHandler,
  transcriptPoller,
  transcriptPollJob,
} from './integration.job';
import type { AnyJobDefinition, AnyJobHandler } from './job-definition';
import {
  managerProposedHandler,
  managerProposedJob,
  proposalAnsweredHandler,
  proposalAnsweredJob,
} from './manager-proposal.job';
import { managerDigestDispatcher, managerDigestDispatchHandler, managerDigestDispatchJob, managerDigestHandler, managerDigestJob } from './manager-digest.job';
import { reviewReconcileHandler, reviewReconcileJob, reviewReconciler, reviewStepHandler, reviewStepJob } from './review.job';
import type { AnyRecurringJob } from './schedulers';
import { staleGoalDetectHandler, staleGoalDetectJob, staleGoalDetector, staleGoalNudgeHandler, staleGoalNudgeJob } from './stale-goal.job';

/** Every job kind Cadence runs; the worker refuses to start unless each has one handler. */
export const jobDefinitions: ReadonlyArray<AnyJobDefinition> = [
  goalCreatedJob,
  goalChangedJob,
  directorySyncJob,
  managerProposedJob,
  proposalAnsweredJob,
  feedbackStepJob,
  feedbackNoteJob,
  feedbackReconcileJob,
  staleGoalDetectJob,
  staleGoalNudgeJob,
  checkinReminderJob,
  checkinDispatchJob,
  checkinReconcileJob,
  managerDigestJob,
  managerDigestDispatchJob,
  reviewStepJob,
  reviewReconcileJob,
  integrationSyncJob,
  integrationReconcileJob,
  transcriptFetchJob,
  transcriptPollJob,
  installationRetentionJob,
];

/** The one list of recurring work; `upsertSchedulers` makes Redis match it on every boot. */
export const recurringJobs: ReadonlyArray<AnyRecurringJob> = [dailyDirectorySync, feedbackReconciler, staleGoalDetector, checkinDispatcher, checkinReconciler, managerDigestDispatcher, reviewReconciler, integrationReconciler, transcriptPoller, dailyInstallationRetention];

export function createJobHandlers(deps: {
  goals: GoalService;
  delivery: DeliveryService;
  people: PeopleService;
  org: OrgService;
  logger: Logger;
  feedbackSteps: FeedbackStepsService;
  feedbackNotes: FeedbackNoteService;
  staleGoals: StaleGoalService;
  clock: Clock;
  checkinSchedule: CheckinScheduleService;
  checkinReminders: CheckinReminderService;
  managerDigest: ManagerDigestService;
  reviewSteps: ReviewStepsService;
  integrations: IntegrationService;
  inboundTranscripts: InboundTranscriptService;
  installations?: InstallationService;
}): AnyJobHandler[] {
  return [
    goalCreatedHandler(deps),
    goalChangedHandler(deps),
    directorySyncHandler(deps),
    managerProposedHandler(deps),
    proposalAnsweredHandler(deps),
    feedbackStepHandler(deps),
    feedbackNoteHandler(deps),
    feedbackReconcileHandler(deps),
    staleGoalDetectHandler(deps),
    staleGoalNudgeHandler(deps),
    checkinReminderHandler(deps),
    checkinDispatchHandler(deps),
    checkinReconcileHandler(deps),
    managerDigestHandler(deps),
    managerDigestDispatchHandler(deps),
    reviewStepHandler(deps),
    reviewReconcileHandler(deps),
    integrationSyncHandler(deps),
    integrationReconcileHandler(deps),
    transcriptFetchHandler(deps),
    transcriptPollHandler(deps),
    installationRetentionHandler(deps),
  ];
}
