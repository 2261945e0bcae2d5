/** Every callback_id, block_id and action_id, once, so builders, parsers and listeners agree. */
export const CallbackId = {
  NewGoal: 'goal_new',
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
} as const;

export const GoalAction = {
  Title: 'title',
  Description: 'description',
  TargetDate: 'target_date',
  Category: 'category',
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
} as const;

export const AdminBlock = {
  Admins: 'admin_admins',
  Person: 'privacy_person',
  ConfirmErase: 'privacy_confirm_erase',
} as const;

export const AuditLogAction = {
  Export: 'audit_export',
} as const;
