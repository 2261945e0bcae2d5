import {
  type AiMode,
  type CheckinCadence,
  type NudgeKind,
  type PersonalSettings,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type Weekday,
  type WorkspaceSettings,
} from '../../domain/settings';
import { option } from '../inputs';

export const NUDGE_LABELS: Record<NudgeKind, string> = {
  checkin: 'Check-in reminders',
  goal: 'Reminders about stale or overdue goals',
  feedback: 'Reminders to answer feedback requests',
  review: 'Review cycle reminders',
  digest: 'Weekly digest of my team (managers)',
};

export const AI_MODE_LABELS: Record<AiMode, string> = {
  on: 'On: drafts use the configured model, or are built offline without one',
  offline: 'Offline only: drafts are built inside Cadence, nothing is sent to a model',
  off: 'Off: no drafts and no writing checks',
};

export const weekdayOptions = () => WEEKDAYS.map((day) => option(WEEKDAY_NAMES[day], String(day)));

const every = (weeks: 1 | 2) => (weeks === 1 ? 'every week' : 'every two weeks');

/** "Fridays at 15:00, every week" */
export function describeCadence(cadence: CheckinCadence): string {
  return `${WEEKDAY_NAMES[cadence.weekday]}s at ${cadence.time}, ${every(cadence.everyWeeks)}`;
}

/** "Monday to Friday" for a run of days, else the days listed. */
export function describeDays(days: readonly Weekday[]): string {
  const sorted = [...days].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const isRun = first !== undefined && last !== undefined && last - first === sorted.length - 1;
  if (isRun && sorted.length > 2) return `${WEEKDAY_NAMES[first]} to ${WEEKDAY_NAMES[last]}`;
  return sorted.map((day) => WEEKDAY_NAMES[day]).join(', ');
}

export function describeWorkspace(settings: WorkspaceSettings): string[] {
  // Only an org-wide install can choose per-workspace settings: then these are the defaults.
  const perWorkspace = settings.scope === 'team' ? ' (the organization’s, for workspaces without their own)' : '';
  return [
    `Check-ins: ${describeCadence(settings.checkin)}, in each person's own timezone${perWorkspace}`,
    `Working time: ${describeDays(settings.workingDays)}, ${settings.workingHours.start}–${settings.workingHours.end}; quiet hours ${settings.quietHours.start}–${settings.quietHours.end}`,
    `Feedback stays anonymous below ${settings.anonymityThreshold} answers · Skip-level visibility ${settings.skipLevelVisibility ? 'on' : 'off'}${perWorkspace} · Default timezone ${settings.defaultTimezone}`,
    `AI drafts: ${settings.aiMode === 'on' ? 'on' : settings.aiMode === 'offline' ? 'offline only' : 'off'} · DM assistant: ${settings.assistantLimits.toolCalls} actions and ${settings.assistantLimits.tokens.toLocaleString('en-US')} tokens a person a day`,
  ];
}

/** The person's own settings in one line, noting which parts are theirs and which the workspace's. */
export function describePersonal(personal: PersonalSettings, cadence: CheckinCadence, today: string): string {
  const own = personal.checkin.weekday !== null || personal.checkin.time !== null || personal.checkin.everyWeeks !== null;
  const parts = [`Check-ins ${describeCadence(cadence)}${own ? '' : ' (workspace default)'}`];
  if (personal.pausedUntil && personal.pausedUntil >= today) parts.push(`paused until ${personal.pausedUntil}`);
  if (personal.mutedNudges.length > 0) parts.push(`${personal.mutedNudges.length} kind${personal.mutedNudges.length === 1 ? '' : 's'} of nudge turned off`);
  if (personal.aiOptOut) parts.push('AI drafts turned off');
  return parts.join(' · ');
}
