import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, never, Date>;
/** `date` columns come back as 'YYYY-MM-DD' strings (see the type parser in client.ts). */
type DateOnly = string;

export interface WorkspaceTable {
  id: string;
  name: string | null;
  default_timezone: string;
  created_at: CreatedAt;
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
}

export type GoalCategory = 'performance' | 'development' | 'stretch';
export type GoalStatus = 'not_started' | 'on_track' | 'at_risk' | 'off_track' | 'completed' | 'deferred' | 'archived';

export interface GoalTable {
  id: Generated<string>;
  workspace_id: string;
  owner_id: string;
  title: string;
  description: string | null;
  category: GoalCategory;
  target_date: DateOnly | null;
  status: ColumnType<GoalStatus, GoalStatus | undefined, GoalStatus>;
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

export interface Database {
  workspace: WorkspaceTable;
  person: PersonTable;
  goal: GoalTable;
  delivery: DeliveryTable;
}

export type WorkspaceRow = Selectable<WorkspaceTable>;
export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;
export type PersonUpdate = Updateable<PersonTable>;
export type GoalRow = Selectable<GoalTable>;
export type NewGoalRow = Insertable<GoalTable>;
export type DeliveryRow = Selectable<DeliveryTable>;
