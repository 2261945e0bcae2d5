/** Every callback_id, block_id and action_id, once, so builders, parsers and listeners agree. */
export const CallbackId = {
  NewGoal: 'goal_new',
  EditGoal: 'goal_edit',
  UpdateGoal: 'goal_update',
  AlignGoal: 'goal_align',
  PickGoal: 'goal_pick',
  ExtendGoal: 'goal_extend',
  GoalDetails: 'goal_details',
  ReportGoals: 'goal_report',
  ProposeManager: 'org_propose_manager',
  SetManager: 'org_set_manager',
  ImportOrg: 'org_import',
  ImportOrgResult: 'org_import_result',
  WorkspaceSettings: 'settings_workspace',
  PersonalSettings: 'settings_personal',
  Admins: 'admin_roles',
  AuditLog: 'audit_log',
  ExportPerson: 'privacy_export',
  ErasePerson: 'privacy_erase',
} as const;

export const GoalBlock = {
  Title: 'goal_title',
  Description: 'goal_description',
  TargetDate: 'goal_target_date',
  Category: 'goal_category',
  Level: 'goal_level',
  Visibility: 'goal_visibility',
  Parent: 'goal_parent',
  Weight: 'goal_weight',
  KeyResults: 'goal_key_results',
  Status: 'goal_status',
  /** The percent of a goal with neither key results nor aligned goals. */
  Percent: 'goal_percent',
  Note: 'goal_note',
  /** The goal picker of `/goal update` and `/goal align`. */
  Pick: 'goal_pick',
} as const;

/** One field of a key result row in the goal form; `key` is the row's, stable while the form is open. */
export type KeyResultFormField = 'title' | 'kind' | 'start' | 'target' | 'unit' | 'weight';
export const keyResultBlock = (key: number, field: KeyResultFormField | 'header'): string => `goal_kr_${key}_${field}`;
export const KEY_RESULT_KIND_BLOCK = /^goal_kr_\d+_kind$/;
/** The current value of a key result in the update form. */
export const keyResultValueBlock = (keyResultId: string): string => `goal_value_${keyResultId}`;

/** Buttons on goals; their value is the goal's id (a row key for removing a key result, a person's id for a report). */
export const GoalAction = {
  OpenUpdate: 'goal_open_update',
  OpenDetails: 'goal_open_details',
  OpenEdit: 'goal_open_edit',
  OpenAlign: 'goal_open_align',
  OpenReport: 'goal_open_report',
  AddKeyResult: 'goal_kr_add',
  RemoveKeyResult: 'goal_kr_remove',
} as const;

/** The buttons of a stale-goal nudge; their value is the goal's id. */
export const StaleGoalAction = {
  Extend: 'goal_stale_extend',
  Complete: 'goal_stale_complete',
  Defer: 'goal_stale_defer',
} as const;

export const HomeAction = {
  NewGoal: 'home_new_goal',
  ProposeManager: 'home_propose_manager',
  PersonalSettings: 'home_personal_settings',
  SetManager: 'home_set_manager',
  ImportOrg: 'home_import_org',
  WorkspaceSettings: 'home_workspace_settings',
  Admins: 'home_admins',
  AuditLog: 'home_audit_log',
  ExportPerson: 'home_export_person',
  ErasePerson: 'home_erase_person',
} as const;

/** Inputs whose block holds a single element use this action_id: the block_id already says which. */
export const VALUE_ACTION = 'value';

export const OrgBlock = {
  Person: 'org_person',
  Manager: 'org_manager',
  Csv: 'org_csv',
} as const;

export const ProposalAction = {
  Confirm: 'proposal_confirm',
  Reject: 'proposal_reject',
} as const;

export const SettingsBlock = {
  CheckinWeekday: 'settings_checkin_weekday',
  CheckinTime: 'settings_checkin_time',
  CheckinEveryWeeks: 'settings_checkin_every_weeks',
  WorkingDays: 'settings_working_days',
  WorkStart: 'settings_work_start',
  WorkEnd: 'settings_work_end',
  QuietStart: 'settings_quiet_start',
  QuietEnd: 'settings_quiet_end',
  AnonymityThreshold: 'settings_anonymity_threshold',
  SkipLevel: 'settings_skip_level',
  DefaultTimezone: 'settings_default_timezone',
  PausedUntil: 'settings_paused_until',
  Nudges: 'settings_nudges',
  AiMode: 'settings_ai_mode',
  AiOptOut: 'settings_ai_opt_out',
} as const;

export const AdminBlock = {
  Admins: 'admin_admins',
  Person: 'privacy_person',
  ConfirmErase: 'privacy_confirm_erase',
} as const;

export const AuditLogAction = {
  Export: 'audit_export',
} as const;

/** 360 and continuous feedback. Block ids of the answer form's per-focus-area inputs end in its position. */
export const FeedbackCallbackId = {
  Request: 'feedback_request',
  Answer: 'feedback_answer',
  EditAnswer: 'feedback_answer_edit',
  Decline: 'feedback_decline',
  SelfRating: 'feedback_self_rating',
  AskMore: 'feedback_ask_more',
  Give: 'feedback_give',
  FocusAreas: 'feedback_focus_areas',
  Result: 'feedback_result',
} as const;

export const FeedbackBlock = {
  Subject: 'fb_subject',
  Peers: 'fb_peers',
  FocusAreas: 'fb_focus_areas',
  CustomQuestion: 'fb_custom_question',
  DueOn: 'fb_due_on',
  Note: 'fb_note',
  RatingPrefix: 'fb_rating_',
  CommentPrefix: 'fb_comment_',
  CustomAnswer: 'fb_custom_answer',
  Strengths: 'fb_strengths',
  Suggestions: 'fb_suggestions',
  DeclineReason: 'fb_decline_reason',
  Recipient: 'fb_recipient',
  Body: 'fb_body',
  Share: 'fb_share',
  Audience: 'fb_audience',
  FocusAreaList: 'fb_focus_area_list',
  EditAnswer: 'fb_edit_answer',
} as const;

/** AI drafts and the writing check. Prep's value is the report's person id; synthesis's, the request id. */
export const AiAction = {
  Prep: 'ai_prep',
  Synthesis: 'ai_synthesis',
  CheckWriting: 'ai_check_writing',
} as const;

export const AiCallbackId = {
  Draft: 'ai_draft',
} as const;

export const AiBlock = {
  CheckWriting: 'ai_check_writing',
  Suggestions: 'ai_writing_suggestions',
} as const;

export const FeedbackAction = {
  Request: 'feedback_request',
  Give: 'feedback_give',
  Answer: 'feedback_answer',
  Decline: 'feedback_decline',
  EditAnswer: 'feedback_edit_answer',
  RateSelf: 'feedback_rate_self',
  ViewSummary: 'feedback_view_summary',
  AskMore: 'feedback_ask_more',
  FocusAreas: 'feedback_focus_areas',
} as const;

/** Weekly check-ins: the form, and the buttons on nudges and on the Home tab. */
export const CheckinCallbackId = {
  Form: 'checkin_form',
} as const;

export const CheckinBlock = {
  Wins: 'checkin_wins',
  Blockers: 'checkin_blockers',
  Confidence: 'checkin_confidence',
  Mood: 'checkin_mood',
  MoodShared: 'checkin_mood_shared',
} as const;

/** One goal's part of the check-in form: its status and note, and each key result's value. */
export const checkinGoalBlock = (goalId: string, field: 'status' | 'note' | 'percent'): string => `checkin_goal_${field}_${goalId}`;
export const checkinKeyResultBlock = (keyResultId: string): string => `checkin_kr_${keyResultId}`;

/** Buttons on nudges; Snooze and Skip carry the reminder's id as their value. */
export const CheckinAction = {
  Open: 'checkin_open',
  Snooze: 'checkin_snooze',
  Skip: 'checkin_skip',
  /** On the confirmation DM; its value is the period it edits. */
  Edit: 'checkin_edit',
  /** On the answer to a reply in a nudge's thread: opens the form for the current period. */
  AddProgress: 'checkin_add_progress',
} as const;

/** The admin section's "Delivery problems" button. */
export const DeliveryAction = {
  Problems: 'home_delivery_problems',
} as const;

/**
 * The manager digest's "open check-in" buttons. Slack wants action ids unique within a block, so
 * each button appends its index; the listener matches the prefix. The value names report and period.
 */
export const DigestAction = {
  OpenCheckinPrefix: 'digest_open_checkin_',
} as const;
export const DigestCallbackId = { ReportCheckin: 'digest_report_checkin' } as const;

export const ReviewCallbackId = {
  /** The self-assessment or manager review form. */
  Form: 'review_form',
} as const;

export const ReviewBlock = {
  /** "Keep as a draft": also where form-wide errors land. */
  Draft: 'review_draft',
} as const;

/** The input block of one template question. */
export const reviewQuestionBlock = (questionId: string) => `review_q_${questionId}`;

export const ReviewAction = {
  /** Opens a form; the value is "<participant id>:<self|manager>". */
  Open: 'review_open',
} as const;

export const ReviewSignOffIds = {
  /** The review as the reader may read it, with the sign-off form. */
  Callback: 'review_sign_off',
  /** Opens it; the value is the participant id. */
  Open: 'review_sign_off_open',
  Comment: 'review_sign_off_comment',
  Sign: 'review_sign_off_sign',
} as const;

/** Connections to other tools (Home admin section, goal view) and transcripts waiting for a decision. */
export const IntegrationAction = {
  Open: 'home_integrations',
  Add: 'integration_add',
  Test: 'integration_test',
  Remove: 'integration_remove',
  Rules: 'integration_rules',
  PushGoal: 'goal_push',
  AcceptTranscript: 'transcript_accept',
  RejectTranscript: 'transcript_reject',
} as const;

export const IntegrationCallbackId = {
  Add: 'integration_add_form',
  PushGoal: 'goal_push_form',
} as const;

export const IntegrationBlock = {
  Kind: 'integration_kind',
  Name: 'integration_name',
  Secret: 'integration_secret',
  Target: 'integration_target',
  WebhookSecret: 'integration_webhook_secret',
  Connection: 'integration_connection',
} as const;
