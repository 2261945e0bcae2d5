import type { App, BlockAction } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { CadenceContext } from '../slack/context';
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

export type ActionDeps = HomeDeps & HomeButtonDeps & GoalButtonDeps & FeedbackActionDeps & CheckinActionDeps & ManagerDigestActionDeps & ReviewActionDeps & AiActionDeps & ReviewAiActionDeps & TranscriptActionDeps & AssistantActionDeps & IntegrationActionDeps & { logger: Logger };

export function registerActions(app: App<CadenceContext>, deps: ActionDeps): void {
  app.action<BlockAction>(HomeAction.NewGoal, newGoalButton(deps));
  for (const [actionId, load] of Object.entries(goalModals(deps))) app.action<BlockAction>(actionId, goalButton(load, deps.logger));
  app.action<BlockAction>(GoalAction.AddKeyResult, goalFormChange(deps, addRow));
  app.action<BlockAction>(GoalAction.RemoveKeyResult, goalFormChange(deps, removeRow));
  app.action<BlockAction>({ block_id: KEY_RESULT_KIND_BLOCK, action_id: VALUE_ACTION }, goalFormChange(deps, redraw));
  app.action<BlockAction>({ block_id: GoalBlock.TargetDate, action_id: VALUE_ACTION }, goalFormChange(deps, redraw));
  for (const [actionId, load] of Object.entries(homeModals(deps))) app.action<BlockAction>(actionId, opensModal(load, deps.logger));
  app.action<BlockAction>(HomeAction.TeamSettings, opensTeamSettings(deps, deps.logger));
  app.action<BlockAction>(ProposalAction.Confirm, answerProposalButton(true, deps));
  app.action<BlockAction>(ProposalAction.Reject, answerProposalButton(false, deps));
  app.action<BlockAction>(AuditLogAction.Export, exportAuditLogButton(deps));
  registerFeedbackActions(app, deps);
  registerAiActions(app, deps);
  registerReviewAiActions(app, deps);
  registerTranscriptActions(app, deps);
  registerAssistantActions(app, deps);
  registerIntegrationActions(app, deps);
  registerStaleGoalActions(app, deps);
  registerManagerDigestActions(app, deps);
  app.action<BlockAction>(CheckinAction.Open, openCheckinButton(deps));
  app.action<BlockAction>(CheckinAction.Snooze, snoozeButton(deps));
  app.action<BlockAction>(CheckinAction.Skip, skipButton(deps));
  app.action<BlockAction>(CheckinAction.Edit, editCheckinButton(deps));
  app.action<BlockAction>(CheckinAction.AddProgress, openCheckinButton(deps));
  app.action<BlockAction>(ReviewAction.Open, openReviewButton(deps));
  app.action<BlockAction>(ReviewSignOffIds.Open, openSignOffButton(deps));
  registerReviewAdminActions(app, deps);
  app.action<BlockAction>(ReviewAction.Schedule, openConversationButton(deps));
  app.action<BlockAction>(ReviewAction.Summary, openSummaryButton(deps));
  app.action<BlockAction>(ReviewAction.NextStepGoal, nextStepGoalButton(deps));
  app.action<BlockAction>(ReviewAction.Evidence, openEvidenceButton(deps));
  app.action<BlockAction>(ReviewAction.Peers, openPeersButton(deps));
  app.action<BlockAction>(
    DeliveryAction.Problems,
    opensModal(async (actor) => buildDeliveryProblemsModal(await deps.deliveryProblems.recent(actor), actor.timezone), deps.logger),
  );
}
