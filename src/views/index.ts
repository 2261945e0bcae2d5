import type { Logger } from '../lib/logger';
import type { CheckinService } from '../services/checkin.service';
import type { OrgService } from '../services/org.service';
import type { PrivacyService } from '../services/privacy.service';
import type { RolesService } from '../services/roles.service';
import type { SettingsService } from '../services/settings.service';
import type { StaleGoalService } from '../services/stale-goal.service';
import type { HomeDeps } from '../slack/home';
import { adminsSubmit, erasePersonSubmit, exportPersonSubmit } from './admin/admin.submit';
import { checkinSubmit, type CheckinSubmitDeps } from './checkin/checkin.submit';
import { type FeedbackViewDeps, registerFeedbackViews } from './feedback/feedback.submit';
import { alignGoalSubmit, editGoalSubmit, newGoalSubmit, pickGoalSubmit, updateGoalSubmit } from './goal/goal.submit';
import { extendGoalSubmit } from './goal/extend-goal.submit';
import { addConnectionSubmit, pushGoalSubmit } from './integrations/integrations.submit';
import { CallbackId, CheckinCallbackId, IntegrationCallbackId, ReviewAdminCallbackId, ReviewCallbackId, ReviewConversationIds, ReviewPeerIds, ReviewSignOffIds, ReviewSummaryIds } from './ids';
import { importOrgSubmit, proposeManagerSubmit, setManagerSubmit } from './org/org.submit';
import { personalSettingsSubmit, teamSettingsSubmit, workspaceSettingsSubmit } from './settings/settings.submit';
import { conversationSubmit, peersSubmit, reviewFormSubmit, type ReviewViewDeps, signOffSubmit, summarySubmit } from './review/review.submit';
import { addPeopleSubmit, competencySubmit, extendSubmit, newCycleSubmit, questionSubmit, reopenSubmit, templateSubmit } from './review-admin/review-admin.submit';
import type { ListenerRegistry } from '../slack/listener-router';

export type ViewDeps = HomeDeps &
  FeedbackViewDeps &
  CheckinSubmitDeps &
  ReviewViewDeps & {
  logger: Logger;
  org: OrgService;
  settings: SettingsService;
  roles: RolesService;
  privacy: PrivacyService;
  staleGoals: StaleGoalService;
  checkins: CheckinService;
};

export function registerViews(app: ListenerRegistry, deps: ViewDeps): void {
  app.view(CallbackId.NewGoal, newGoalSubmit(deps));
  app.view(IntegrationCallbackId.Add, addConnectionSubmit(deps));
  app.view(IntegrationCallbackId.PushGoal, pushGoalSubmit(deps));
  app.view(CallbackId.EditGoal, editGoalSubmit(deps));
  app.view(CallbackId.UpdateGoal, updateGoalSubmit(deps));
  app.view(CallbackId.AlignGoal, alignGoalSubmit(deps));
  app.view(CallbackId.PickGoal, pickGoalSubmit(deps));
  app.view(CallbackId.ExtendGoal, extendGoalSubmit(deps));
  app.view(CallbackId.ProposeManager, proposeManagerSubmit(deps));
  app.view(CallbackId.SetManager, setManagerSubmit(deps));
  app.view(CallbackId.ImportOrg, importOrgSubmit(deps));
  app.view(CallbackId.WorkspaceSettings, workspaceSettingsSubmit(deps));
  app.view(CallbackId.TeamSettings, teamSettingsSubmit(deps));
  app.view(CallbackId.PersonalSettings, personalSettingsSubmit(deps));
  app.view(CallbackId.Admins, adminsSubmit(deps));
  app.view(CallbackId.ExportPerson, exportPersonSubmit(deps));
  app.view(CallbackId.ErasePerson, erasePersonSubmit(deps));
  registerFeedbackViews(app, deps);
  app.view(CheckinCallbackId.Form, checkinSubmit(deps));
  app.view(ReviewCallbackId.Form, reviewFormSubmit(deps));
  app.view(ReviewSignOffIds.Callback, signOffSubmit(deps));
  app.view(ReviewAdminCallbackId.Competency, competencySubmit(deps));
  app.view(ReviewAdminCallbackId.Template, templateSubmit(deps));
  app.view(ReviewAdminCallbackId.Question, questionSubmit(deps));
  app.view(ReviewAdminCallbackId.NewCycle, newCycleSubmit(deps));
  app.view(ReviewAdminCallbackId.Extend, extendSubmit(deps));
  app.view(ReviewAdminCallbackId.Reopen, reopenSubmit(deps));
  app.view(ReviewAdminCallbackId.AddPeople, addPeopleSubmit(deps));
  app.view(ReviewConversationIds.Callback, conversationSubmit(deps));
  app.view(ReviewSummaryIds.Callback, summarySubmit(deps));
  app.view(ReviewPeerIds.Callback, peersSubmit(deps));
}
