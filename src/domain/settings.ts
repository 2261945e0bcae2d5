import { DateTime } from 'luxon';
import type { FieldErrors, Validated } from './goal';
import { wholeNumber } from './key-result';

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  1: 'Monday',
  2: 'Tuesday',
  3: 'Wednesday',
  4: 'Thursday',
  5: 'Friday',
  6: 'Saturday',
  7: 'Sunday',
};

export type EveryWeeks = 1 | 2;

/** When check-ins are asked for: a weekday and a local time, every one or two weeks. */
export interface CheckinCadence {
  weekday: Weekday;
  /** 'HH:mm' in the person's own timezone. */
  time: string;
  everyWeeks: EveryWeeks;
}

export interface TimeRange {
  start: string;
  end: string;
}

export interface WorkspaceSettings {
  workspaceId: string;
  defaultTimezone: string;
  checkin: CheckinCadence;
  workingDays: Weekday[];
  workingHours: TimeRange;
  /** May wrap past midnight (20:00–08:00). */
  quietHours: TimeRange;
  anonymityThreshold: number;
  skipLevelVisibility: boolean;
  aiMode: AiMode;
  /** What one person may use of the DM assistant per day (their own day). */
  assistantLimits: AssistantLimits;
  /** An org-wide install's choice; always 'organization' for a single workspace. */
  scope: SettingsScope;
}

/**
 * Enterprise Grid: one set of settings for the whole organization, or each of its Slack workspaces
 * sets its own check-in cadence and working time (regions keep different hours) and its own access
 * policy (anonymity threshold, skip-level visibility). AI settings stay the organization's.
 */
export const SETTINGS_SCOPES = ['organization', 'team'] as const;
export type SettingsScope = (typeof SETTINGS_SCOPES)[number];
const isSettingsScope = (value: string | null): value is SettingsScope => (SETTINGS_SCOPES as readonly (string | null)[]).includes(value);

/** The settings the access policy reads. */
export type AccessPolicySettings = Pick<WorkspaceSettings, 'anonymityThreshold' | 'skipLevelVisibility'>;

/** A Slack workspace's own access policy; null keeps the organization's value, whatever it becomes. */
export interface TeamPolicy {
  anonymityThreshold: number | null;
  skipLevelVisibility: boolean | null;
}

/** What one Slack workspace of an organization may set for its own people, over the organization's. */
export type TeamSettingsValues = Pick<WorkspaceSettings, 'checkin' | 'workingDays' | 'workingHours' | 'quietHours'> & TeamPolicy;

/** People with the same key have the same settings: one workspace, one Slack workspace of an org. */
export const settingsKey = (person: { workspaceId: string; homeTeamId: string | null }): string => `${person.workspaceId}\u0000${person.homeTeamId ?? ''}`;

/**
 * The access policy over a record: the one of the person it is about, i.e. their home Slack
 * workspace's own values under the per-workspace scope, the organization's otherwise.
 */
export function policyFor(organization: WorkspaceSettings, team: TeamPolicy | undefined): AccessPolicySettings {
  const own = organization.scope === 'team' ? team : undefined;
  return {
    anonymityThreshold: own?.anonymityThreshold ?? organization.anonymityThreshold,
    skipLevelVisibility: own?.skipLevelVisibility ?? organization.skipLevelVisibility,
  };
}

/** The settings that apply to a workspace's people: the organization's, with the workspace's own cadence, working time and policy. */
export function withTeamSettings(organization: WorkspaceSettings, team: TeamSettingsValues | undefined): WorkspaceSettings {
  if (!team || organization.scope !== 'team') return organization;
  const { checkin, workingDays, workingHours, quietHours } = team;
  return { ...organization, checkin, workingDays, workingHours, quietHours, ...policyFor(organization, team) };
}

/**
 * The threshold for an aggregate about several people (a team's mood): the highest of theirs, so
 * no one is shown with less anonymity than their own workspace asks for; `otherwise` for no one.
 */
export const strictestThreshold = (otherwise: number, thresholds: readonly number[]): number =>
  thresholds.length === 0 ? otherwise : Math.max(...thresholds);

export interface AssistantLimits {
  toolCalls: number;
  tokens: number;
}

export type WorkspaceSettingsValues = Omit<WorkspaceSettings, 'workspaceId'>;

/**
 * What AI drafts the workspace allows: 'on' uses the configured model (offline drafts without one),
 * 'offline' builds drafts locally so nothing is ever sent to a model, 'off' offers no drafts at all.
 */
export const AI_MODES = ['on', 'offline', 'off'] as const;
export type AiMode = (typeof AI_MODES)[number];
export const isAiMode = (value: string | null): value is AiMode => (AI_MODES as readonly (string | null)[]).includes(value);

export const NUDGE_KINDS = ['checkin', 'goal', 'feedback', 'review', 'digest'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

/** A person's own choices; a null cadence field means "the workspace default". */
export interface PersonalSettings {
  checkin: { weekday: Weekday | null; time: string | null; everyWeeks: EveryWeeks | null };
  /** A calendar day in the person's timezone; no nudges up to and including it. */
  pausedUntil: string | null;
  mutedNudges: NudgeKind[];
  /** No AI drafts for them, and nothing about them is sent to a model. */
  aiOptOut: boolean;
}

export const SETTINGS_LIMITS = { anonymityMin: 3, anonymityMax: 50, pauseMaxDays: 366, assistantToolCallsMax: 1000, assistantTokensMax: 2_000_000 } as const;

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isLocalTime(value: string | null | undefined): value is string {
  return !!value && HH_MM.test(value);
}

function isWeekday(value: number): value is Weekday {
  return (WEEKDAYS as readonly number[]).includes(value);
}

/** Whether a local 'HH:mm' falls in a range that may wrap past midnight. */
export function isWithin(time: string, range: TimeRange): boolean {
  return range.start <= range.end ? time >= range.start && time < range.end : time >= range.start || time < range.end;
}

/** The cadence that applies to a person: their own choices over the workspace default. */
export function effectiveCadence(workspace: WorkspaceSettings, personal: PersonalSettings): CheckinCadence {
  return {
    weekday: personal.checkin.weekday ?? workspace.checkin.weekday,
    time: personal.checkin.time ?? workspace.checkin.time,
    everyWeeks: personal.checkin.everyWeeks ?? workspace.checkin.everyWeeks,
  };
}

/**
 * Where a check-in slot cannot work: not a working day, outside working hours, in quiet hours.
 * Nudges are only sent when all three allow it, so such a slot would silently never fire.
 */
function slotProblems(
  slot: { weekday: Weekday; time: string },
  rules: Pick<WorkspaceSettings, 'workingDays' | 'workingHours' | 'quietHours'>,
): { weekday?: string; time?: string } {
  const problems: { weekday?: string; time?: string } = {};
  if (!rules.workingDays.includes(slot.weekday))
    problems.weekday = `${WEEKDAY_NAMES[slot.weekday]} is not a working day. Pick one of: ${rules.workingDays.map((d) => WEEKDAY_NAMES[d]).join(', ')}.`;
  if (!isWithin(slot.time, rules.workingHours))
    problems.time = `Pick a time within working hours (${rules.workingHours.start}–${rules.workingHours.end}).`;
  else if (isWithin(slot.time, rules.quietHours))
    problems.time = `${slot.time} is in quiet hours (${rules.quietHours.start}–${rules.quietHours.end}). Pick another time.`;
  return problems;
}

/** Check-in cadence and working time, as typed (an organization's or one of its workspaces'). */
export interface WorkingTimeInput {
  checkinWeekday: string | null;
  checkinTime: string | null;
  checkinEveryWeeks: string | null;
  workingDays: string[];
  workStart: string | null;
  workEnd: string | null;
  quietStart: string | null;
  quietEnd: string | null;
}

type WorkingTimeField = keyof WorkingTimeInput;

/** A skip-level choice of one Slack workspace: its own, or the organization's. */
export const TEAM_SKIP_LEVEL_CHOICES = ['organization', 'on', 'off'] as const;
export type TeamSkipLevelChoice = (typeof TEAM_SKIP_LEVEL_CHOICES)[number];

/** One Slack workspace's own settings, as typed; a blank threshold keeps the organization's. */
export interface TeamSettingsInput extends WorkingTimeInput {
  anonymityThreshold: string | null;
  /** One of TEAM_SKIP_LEVEL_CHOICES; null when the form did not offer it (the organization's). */
  skipLevelVisibility: string | null;
}

export type TeamSettingsField = keyof TeamSettingsInput;

/** The workspace settings form as typed; numbers arrive as text from Slack. */
export interface WorkspaceSettingsInput extends WorkingTimeInput {
  /** Null when the form does not offer the choice (not an org-wide install): one set of settings. */
  settingsScope: string | null;
  anonymityThreshold: string | null;
  skipLevelVisibility: boolean;
  defaultTimezone: string | null;
  aiMode: string | null;
  assistantToolCalls: string | null;
  assistantTokens: string | null;
}

export type WorkspaceSettingsField = Exclude<keyof WorkspaceSettingsInput, 'skipLevelVisibility'>;

const PICK_A_TIME = 'Pick a time.';

/** Check-in cadence and working time, checked alike for an organization and for one of its workspaces. */
function checkWorkingTime(input: WorkingTimeInput, errors: FieldErrors<WorkingTimeField>): Omit<TeamSettingsValues, keyof TeamPolicy> | undefined {
  const weekday = Number(input.checkinWeekday);
  if (!isWeekday(weekday)) errors.checkinWeekday = 'Choose the day check-ins are asked for.';
  if (!isLocalTime(input.checkinTime)) errors.checkinTime = PICK_A_TIME;
  const everyWeeks = Number(input.checkinEveryWeeks);
  if (everyWeeks !== 1 && everyWeeks !== 2) errors.checkinEveryWeeks = 'Choose every week or every two weeks.';

  const workingDays = [...new Set(input.workingDays.map(Number))].filter(isWeekday).sort();
  if (workingDays.length === 0 || workingDays.length !== input.workingDays.length) errors.workingDays = 'Pick at least one working day.';
  if (!isLocalTime(input.workStart)) errors.workStart = PICK_A_TIME;
  if (!isLocalTime(input.workEnd)) errors.workEnd = PICK_A_TIME;
  else if (isLocalTime(input.workStart) && input.workEnd <= input.workStart)
    errors.workEnd = `Working hours must end after they start (${input.workStart}).`;
  if (!isLocalTime(input.quietStart)) errors.quietStart = PICK_A_TIME;
  if (!isLocalTime(input.quietEnd)) errors.quietEnd = PICK_A_TIME;
  else if (input.quietEnd === input.quietStart) errors.quietEnd = 'Quiet hours must end at a different time than they start.';
  if (
    !isWeekday(weekday) ||
    !isLocalTime(input.checkinTime) ||
    (everyWeeks !== 1 && everyWeeks !== 2) ||
    !isLocalTime(input.workStart) ||
    !isLocalTime(input.workEnd) ||
    !isLocalTime(input.quietStart) ||
    !isLocalTime(input.quietEnd)
  )
    return undefined;
  return {
    checkin: { weekday, time: input.checkinTime, everyWeeks },
    workingDays,
    workingHours: { start: input.workStart, end: input.workEnd },
    quietHours: { start: input.quietStart, end: input.quietEnd },
  };
}

/** An anonymity threshold as typed: the number, or why it cannot be one. */
function checkThreshold(text: string | null): { ok: true; value: number } | { ok: false; error: string } {
  const threshold = wholeNumber(text);
  const { anonymityMin, anonymityMax } = SETTINGS_LIMITS;
  if (!Number.isInteger(threshold)) return { ok: false, error: 'Enter a whole number.' };
  if (threshold < anonymityMin) return { ok: false, error: `At least ${anonymityMin}, so no answer can be traced back to one person.` };
  if (threshold > anonymityMax) return { ok: false, error: `At most ${anonymityMax}.` };
  return { ok: true, value: threshold };
}

/** A check-in slot that would never fire under the working time, as errors on the slot's fields. */
function slotErrors(value: Pick<WorkspaceSettings, 'checkin' | 'workingDays' | 'workingHours' | 'quietHours'>): FieldErrors<WorkingTimeField> | undefined {
  const slot = slotProblems(value.checkin, value);
  if (!slot.weekday && !slot.time) return undefined;
  return { ...(slot.weekday && { checkinWeekday: slot.weekday }), ...(slot.time && { checkinTime: slot.time }) };
}

/** Validated like the organization's; a blank threshold and the 'organization' choice keep the organization's values. */
export function validateTeamSettings(input: TeamSettingsInput): Validated<TeamSettingsValues, TeamSettingsField> {
  const errors: FieldErrors<TeamSettingsField> = {};
  const workingTime = checkWorkingTime(input, errors);
  const typed = input.anonymityThreshold?.trim() ?? '';
  const threshold = typed === '' ? undefined : checkThreshold(typed);
  if (threshold && !threshold.ok) errors.anonymityThreshold = `${threshold.error} Or leave it blank for the organization’s.`;
  const skip = input.skipLevelVisibility ?? 'organization';
  if (!(TEAM_SKIP_LEVEL_CHOICES as readonly string[]).includes(skip)) errors.skipLevelVisibility = 'Choose on, off, or the organization’s setting.';
  if (!workingTime || Object.keys(errors).length > 0) return { ok: false, errors };
  const value: TeamSettingsValues = {
    ...workingTime,
    anonymityThreshold: threshold?.ok ? threshold.value : null,
    skipLevelVisibility: skip === 'organization' ? null : skip === 'on',
  };
  const slot = slotErrors(value);
  return slot ? { ok: false, errors: slot } : { ok: true, value };
}

export function validateWorkspaceSettings(
  input: WorkspaceSettingsInput,
  isTimezone: (zone: string) => boolean,
): Validated<WorkspaceSettingsValues, WorkspaceSettingsField> {
  const errors: FieldErrors<WorkspaceSettingsField> = {};
  const workingTime = checkWorkingTime(input, errors);
  const scope = input.settingsScope ?? 'organization';
  if (!isSettingsScope(scope)) errors.settingsScope = 'Choose one set of settings for the organization, or settings per workspace.';

  const threshold = checkThreshold(input.anonymityThreshold);
  if (!threshold.ok) errors.anonymityThreshold = threshold.error;

  const timezone = input.defaultTimezone?.trim() ?? '';
  if (!isTimezone(timezone)) errors.defaultTimezone = 'Use an IANA timezone name such as Europe/London or America/New_York.';
  const aiMode = input.aiMode;
  if (!isAiMode(aiMode)) errors.aiMode = 'Choose whether AI drafts are on, offline only, or off.';
  const { assistantToolCallsMax, assistantTokensMax } = SETTINGS_LIMITS;
  const toolCalls = wholeNumber(input.assistantToolCalls);
  if (!Number.isInteger(toolCalls) || toolCalls < 0 || toolCalls > assistantToolCallsMax)
    errors.assistantToolCalls = `Enter a whole number from 0 (assistant off) to ${assistantToolCallsMax.toLocaleString('en-US')}.`;
  const tokens = wholeNumber(input.assistantTokens);
  if (!Number.isInteger(tokens) || tokens < 0 || tokens > assistantTokensMax)
    errors.assistantTokens = `Enter a whole number from 0 to ${assistantTokensMax.toLocaleString('en-US')}.`;

  if (Object.keys(errors).length > 0 || !workingTime || !threshold.ok || !isAiMode(aiMode) || !isSettingsScope(scope)) return { ok: false, errors };

  const value: WorkspaceSettingsValues = {
    defaultTimezone: timezone,
    ...workingTime,
    anonymityThreshold: threshold.value,
    skipLevelVisibility: input.skipLevelVisibility,
    aiMode,
    assistantLimits: { toolCalls, tokens },
    scope,
  };
  const slot = slotErrors(value);
  return slot ? { ok: false, errors: slot } : { ok: true, value };
}

/** The personal settings form as typed. Blank cadence fields mean "use the workspace default". */
export interface PersonalSettingsInput {
  checkinWeekday: string | null;
  checkinTime: string | null;
  checkinEveryWeeks: string | null;
  pausedUntil: string | null;
  enabledNudges: string[];
  aiOptOut: boolean;
}

export type PersonalSettingsField = Exclude<keyof PersonalSettingsInput, 'aiOptOut'>;

/** `today` is the person's own calendar day, so "not in the past" means what they see. */
export function validatePersonalSettings(
  input: PersonalSettingsInput,
  workspace: WorkspaceSettings,
  today: string,
): Validated<PersonalSettings, PersonalSettingsField> {
  const errors: FieldErrors<PersonalSettingsField> = {};
  const weekday = input.checkinWeekday ? Number(input.checkinWeekday) : null;
  if (weekday !== null && !isWeekday(weekday)) errors.checkinWeekday = 'Choose a day, or the workspace default.';
  const time = input.checkinTime || null;
  if (time !== null && !isLocalTime(time)) errors.checkinTime = PICK_A_TIME;
  const everyWeeks = input.checkinEveryWeeks ? Number(input.checkinEveryWeeks) : null;
  if (everyWeeks !== null && everyWeeks !== 1 && everyWeeks !== 2) errors.checkinEveryWeeks = 'Choose how often, or the workspace default.';

  const pausedUntil = input.pausedUntil?.trim() || null;
  if (pausedUntil) {
    const day = DateTime.fromISO(pausedUntil, { zone: 'utc' });
    const start = DateTime.fromISO(today, { zone: 'utc' });
    const latest = start.plus({ days: SETTINGS_LIMITS.pauseMaxDays });
    if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(pausedUntil)) errors.pausedUntil = 'Pick a valid date.';
    else if (day < start) errors.pausedUntil = 'That day has passed. Pick today or a later day, or clear the date to resume.';
    else if (day > latest) errors.pausedUntil = `Pause for at most a year (until ${latest.toISODate()}).`;
  }

  const known = new Set<string>(NUDGE_KINDS);
  if (input.enabledNudges.some((kind) => !known.has(kind))) errors.enabledNudges = 'Choose from the listed kinds of nudges.';

  if (Object.keys(errors).length > 0 || (weekday !== null && !isWeekday(weekday)) || (everyWeeks !== null && everyWeeks !== 1 && everyWeeks !== 2))
    return { ok: false, errors };

  const value: PersonalSettings = {
    checkin: { weekday, time, everyWeeks },
    pausedUntil,
    mutedNudges: NUDGE_KINDS.filter((kind) => !input.enabledNudges.includes(kind)),
    aiOptOut: input.aiOptOut,
  };
  // Only what the person chose is checked: the workspace default is the admins' to keep working.
  if (weekday !== null || time !== null) {
    const slot = slotProblems(effectiveCadence(workspace, value), workspace);
    const own: FieldErrors<PersonalSettingsField> = {};
    if (weekday !== null && slot.weekday) own.checkinWeekday = slot.weekday;
    if (time !== null && slot.time) own.checkinTime = slot.time;
    if (Object.keys(own).length > 0) return { ok: false, errors: own };
  }
  return { ok: true, value };
}
