import type { Migration } from 'kysely';
import * as foundation from './2026_11_23_0001_foundation';
import * as peopleOrg from './2026_11_23_0002_people_org';
import * as goalsOkr from './2026_11_23_0003_goals_okr';
import * as feedback from './2026_11_23_0004_feedback';
import * as staleGoals from './2026_11_23_0006_stale_goals';
import * as checkins from './2026_11_23_0007_checkins';
import * as checkinNotes from './2026_11_23_0008_checkin_notes';
import * as managerDigest from './2026_11_23_0009_manager_digest';
import * as reportedProgress from './2026_11_23_0010_reported_progress';
import * as feedbackAnonymity from './2026_12_07_0001_feedback_anonymity';
import * as deliveryLease from './2026_12_07_0013_delivery_lease';
import * as reviewCycles from './2026_12_07_0020_review_cycles';
import * as ai from './2026_12_07_0030_ai';
import * as competencyScopeGoalTag from './2026_12_08_0101_competency_scope_goal_tag';
import * as reviewNextStepGoals from './2026_12_08_0201_review_next_step_goals';
import * as reviewPeers from './2026_12_08_0202_review_peers';
import * as reviewAiDrafts from './2026_12_08_0301_review_ai_drafts';
import * as reviewTranscripts from './2026_12_08_0302_review_transcripts';
import * as assistant from './2026_12_08_0401_assistant';
import * as integrations from './2026_12_08_0501_integrations';
import * as metricsIndexes from './2026_12_08_0601_metrics_indexes';
import * as reviewPeerFeedbackPhase from './2026_12_08_0701_review_peer_feedback_phase';
import * as jobTitles from './2026_12_08_0702_job_titles';
import * as slackInstallations from './2026_12_08_0703_slack_installations';
import * as gridSettingsScope from './2026_12_08_0801_grid_settings_scope';
import * as gridTeamPolicy from './2026_12_08_0821_grid_team_policy';

/**
 * Every migration, by name. Listed explicitly rather than read from the folder so the same
 * code runs under tsx, the compiled build and Jest (which cannot dynamic-import TypeScript).
 */
export const migrations: Record<string, Migration> = {
  '2026_11_23_0001_foundation': foundation,
  '2026_11_23_0002_people_org': peopleOrg,
  '2026_11_23_0003_goals_okr': goalsOkr,
  '2026_11_23_0004_feedback': feedback,
  '2026_11_23_0006_stale_goals': staleGoals,
  '2026_11_23_0007_checkins': checkins,
  '2026_11_23_0008_checkin_notes': checkinNotes,
  '2026_11_23_0009_manager_digest': managerDigest,
  '2026_11_23_0010_reported_progress': reportedProgress,
  '2026_12_07_0001_feedback_anonymity': feedbackAnonymity,
  '2026_12_07_0013_delivery_lease': deliveryLease,
  '2026_12_07_0020_review_cycles': reviewCycles,
  '2026_12_07_0030_ai': ai,
  '2026_12_08_0101_competency_scope_goal_tag': competencyScopeGoalTag,
  '2026_12_08_0201_review_next_step_goals': reviewNextStepGoals,
  '2026_12_08_0202_review_peers': reviewPeers,
  '2026_12_08_0301_review_ai_drafts': reviewAiDrafts,
  '2026_12_08_0302_review_transcripts': reviewTranscripts,
  '2026_12_08_0401_assistant': assistant,
  '2026_12_08_0501_integrations': integrations,
  '2026_12_08_0601_metrics_indexes': metricsIndexes,
  '2026_12_08_0701_review_peer_feedback_phase': reviewPeerFeedbackPhase,
  '2026_12_08_0702_job_titles': jobTitles,
  '2026_12_08_0703_slack_installations': slackInstallations,
  '2026_12_08_0801_grid_settings_scope': gridSettingsScope,
  '2026_12_08_0821_grid_team_policy': gridTeamPolicy,
};
