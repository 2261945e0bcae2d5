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
  TeamSettings: 'settings_team',
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
  /** The competency a development goal builds (optional). */
  Competency: 'goal_competency',
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
  /** A menu of the organization's Slack workspaces: opens the chosen one's own settings. */
  TeamSettings: 'home_team_settings',
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
  AssistantToolCalls: 'settings_assistant_tool_calls',
  AssistantTokens: 'settings_assistant_tokens',
  AiOptOut: 'settings_ai_opt_out',
  Scope: 'settings_scope',
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
  /** On a review form, under a text question: "<participant id>:<self|manager>:<question id>". */
  DraftAnswer: 'ai_draft_answer',
  /** The review form's writing check: every text answer, with the form's rating. */
  CheckReviewWriting: 'ai_check_review_writing',
  /** The manager's prep pack for a review conversation; the value is the participant id. */
  ReviewPrep: 'ai_review_prep',
} as const;

export const AiCallbackId = {
  Draft: 'ai_draft',
  /** A draft answer to a review question, whose submit puts it into the form. */
  AnswerDraft: 'ai_answer_draft',
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
/**
 * The same question's input after an AI draft was put into it: a new block id, because Slack keeps
 * what was typed in an input whose block id stays the same across an update.
 */
export const reviewDraftedQuestionBlock = (questionId: string) => `review_qai_${questionId}`;
/** Where the writing check's suggestions for one question sit. */
export const reviewSuggestionsBlock = (questionId: string) => `review_s_${questionId}`;

export const ReviewAction = {
  /** Opens a form; the value is "<participant id>:<self|manager>". */
  Open: 'review_open',
  /** The manager sets the conversation's date and time; the value is the participant id. */
  Schedule: 'review_schedule',
  /** The manager writes and shares the conversation's summary; the value is the participant id. */
  Summary: 'review_summary_open',
  /** Peer feedback: nominate peers, or approve them as the manager; the value is the participant id. */
  Peers: 'review_peers',
  /** The evidence beside a review form; the value is the participant id. */
  Evidence: 'review_evidence',
  /** The employee makes a next step a goal; the value is "<participant id>:<step index>". */
  NextStepGoal: 'review_next_step_goal',
} as const;

export const ReviewConversationIds = {
  Callback: 'review_conversation',
  Date: 'review_conversation_date',
  Time: 'review_conversation_time',
} as const;

export const ReviewPeerIds = {
  Callback: 'review_peers_form',
  Peers: 'review_peers_pick',
} as const;

export const ReviewSummaryIds = {
  Callback: 'review_summary',
  Agreed: 'review_summary_agreed',
  NextSteps: 'review_summary_next_steps',
} as const;

/** The block of one next step, with its "Make it my goal" button. */
export const reviewNextStepBlock = (index: number) => `review_next_step_${index}`;

/** The input block of one agreed rating in the summary form. */
export const reviewSummaryRatingBlock = (questionId: string) => `review_summary_rating_${questionId}`;

export const ReviewSignOffIds = {
  /** The review as the reader may read it, with the sign-off form. */
  Callback: 'review_sign_off',
  /** Opens it; the value is the participant id. */
  Open: 'review_sign_off_open',
  Comment: 'review_sign_off_comment',
  Sign: 'review_sign_off_sign',
} as const;

/** HR admins' review tools: the hub, competency/template/question/cycle forms and the cycle's completion view. */
export const ReviewAdminCallbackId = {
  Hub: 'review_admin',
  Competency: 'review_admin_competency',
  Template: 'review_admin_template',
  Question: 'review_admin_question',
  NewCycle: 'review_admin_cycle_new',
  Cycle: 'review_admin_cycle',
  Extend: 'review_admin_extend',
  Reopen: 'review_admin_reopen',
  AddPeople: 'review_admin_add_people',
} as const;

export const ReviewAdminBlock = {
  Name: 'review_admin_name',
  Description: 'review_admin_description',
  Levels: 'review_admin_levels',
  Prompt: 'review_admin_prompt',
  Kind: 'review_admin_kind',
  /** Rating labels or choices, one per line. */
  Scale: 'review_admin_scale',
  WordLimit: 'review_admin_word_limit',
  Competency: 'review_admin_competency',
  AllowNa: 'review_admin_allow_na',
  AnsweredBy: 'review_admin_answered_by',
  ReadableBy: 'review_admin_readable_by',
  Template: 'review_admin_template',
  Participants: 'review_admin_participants',
  Team: 'review_admin_team',
  People: 'review_admin_people',
  Phase: 'review_admin_phase',
  Date: 'review_admin_date',
  Person: 'review_admin_person',
  Role: 'review_admin_role',
} as const;

/** A question's line in the template modal, which holds its menu. */
export const templateQuestionBlock = (questionId: string) => `review_admin_q_${questionId}`;

/** The date picker of one phase in the new-cycle form. */
export const reviewPhaseBlock = (phase: string) => `review_admin_phase_${phase}`;

/** Buttons of the review tools; a cycle's buttons carry its id, a template's its id. */
export const ReviewAdminAction = {
  OpenHub: 'review_admin_open',
  NewCompetency: 'review_admin_new_competency',
  NewTemplate: 'review_admin_new_template',
  EditTemplate: 'review_admin_edit_template',
  AddQuestion: 'review_admin_add_question',
  /** The overflow menu beside a question: "edit:<id>", "up:<id>" or "remove:<id>". */
  QuestionMenu: 'review_admin_question_menu',
  NewCycle: 'review_admin_new_cycle',
  OpenCycle: 'review_admin_open_cycle',
  Launch: 'review_admin_launch',
  NudgeLate: 'review_admin_nudge_late',
  Export: 'review_admin_export',
  Close: 'review_admin_close',
  Extend: 'review_admin_extend',
  Reopen: 'review_admin_reopen',
  AddPeople: 'review_admin_add_people',
  Calibration: 'review_admin_calibration',
} as const;

/** A review conversation's transcript: the paste form, its summary, and the buttons on it. Values are the participant id. */
export const TranscriptIds = {
  Callback: 'review_transcript_form',
  Summary: 'review_transcript_summary',
  Text: 'review_transcript_text',
  File: 'review_transcript_file',
  Consent: 'review_transcript_consent',
  Open: 'review_transcript_open',
  Accept: 'review_transcript_accept',
  Keep: 'review_transcript_keep',
  Discard: 'review_transcript_discard_raw',
  /** Beside a next step: "<participant id>:<its index>", opens the goal form with it as the title. */
  MakeGoal: 'review_transcript_make_goal',
  /** On an accepted summary, for the manager: send its next steps to a connected tool. */
  PushNextSteps: 'review_transcript_push_next_steps',
} as const;

/** The DM assistant's proposals; the value is the proposal id. */
export const AssistantAction = {
  Confirm: 'assistant_confirm',
  Cancel: 'assistant_cancel',
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
  PushNextSteps: 'next_steps_push_form',
} as const;

export const IntegrationBlock = {
  Kind: 'integration_kind',
  Name: 'integration_name',
  Secret: 'integration_secret',
  Target: 'integration_target',
  WebhookSecret: 'integration_webhook_secret',
  Connection: 'integration_connection',
} as const;
