import type { Db } from '../db/client';
import type { PersonRow, TeamSettingsTable, WorkspaceRow } from '../db/schema';
import {
  type AiMode,
  type EveryWeeks,
  NUDGE_KINDS,
  type NudgeKind,
  type PersonalSettings,
  type TeamPolicy,
  type TeamSettingsValues,
  type Weekday,
  withTeamSettings,
  type WorkspaceSettings,
  type WorkspaceSettingsValues,
} from '../domain/settings';

// The columns' check constraints guarantee these ranges; the casts only tell TypeScript.
const weekday = (value: number) => value as Weekday;
const everyWeeks = (value: number) => value as EveryWeeks;

/** The cadence and working time, read alike from the workspace row and from a Slack workspace's own. */
const workingTimeOf = (row: Pick<TeamSettingsTable, 'checkin_weekday' | 'checkin_time' | 'checkin_every_weeks' | 'working_days' | 'work_start' | 'work_end' | 'quiet_start' | 'quiet_end'>) => ({
  checkin: { weekday: weekday(row.checkin_weekday), time: row.checkin_time, everyWeeks: everyWeeks(row.checkin_every_weeks) },
  workingDays: row.working_days.map(weekday),
  workingHours: { start: row.work_start, end: row.work_end },
  quietHours: { start: row.quiet_start, end: row.quiet_end },
});

export function rowToWorkspaceSettings(row: WorkspaceRow): WorkspaceSettings {
  return {
    workspaceId: row.id,
    defaultTimezone: row.default_timezone,
    ...workingTimeOf(row),
    anonymityThreshold: row.anonymity_threshold,
    skipLevelVisibility: row.skip_level_visibility,
    aiMode: row.ai_mode as AiMode,
    assistantLimits: { toolCalls: row.assistant_daily_tool_calls, tokens: row.assistant_daily_tokens },
    scope: row.settings_scope,
  };
}

function rowToTeamSettings(row: TeamSettingsTable): TeamSettingsValues {
  return {
    ...workingTimeOf(row),
    anonymityThreshold: row.anonymity_threshold,
    skipLevelVisibility: row.skip_level_visibility,
  };
}

/**
 * The settings that apply in a workspace; with `homeTeamId` (a person's Slack workspace in an
 * org-wide install), that workspace's own cadence and working time when the org chose them.
 */
export async function findWorkspaceSettings(db: Db, workspaceId: string, homeTeamId?: string | null): Promise<WorkspaceSettings | undefined> {
  const row = await db.selectFrom('workspace').selectAll().where('id', '=', workspaceId).executeTakeFirst();
  if (!row) return undefined;
  const organization = rowToWorkspaceSettings(row);
  if (!homeTeamId || organization.scope !== 'team') return organization;
  return withTeamSettings(organization, await findTeamSettings(db, workspaceId, homeTeamId));
}

/** One Slack workspace's own cadence, working time and policy; undefined when it has none (the org's apply). */
export async function findTeamSettings(db: Db, workspaceId: string, teamId: string): Promise<TeamSettingsValues | undefined> {
  const row = await db.selectFrom('team_settings').selectAll().where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).executeTakeFirst();
  return row && rowToTeamSettings(row);
}

/**
 * The own access policy of each person's home Slack workspace, for the people whose workspace set
 * one (anyone else has the organization's): one read for every access check of a request.
 */
export async function listTeamPoliciesByPerson(db: Db, workspaceId: string): Promise<Map<string, TeamPolicy>> {
  const rows = await db
    .selectFrom('person')
    .innerJoin('team_settings', (join) => join.onRef('team_settings.workspace_id', '=', 'person.workspace_id').onRef('team_settings.team_id', '=', 'person.home_team_id'))
    .select(['person.id', 'team_settings.anonymity_threshold', 'team_settings.skip_level_visibility'])
    .where('person.workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('team_settings.anonymity_threshold', 'is not', null), eb('team_settings.skip_level_visibility', 'is not', null)]))
    .execute();
  return new Map(rows.map((row) => [row.id, { anonymityThreshold: row.anonymity_threshold, skipLevelVisibility: row.skip_level_visibility }]));
}

/** The cadence and working time columns, the same on the workspace row and on a Slack workspace's own. */
const workingTimeColumns = (values: Pick<TeamSettingsValues, 'checkin' | 'workingDays' | 'workingHours' | 'quietHours'>) => ({
  checkin_weekday: values.checkin.weekday,
  checkin_time: values.checkin.time,
  checkin_every_weeks: values.checkin.everyWeeks,
  working_days: values.workingDays,
  work_start: values.workingHours.start,
  work_end: values.workingHours.end,
  quiet_start: values.quietHours.start,
  quiet_end: values.quietHours.end,
});

export async function upsertTeamSettings(db: Db, workspaceId: string, teamId: string, values: TeamSettingsValues): Promise<void> {
  const columns = {
    ...workingTimeColumns(values),
    anonymity_threshold: values.anonymityThreshold,
    skip_level_visibility: values.skipLevelVisibility,
  };
  await db
    .insertInto('team_settings')
    .values({ workspace_id: workspaceId, team_id: teamId, ...columns })
    .onConflict((oc) => oc.columns(['workspace_id', 'team_id']).doUpdateSet(columns))
    .execute();
}

export async function updateWorkspaceSettings(db: Db, workspaceId: string, values: WorkspaceSettingsValues): Promise<void> {
  await db
    .updateTable('workspace')
    .set({
      default_timezone: values.defaultTimezone,
      ...workingTimeColumns(values),
      anonymity_threshold: values.anonymityThreshold,
      skip_level_visibility: values.skipLevelVisibility,
      ai_mode: values.aiMode,
      assistant_daily_tool_calls: values.assistantLimits.toolCalls,
      assistant_daily_tokens: values.assistantLimits.tokens,
      settings_scope: values.scope,
    })
    .where('id', '=', workspaceId)
    .execute();
}

export function rowToPersonalSettings(
  row: Pick<PersonRow, 'checkin_weekday' | 'checkin_time' | 'checkin_every_weeks' | 'paused_until' | 'muted_nudges' | 'ai_opt_out'>,
): PersonalSettings {
  return {
    checkin: {
      weekday: row.checkin_weekday === null ? null : weekday(row.checkin_weekday),
      time: row.checkin_time,
      everyWeeks: row.checkin_every_weeks === null ? null : everyWeeks(row.checkin_every_weeks),
    },
    pausedUntil: row.paused_until,
    // A kind a later release dropped is no longer a choice anyone has.
    mutedNudges: NUDGE_KINDS.filter((kind: NudgeKind) => row.muted_nudges.includes(kind)),
    aiOptOut: row.ai_opt_out,
  };
}

export async function findPersonalSettings(db: Db, personId: string): Promise<PersonalSettings | undefined> {
  const row = await db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst();
  return row && rowToPersonalSettings(row);
}

export async function updatePersonalSettings(db: Db, personId: string, settings: PersonalSettings): Promise<void> {
  await db
    .updateTable('person')
    .set({
      checkin_weekday: settings.checkin.weekday,
      checkin_time: settings.checkin.time,
      checkin_every_weeks: settings.checkin.everyWeeks,
      paused_until: settings.pausedUntil,
      muted_nudges: settings.mutedNudges,
      ai_opt_out: settings.aiOptOut,
      updated_at: new Date(),
    })
    .where('id', '=', personId)
    .execute();
}

/** The last paused day of each of these people (in their own calendar), for those who paused. */
export async function listPausesOf(db: Db, personIds: readonly string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('person').select(['id', 'paused_until']).where('id', 'in', personIds).where('paused_until', 'is not', null).execute();
  return new Map(rows.flatMap((row) => (row.paused_until ? [[row.id, row.paused_until] as const] : [])));
}

/** The focus areas people may ask feedback about in this workspace. */
export async function findFeedbackFocusAreas(db: Db, workspaceId: string): Promise<string[]> {
  const row = await db.selectFrom('workspace').select('feedback_focus_areas').where('id', '=', workspaceId).executeTakeFirst();
  return row?.feedback_focus_areas ?? [];
}

export async function updateFeedbackFocusAreas(db: Db, workspaceId: string, focusAreas: readonly string[]): Promise<void> {
  await db.updateTable('workspace').set({ feedback_focus_areas: [...focusAreas] }).where('id', '=', workspaceId).execute();
}
