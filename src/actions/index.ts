import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { CadenceContext } from '../slack/context';
import type { HomeDeps } from '../slack/home';
import { AuditLogAction, HomeAction, ProposalAction } from '../views/ids';
import { exportAuditLogButton } from './audit-export.action';
import { type HomeButtonDeps, homeModals, opensModal } from './home-buttons.action';
import { answerProposalButton } from './manager-proposal.action';
import { newGoalButton } from './new-goal.action';

export type ActionDeps = HomeDeps & HomeButtonDeps & { logger: Logger };

export function registerActions(app: App<CadenceContext>, deps: ActionDeps): void {
  app.action<BlockAction>(HomeAction.NewGoal, newGoalButton());
  for (const [actionId, load] of Object.entries(homeModals(deps))) app.action<BlockAction>(actionId, opensModal(load));
  app.action<BlockAction<ButtonAction>>(ProposalAction.Confirm, answerProposalButton(true, deps));
  app.action<BlockAction<ButtonAction>>(ProposalAction.Reject, answerProposalButton(false, deps));
  app.action<BlockAction>(AuditLogAction.Export, exportAuditLogButton(deps));
}
