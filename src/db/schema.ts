import type { IntegrationKind } from '../domain/integration';
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;
/** `date` columns come back as 'YYYY-MM-DD' strings (see the type parser in client.ts). */
type DateOnly = string;

/** 'HH:mm', 24-hour, in whichever zone the column's owner lives. */
type LocalTime = string;

export interface WorkspaceTable {
  id: string;
  name: string | null;
  default_timezone: string;
  created_at: CreatedAt;
  checkin_weekday: Generated<number>;
  checkin_time: Generated<LocalTime>;
  checkin_every_weeks: Generated<number>;
  /** ISO weekdays, 1 = Monday. */
  working_days: Generated<number[]>;
  work_start: Generated<LocalTime>;
  work_end: Generated<LocalTime>;
  quiet_start: Generated<LocalTime>;
  quiet_end: Generated<LocalTime>;
  anonymity_threshold: Generated<number>;
  skip_level_visibility: Generated<boolean>;
  feedback_focus_areas: Generated<string[]>;
  ai_mode: Generated<string>;
  assistant_daily_tool_calls: Generated<number>;
  assistant_daily_tokens: Generated<number>;
  /** An org-wide install's choice: one set of settings, or check-in and working time per Slack workspace (team_settings). */
  settings_scope: Generated<SettingsScope>;
}

export type SettingsScope = 'organization' | 'team';

/** A Slack workspace of an organization installed org-wide, as the directory sync last saw it. */
export interface SlackTeamTable {
  workspace_id: string;
  team_id: string;
  name: string;
}

/** One Slack workspace's own check-in cadence and working time, used when the org's scope is 'team'. */
export interface TeamSettingsTable {
  workspace_id: string;
  team_id: string;
  checkin_weekday: number;
  checkin_time: LocalTime;
  checkin_every_weeks: number;
  working_days: number[];
  work_start: LocalTime;
  work_end: LocalTime;
  quiet_start: LocalTime;
  quiet_end: LocalTime;
  /** Null: the organization's. */
  anonymity_threshold: number | null;
  /** Null: the organization's. */
  skip_level_visibility: boolean | null;
}

export interface PersonTable {
  id: Generated<string>;
  workspace_id: string;
  slack_user_id: string;
  name: string;
  real_name: string | null;
  email: string | null;
  timezone: string;
  is_bot: Generated<boolean>;
  deactivated: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  is_admin: Generated<boolean>;
  erased_at: Date | null;
  checkin_weekday: number | null;
  checkin_time: LocalTime | null;
  checkin_every_weeks: number | null;
  paused_until: DateOnly | null;
  muted_nudges: Generated<string[]>;
  ai_opt_out: Generated<boolean>;
  /** The job title of their Slack profile; null when it gives none. */
  title: ColumnType<string | null, string | null | undefined, string | null>;
  /** Their Slack workspace within an org-wide install (settings per workspace follow it); null otherwise. */
  home_team_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type GoalCategory = 'performance' | 'development' | 'stretch';
export type GoalStatus = 'not_started' | 'on_track' | 'at_risk' | 'off_track' | 'completed' | 'deferred' | 'archived';
export type GoalVisibility = 'public' | 'private';
export type GoalLevel = 'company' | 'team' | 'individual';
export type KeyResultKind = 'number' | 'percent' | 'currency' | 'yes_no';
export type GoalEventKind = 'created' | 'edited' | 'progress' | 'aligned';
/** `numeric` columns: read back as numbers (see client.ts), written as numbers. */
type Numeric = ColumnType<number, number | undefined, number>;

export interface GoalTable {
  id: Generated<string>;
  workspace_id: string;
  owner_id: string;
  title: string;
  description: string | null;
  category: GoalCategory;
  target_date: DateOnly | null;
  status: ColumnType<GoalStatus, GoalStatus | undefined, GoalStatus>;
  visibility: ColumnType<GoalVisibility, GoalVisibility | undefined, GoalVisibility>;
  /** Written from the app's clock, so "time elapsed" agrees with the clock deadlines are read by. */
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
  level: ColumnType<GoalLevel, GoalLevel | undefined, GoalLevel>;
  parent_id: string | null;
  weight: Numeric;
  progress: ColumnType<number, number | undefined, number>;
  /** The owner's own percent, for a goal with no key results and no aligned goals. */
  reported_progress: ColumnType<number | null, number | null | undefined, number | null>;
  /** A development goal's competency. */
  competency_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface KeyResultTable {
  id: Generated<string>;
  goal_id: string;
  position: number;
  title: string;
  kind: KeyResultKind;
  start_value: number;
  target_value: number;
  current_value: number;
  unit: string | null;
  weight: Numeric;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface GoalEventTable {
  id: Generated<number>;
  goal_id: string;
  workspace_id: string;
  actor_id: string | null;
  kind: GoalEventKind;
  /** A JSON array of changes (domain/goal-history.ts), read back unparsed and checked there. */
  changes: ColumnType<unknown, string, never>;
  note: string | null;
  created_at: Generated<Date>;
}

/**
 * sending: claimed, Slack is being asked (until lease_until); sent; retry: Slack certainly did not
 * post it; unknown: Slack's answer was lost, so the DM history decides before any retry; failed.
 */
export type DeliveryStatus = 'sending' | 'sent' | 'retry' | 'unknown' | 'failed';

export interface DeliveryTable {
  id: Generated<string>;
  workspace_id: string;
  dedupe_key: string;
  person_id: string;
  kind: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  last_error: string | null;
  slack_channel: string | null;
  slack_ts: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
  lease_until: Date | null;
  unknown_outcomes: Generated<number>;
}

export type ManagerLinkSource = 'admin' | 'import' | 'proposal';

export interface ManagerLinkTable {
  id: Generated<string>;
  workspace_id: string;
  person_id: string;
  manager_id: string;
  source: ManagerLinkSource;
  set_by: string | null;
  valid_from: Generated<Date>;
  valid_to: Date | null;
}

export type ManagerProposalStatus = 'pending' | 'confirmed' | 'rejected' | 'withdrawn';

export interface ManagerProposalTable {
  id: Generated<string>;
  workspace_id: string;
  person_id: string;
  manager_id: string;
  status: Generated<ManagerProposalStatus>;
  created_at: CreatedAt;
  decided_at: Date | null;
}

/** Signatures of Slack requests acted on, kept past Slack's five-minute window to drop replays. */
export interface SlackRequestSeenTable {
  signature: string;
  seen_at: Generated<Date>;
}

export interface AuditEventTable {
  id: Generated<number>;
  workspace_id: string;
  actor_id: string | null;
  action: string;
  subject_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
  created_at: Generated<Date>;
}

export type FeedbackRequestStatus = 'open' | 'released' | 'closed';
export type FeedbackInvitationStatus = 'pending' | 'answered' | 'declined';
export type FeedbackStepKind =
  | 'invite'
  | 'follow_up'
  | 'last_reminder'
  | 'requester_status'
  | 'self_prompt'
  | 'decline_notice'
  | 'close'
  | 'released_notice'
  | 'closed_notice';
export type FeedbackStepState = 'scheduled' | 'done' | 'skipped' | 'cancelled';
/** `smallint[]` per focus area; null is "N/A". */
type Ratings = Array<number | null>;

export interface FeedbackRequestTable {
  id: Generated<string>;
  workspace_id: string;
  subject_id: string;
  requester_id: string;
  focus_areas: string[];
  custom_question: string | null;
  note: string | null;
  due_on: DateOnly;
  due_at: Date;
  status: ColumnType<FeedbackRequestStatus, FeedbackRequestStatus | undefined, FeedbackRequestStatus>;
  created_at: Date;
  settled_at: Date | null;
  /** Fixed when the request is made: the threshold its peers were promised. */
  anonymity_threshold: number;
}

/** Who may read a request's summary, fixed when it is made. */
export interface FeedbackReaderTable {
  request_id: string;
  person_id: string;
}

export interface FeedbackInvitationTable {
  id: Generated<string>;
  request_id: string;
  peer_id: string;
  status: ColumnType<FeedbackInvitationStatus, FeedbackInvitationStatus | undefined, FeedbackInvitationStatus>;
  decline_reason: string | null;
  invited_at: Date;
}

/** No person, no time: an answer cannot be joined to its author (see the feedback migration). */
export interface FeedbackAnswerTable {
  id: Generated<string>;
  request_id: string;
  /** Null for answers that can no longer be changed. */
  edit_key_hash: string | null;
  ratings: Ratings;
  comments: Array<string | null>;
  custom_answer: string | null;
  strengths: string | null;
  suggestions: string | null;
}

export interface FeedbackSelfRatingTable {
  request_id: string;
  ratings: Ratings;
}

export interface FeedbackStepTable {
  id: Generated<string>;
  request_id: string;
  invitation_id: string | null;
  recipient_id: string | null;
  kind: FeedbackStepKind;
  due_at: Date;
  state: ColumnType<FeedbackStepState, FeedbackStepState | undefined, FeedbackStepState>;
  settled_at: Date | null;
}

export interface FeedbackNoteTable {
  id: Generated<string>;
  workspace_id: string;
  author_id: string;
  recipient_id: string;
  body: string;
  shared_with_id: string | null;
  created_at: Date;
  notified_at: Date | null;
}

/** A goal's current staleness episode (db/migrations/2026_11_23_0006_stale_goals.ts). */
export interface GoalStalenessTable {
  id: Generated<string>;
  goal_id: string;
  workspace_id: string;
  started_at: Date;
  nudged_at: Date | null;
}

export type CheckinPeriodStatus = 'pending' | 'checked_in' | 'skipped';
export type CheckinReminderKind = 'nudge' | 'follow_up';
export type CheckinReminderState = 'scheduled' | 'sent' | 'skipped' | 'failed';

export interface CheckinScheduleTable {
  person_id: string;
  workspace_id: string;
  next_due_at: Date | null;
  next_period: DateOnly | null;
  last_period: DateOnly | null;
  timezone: string;
  active: boolean;
  stale: Generated<boolean>;
  updated_at: Date;
}

export interface CheckinPeriodTable {
  id: Generated<string>;
  workspace_id: string;
  person_id: string;
  /** The local day of the period's nudge slot. */
  period: DateOnly;
  status: ColumnType<CheckinPeriodStatus, CheckinPeriodStatus | undefined, CheckinPeriodStatus>;
  created_at: ColumnType<Date, Date, never>;
  settled_at: Date | null;
  /** Replies in the nudge's DM thread, joined in order. */
  note: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Slack events already acted on, by event_id: retries are dropped. */
export interface SlackEventTable {
  event_id: string;
  workspace_id: string;
  received_at: Date;
}

export interface CheckinReminderTable {
  id: Generated<string>;
  period_id: string;
  kind: CheckinReminderKind;
  seq: Generated<number>;
  due_at: Date;
  state: ColumnType<CheckinReminderState, CheckinReminderState | undefined, CheckinReminderState>;
  outcome: string | null;
  created_at: ColumnType<Date, Date, never>;
  settled_at: Date | null;
}

export interface CheckinTable {
  id: Generated<string>;
  period_id: string;
  wins: string | null;
  blockers: string | null;
  confidence: number;
  mood: number | null;
  mood_shared: Generated<boolean>;
  created_at: ColumnType<Date, Date, never>;
  updated_at: Date;
}

export interface ManagerDigestScheduleTable {
  person_id: string;
  workspace_id: string;
  next_due_at: Date | null;
  next_period: DateOnly | null;
  last_period: DateOnly | null;
  updated_at: Date;
}

export type ManagerDigestState = 'scheduled' | 'sent' | 'skipped';

export interface ManagerDigestTable {
  id: Generated<string>;
  workspace_id: string;
  person_id: string;
  /** The workspace check-in day, in the manager's zone, the digest looks back on. */
  period: DateOnly;
  due_at: Date;
  state: ColumnType<ManagerDigestState, ManagerDigestState | undefined, ManagerDigestState>;
  created_at: ColumnType<Date, Date, never>;
  settled_at: Date | null;
}

export interface ReviewCompetencyTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  description: Generated<string>;
  levels: string[];
  created_at: Date;
  /** Scoped to everyone under this manager; null: the whole workspace. */
  team_manager_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Scoped to people with this job title (any case); null: any title. */
  role: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ReviewTemplateTable {
  id: Generated<string>;
  workspace_id: string;
  created_at: Date;
}

/** `questions`: the domain's ReviewQuestion[] as JSON (jsonb). */
type Json = ColumnType<unknown, string, string>;

export interface ReviewTemplateVersionTable {
  id: Generated<string>;
  template_id: string;
  version: number;
  name: string;
  questions: Json;
  created_at: Date;
}

export interface ReviewCycleTable {
  id: Generated<string>;
  workspace_id: string;
  name: string;
  template_version_id: string;
  status: ColumnType<'draft' | 'active' | 'closed', 'draft' | 'active' | 'closed' | undefined, 'draft' | 'active' | 'closed'>;
  created_by: string | null;
  created_at: Date;
  launched_at: Date | null;
  closed_at: Date | null;
}

export interface ReviewPhaseTable {
  cycle_id: string;
  phase: string;
  due_on: DateOnly;
}

export interface ReviewParticipantTable {
  id: Generated<string>;
  cycle_id: string;
  person_id: string;
  added_at: Date;
  reopened_at: Date | null;
  conversation_at: Date | null;
  summary: Json | null;
  shared_at: Date | null;
  shared_by: string | null;
}

export interface ReviewResponseTable {
  id: Generated<string>;
  participant_id: string;
  role: 'self' | 'manager';
  author_id: string;
  answers: Json;
  updated_at: Date;
  submitted_at: Date | null;
}

export interface ReviewSignOffTable {
  participant_id: string;
  side: 'employee' | 'manager';
  person_id: string;
  comment: string | null;
  signed_at: Date | null;
  updated_at: Date;
}

export interface ReviewPeerNominationTable {
  participant_id: string;
  peer_ids: string[];
  nominated_by: string | null;
  nominated_at: Date;
  approved_by: string | null;
  approved_at: Date | null;
  request_id: string | null;
}

export interface ReviewNextStepGoalTable {
  participant_id: string;
  step_index: number;
  goal_id: string | null;
  created_at: Date;
}

export interface ReviewStepTable {
  id: Generated<string>;
  participant_id: string;
  item: string;
  kind: string;
  due_at: Date;
  nudge_day: DateOnly | null;
  state: ColumnType<FeedbackStepState, FeedbackStepState | undefined, FeedbackStepState>;
  settled_at: Date | null;
}

/** One AI draft or check: never its content. */
export interface AiCallTable {
  id: Generated<number>;
  workspace_id: string;
  actor_id: string | null;
  kind: string;
  provider: string;
  model: string | null;
  outcome: string;
  prompt_tokens: Generated<number>;
  completion_tokens: Generated<number>;
  latency_ms: number;
  created_at: Date;
}

export interface ReviewAiDraftTable {
  participant_id: string;
  role: 'self' | 'manager';
  author_id: string;
  question_id: string;
  text: string;
  created_at: Date;
}

export interface ReviewTranscriptTable {
  participant_id: string;
  uploaded_by: string | null;
  raw: string | null;
  passages: Json;
  summary: Json;
  source: 'model' | 'offline';
  fallback: string | null;
  keep_manager: Generated<boolean>;
  keep_employee: Generated<boolean>;
  accepted_at: Date | null;
  raw_deleted_at: Date | null;
  created_at: Date;
}

/** One message in a DM thread with the assistant: its memory, and what each answer cost. */
export interface AssistantMessageTable {
  id: Generated<number>;
  workspace_id: string;
  person_id: string;
  channel: string;
  thread_ts: string;
  event_id: string | null;
  role: 'user' | 'assistant';
  content: string;
  tool_calls: Generated<number>;
  tokens: Generated<number>;
  created_at: Date;
}

export type AssistantProposalStatus = 'pending' | 'applied' | 'cancelled' | 'stale' | 'failed';

/** A write the assistant proposed, applied only by its Confirm button, once. */
export interface AssistantProposalTable {
  id: Generated<string>;
  workspace_id: string;
  person_id: string;
  tool: string;
  args: ColumnType<unknown, string, string>;
  expected: string | null;
  status: ColumnType<AssistantProposalStatus, AssistantProposalStatus | undefined, AssistantProposalStatus>;
  created_at: Date;
  decided_at: Date | null;
}

export type { IntegrationKind };

/** A configured tool; `secret` is ciphertext (src/lib/secret-box.ts), never the token itself. */
export interface IntegrationConnectionTable {
  id: Generated<string>;
  workspace_id: string;
  owner_id: string | null;
  kind: IntegrationKind;
  name: string;
  settings: Json;
  secret: string;
  problem: string | null;
  poll_cursor: Date | null;
  created_by: string | null;
  created_at: Date;
}

export interface IntegrationRuleTable {
  id: Generated<string>;
  connection_id: string;
  goal_level: GoalLevel;
  created_at: Date;
}

/** The push ledger: one row per goal or set of next steps sent to a connection. */
export interface IntegrationItemTable {
  id: Generated<string>;
  connection_id: string;
  subject_kind: 'goal' | 'next_steps';
  subject_id: string;
  next_steps: Json | null;
  external_id: string | null;
  external_url: string | null;
  wanted_version: Generated<number>;
  synced_version: Generated<number>;
  sequence: Generated<number>;
  attempted_at: Date | null;
  lease_until: Date | null;
  last_error: string | null;
  created_by: string | null;
  created_at: Date;
}

export type TranscriptDecision = 'accepted' | 'rejected';

export interface TranscriptTable {
  id: Generated<string>;
  workspace_id: string;
  participant_id: string;
  source: 'upload' | 'fireflies' | 'granola';
  external_id: string | null;
  title: string;
  segments: Json;
  met_at: Date | null;
  employee_decision: TranscriptDecision | null;
  manager_decision: TranscriptDecision | null;
  created_by: string | null;
  created_at: Date;
}

/** An OAuth installation; see db/migrations/2026_12_08_0703_slack_installations.ts. */
export interface SlackInstallationTable {
  /** The team id, or the enterprise id of an org-wide install. */
  id: string;
  enterprise_id: string | null;
  is_enterprise_install: boolean;
  /** Sealed JSON; null once revoked. */
  installation: string | null;
  installer_slack_id: string | null;
  installed_at: Date;
  revoked_at: Date | null;
  revoked_reason: string | null;
  data_deleted_at: Date | null;
}

export interface Database {
  workspace: WorkspaceTable;
  person: PersonTable;
  goal: GoalTable;
  key_result: KeyResultTable;
  goal_event: GoalEventTable;
  delivery: DeliveryTable;
  manager_link: ManagerLinkTable;
  manager_proposal: ManagerProposalTable;
  slack_request_seen: SlackRequestSeenTable;
  audit_event: AuditEventTable;
  feedback_request: FeedbackRequestTable;
  feedback_reader: FeedbackReaderTable;
  feedback_invitation: FeedbackInvitationTable;
  feedback_answer: FeedbackAnswerTable;
  feedback_self_rating: FeedbackSelfRatingTable;
  feedback_step: FeedbackStepTable;
  feedback_note: FeedbackNoteTable;
  goal_staleness: GoalStalenessTable;
  checkin_schedule: CheckinScheduleTable;
  checkin_period: CheckinPeriodTable;
  slack_event: SlackEventTable;
  checkin_reminder: CheckinReminderTable;
  checkin: CheckinTable;
  manager_digest_schedule: ManagerDigestScheduleTable;
  manager_digest: ManagerDigestTable;
  review_competency: ReviewCompetencyTable;
  review_template: ReviewTemplateTable;
  review_template_version: ReviewTemplateVersionTable;
  review_cycle: ReviewCycleTable;
  review_phase: ReviewPhaseTable;
  review_participant: ReviewParticipantTable;
  review_response: ReviewResponseTable;
  review_sign_off: ReviewSignOffTable;
  review_step: ReviewStepTable;
  review_next_step_goal: ReviewNextStepGoalTable;
  review_peer_nomination: ReviewPeerNominationTable;
  ai_call: AiCallTable;
  review_ai_draft: ReviewAiDraftTable;
  review_transcript: ReviewTranscriptTable;
  assistant_message: AssistantMessageTable;
  assistant_proposal: AssistantProposalTable;
  integration_connection: IntegrationConnectionTable;
  integration_rule: IntegrationRuleTable;
  integration_item: IntegrationItemTable;
  transcript: TranscriptTable;
  slack_installation: SlackInstallationTable;
  slack_team: SlackTeamTable;
  team_settings: TeamSettingsTable;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type GoalRow = Selectable<GoalTable>;
export type NewGoalRow = Insertable<GoalTable>;
export type GoalUpdate = Updateable<GoalTable>;
export type KeyResultRow = Selectable<KeyResultTable>;
export type NewKeyResultRow = Insertable<KeyResultTable>;
export type GoalEventRow = Selectable<GoalEventTable>;
export type DeliveryRow = Selectable<DeliveryTable>;
export type ManagerLinkRow = Selectable<ManagerLinkTable>;
export type ManagerProposalRow = Selectable<ManagerProposalTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type FeedbackRequestRow = Selectable<FeedbackRequestTable>;
export type FeedbackInvitationRow = Selectable<FeedbackInvitationTable>;
export type FeedbackAnswerRow = Selectable<FeedbackAnswerTable>;
export type FeedbackStepRow = Selectable<FeedbackStepTable>;
export type FeedbackNoteRow = Selectable<FeedbackNoteTable>;
export type CheckinRow = Selectable<CheckinTable>;
