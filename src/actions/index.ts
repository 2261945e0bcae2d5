import type { Logger } from '../lib/logger';
import type { HomeDeps } from '../slack/home';
import { buildDeliveryProblemsModal } from '../views/admin/delivery-problems.modal';
import { AuditLogAction, CheckinAction, DeliveryAction, GoalAction, GoalBlock, HomeAction, KEY_RESULT_KIND_BLOCK, ProposalAction, ReviewAction, ReviewSignOffIds, VALUE_ACTION } from '../views/ids';
import { type AiActionDeps, registerAiActions } from './ai.action';
import { type AssistantActionDeps, registerAssistantActions } from './assistant.action';
import { exportAuditLogButton } from './audit-export.action';
import { type CheckinActionDeps, editCheckinButton, openCheckinButton, skipButton, snoozeButton } from './checkin.action';
import { type FeedbackActionDeps, registerFeedbackActions } from './feedback.action';
import { goalButton, type GoalButtonDeps, goalModals } from './goal-buttons.action';
import { addRow, goalFormChange, redraw, removeRow } from './goal-form.action';
import { type IntegrationActionDeps, registerIntegrationActions } from './integration.action';
import { type HomeButtonDeps, homeModals, opensModal, opensTeamSettings } from './home-buttons.action';
import { answerProposalButton } from './manager-proposal.action';
import { newGoalButton } from './new-goal.action';
import { type ManagerDigestActionDeps, registerManagerDigestActions } from './manager-digest.action';
import { registerStaleGoalActions } from './stale-goal.action';
import { registerReviewAdminActions } from './review-admin.action';
import { nextStepGoalButton, openConversationButton, openEvidenceButton, openPeersButton, openReviewButton, openSignOffButton, openSummaryButton, type ReviewActionDeps } from './review.action';
import { registerReviewAiActions, type ReviewAiActionDeps } from './review-ai.action';
import { registerTranscriptActions, type TranscriptActionDeps } from './transcript.action';
import type { ListenerRegistry } from '../slack/listener-router';

export type ActionDeps = HomeDeps & HomeButtonDeps & GoalButtonDeps & FeedbackActionDeps & CheckinActionDeps & ManagerDigestActionDeps & ReviewActionDeps & AiActionDeps & ReviewAiActionDeps & TranscriptActionDeps & AssistantActionDeps & IntegrationActionDeps & { logger: Logger };

export function registerActions(app: ListenerRegistry, deps: ActionDeps): void {
  app.action(HomeAction.NewGoal, newGoalButton(deps));
  for (const [actionId, load] of Object.entries(goalModals(deps))) app.action(actionId, goalButton(load, deps.logger));
  app.action(GoalAction.AddKeyResult, goalFormChange(deps, addRow));
  app.action(GoalAction.RemoveKeyResult, goalFormChange(deps, removeRow));
  app.action({ block_id: KEY_RESULT_KIND_BLOCK, action_id: VALUE_ACTION }, goalFormChange(deps, redraw));
  app.action({ block_id: GoalBlock.TargetDate, action_id: VALUE_ACTION }, goalFormChange(deps, redraw));
  for (const [actionId, load] of Object.entries(homeModals(deps))) app.action(actionId, opensModal(load, deps.logger));
  app.action(HomeAction.TeamSettings, opensTeamSettings(deps, deps.logger));
  app.action(ProposalAction.Confirm, answerProposalButton(true, deps));
  app.action(ProposalAction.Reject, answerProposalButton(false, deps));
  app.action(AuditLogAction.Export, exportAuditLogButton(deps));
  registerFeedbackActions(app, deps);
  registerAiActions(app, deps);
  registerReviewAiActions(app, deps);
  registerTranscriptActions(app, deps);
  registerAssistantActions(app, deps);
  registerIntegrationActions(app, deps);
  registerStaleGoalActions(app, deps);
  registerManagerDigestActions(app, deps);
  app.action(CheckinAction.Open, openCheckinButton(deps));
  app.action(CheckinAction.Snooze, snoozeButton(deps));
  app.action(CheckinAction.Skip, skipButton(deps));
  app.action(CheckinAction.Edit, editCheckinButton(deps));
  app.action(CheckinAction.AddProgress, openCheckinButton(deps));
  app.action(ReviewAction.Open, openReviewButton(deps));
  app.action(ReviewSignOffIds.Open, openSignOffButton(deps));
  registerReviewAdminActions(app, deps);
  app.action(ReviewAction.Schedule, openConversationButton(deps));
  app.action(ReviewAction.Summary, openSummaryButton(deps));
  app.action(ReviewAction.NextStepGoal, nextStepGoalButton(deps));
  app.action(ReviewAction.Evidence, openEvidenceButton(deps));
  app.action(ReviewAction.Peers, openPeersButton(deps));
  app.action(
    DeliveryAction.Problems,
    opensModal(async (actor) => buildDeliveryProblemsModal(await deps.deliveryProblems.recent(actor), actor.timezone), deps.logger),
  );
}
