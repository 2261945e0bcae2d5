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
}

export type GoalCategory = 'performance' | 'development' | 'stretch';
export type GoalStatus = 'not_started' | 'on_track' | 'at_risk' | 'off_track' | 'completed' | 'deferred' | 'archived';
export type GoalVisibility = 'public' | 'private';

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
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type DeliveryStatus = 'sending' | 'sent' | 'retry' | 'failed';

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

export interface AuditEventTable {
  id: Generated<number>;
  workspace_id: string;
  actor_id: string | null;
  action: string;
  subject_id: string | null;
  detail: ColumnType<Record<string, unknown>, string, never>;
  created_at: Generated<Date>;
}

export interface Database {
  workspace: WorkspaceTable;
  person: PersonTable;
  goal: GoalTable;
  delivery: DeliveryTable;
  manager_link: ManagerLinkTable;
  manager_proposal: ManagerProposalTable;
  audit_event: AuditEventTable;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type GoalRow = Selectable<GoalTable>;
export type NewGoalRow = Insertable<GoalTable>;
export type DeliveryRow = Selectable<DeliveryTable>;
export type ManagerLinkRow = Selectable<ManagerLinkTable>;
export type ManagerProposalRow = Selectable<ManagerProposalTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
