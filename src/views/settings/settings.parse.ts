import type {
  PersonalSettingsField,
  PersonalSettingsInput,
  TeamSettingsField,
  TeamSettingsInput,
  WorkingTimeInput,
  WorkspaceSettingsField,
  WorkspaceSettingsInput,
} from '../../domain/settings';
import { SettingsBlock as B } from '../ids';
import { type FormState, readFormState } from '../state';
import { AI_OPT_OUT, WORKSPACE_DEFAULT } from './personal-settings.modal';
import { SKIP_LEVEL_ON } from './workspace-settings.modal';

function parseWorkingTime(state: FormState): WorkingTimeInput {
  return {
    checkinWeekday: state.option(B.CheckinWeekday),
    checkinTime: state.time(B.CheckinTime),
    checkinEveryWeeks: state.option(B.CheckinEveryWeeks),
    workingDays: state.options(B.WorkingDays),
    workStart: state.time(B.WorkStart),
    workEnd: state.time(B.WorkEnd),
    quietStart: state.time(B.QuietStart),
    quietEnd: state.time(B.QuietEnd),
  };
}

export function parseTeamSettings(values: unknown): TeamSettingsInput {
  const state = readFormState(values);
  return {
    ...parseWorkingTime(state),
    anonymityThreshold: state.text(B.AnonymityThreshold),
    skipLevelVisibility: state.option(B.SkipLevel),
  };
}

export function parseWorkspaceSettings(values: unknown): WorkspaceSettingsInput {
  const state = readFormState(values);
  return {
    ...parseWorkingTime(state),
    // Absent unless the workspace is an org-wide install (the form offers no choice otherwise).
    settingsScope: state.option(B.Scope),
    anonymityThreshold: state.text(B.AnonymityThreshold),
    skipLevelVisibility: state.options(B.SkipLevel).includes(SKIP_LEVEL_ON),
    defaultTimezone: state.text(B.DefaultTimezone),
    aiMode: state.option(B.AiMode),
    assistantToolCalls: state.text(B.AssistantToolCalls),
    assistantTokens: state.text(B.AssistantTokens),
  };
}

const workingTimeBlocks: Record<keyof WorkingTimeInput, string> = {
  checkinWeekday: B.CheckinWeekday,
  checkinTime: B.CheckinTime,
  checkinEveryWeeks: B.CheckinEveryWeeks,
  workingDays: B.WorkingDays,
  workStart: B.WorkStart,
  workEnd: B.WorkEnd,
  quietStart: B.QuietStart,
  quietEnd: B.QuietEnd,
};

export const teamSettingsBlocks: Record<TeamSettingsField, string> = {
  ...workingTimeBlocks,
  anonymityThreshold: B.AnonymityThreshold,
  skipLevelVisibility: B.SkipLevel,
};

export const workspaceSettingsBlocks: Record<WorkspaceSettingsField, string> = {
  ...workingTimeBlocks,
  settingsScope: B.Scope,
  anonymityThreshold: B.AnonymityThreshold,
  defaultTimezone: B.DefaultTimezone,
  aiMode: B.AiMode,
  assistantToolCalls: B.AssistantToolCalls,
  assistantTokens: B.AssistantTokens,
};

const ownChoice = (value: string | null) => (value === WORKSPACE_DEFAULT ? null : value);

export function parsePersonalSettings(values: unknown): PersonalSettingsInput {
  const state = readFormState(values);
  return {
    checkinWeekday: ownChoice(state.option(B.CheckinWeekday)),
    checkinTime: state.time(B.CheckinTime),
    checkinEveryWeeks: ownChoice(state.option(B.CheckinEveryWeeks)),
    pausedUntil: state.date(B.PausedUntil),
    enabledNudges: state.options(B.Nudges),
    aiOptOut: state.options(B.AiOptOut).includes(AI_OPT_OUT),
  };
}

export const personalSettingsBlocks: Record<PersonalSettingsField, string> = {
  checkinWeekday: B.CheckinWeekday,
  checkinTime: B.CheckinTime,
  checkinEveryWeeks: B.CheckinEveryWeeks,
  pausedUntil: B.PausedUntil,
  enabledNudges: B.Nudges,
};
