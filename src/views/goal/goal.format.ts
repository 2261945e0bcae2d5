import { DateTime } from 'luxon';
import type { Goal, GoalLevel, GoalVisibility } from '../../domain/goal';
import { attentionFlags, daysLeft, isOpen, suggestsAtRisk } from '../../domain/goal-status';
import type { KeyResult, KeyResultKind } from '../../domain/key-result';
import type { Person } from '../../domain/person';
import { keyResultProgress } from '../../domain/progress';
import type { SmartHint } from '../../domain/smart-hints';
import { escapeMrkdwn } from '../blocks';
import { CATEGORY_LABELS, formatDueDate, STATUS_LABELS } from '../format';

/** Who reads a goal surface: deadlines and times are shown as they live them. */
export interface GoalViewContext {
  /** Their calendar day, 'YYYY-MM-DD'. */
  today: string;
  /** Their IANA timezone. */
  zone: string;
  /** Their person id, so their own changes read "You". */
  viewerId: string;
}

export const viewerContext = (viewer: Pick<Person, 'id' | 'timezone'>, today: string): GoalViewContext => ({ today, zone: viewer.timezone, viewerId: viewer.id });

export const LEVEL_LABELS: Record<GoalLevel, string> = { company: 'Company', team: 'Team', individual: 'Individual' };
export const VISIBILITY_LABELS: Record<GoalVisibility, string> = { private: 'Private', public: 'Public' };
export const KIND_LABELS: Record<KeyResultKind, string> = { number: 'Number', percent: 'Percentage', currency: 'Currency', yes_no: 'Yes / no' };

const BAR_CELLS = 10;

/** Progress as text: a bar of ten cells and the percentage, never rounded up to look done. */
export function progressBar(progress: number): string {
  const percent = Math.floor(Math.min(100, Math.max(0, progress)));
  const filled = Math.floor(percent / BAR_CELLS);
  return `\`${'█'.repeat(filled)}${'░'.repeat(BAR_CELLS - filled)}\` ${percent}%`;
}

const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** A currency symbol ($, €) goes before the number, % and ° right after it, a word (ms, USD, customers) after a space. */
function withUnit(text: string, unit: string | null): string {
  if (!unit) return text;
  if (/^\p{Sc}+$/u.test(unit)) return `${escapeMrkdwn(unit)}${text}`;
  return /^[%‰°]/u.test(unit) ? `${text}${escapeMrkdwn(unit)}` : `${text} ${escapeMrkdwn(unit)}`;
}

export function formatValue(kr: Pick<KeyResult, 'kind' | 'unit'>, value: number): string {
  if (kr.kind === 'yes_no') return value >= 1 ? 'done' : 'not done';
  if (kr.kind === 'percent') return `${number(value)}%`;
  return withUnit(number(value), kr.unit);
}

/** One key result on one line: where it started, where it aims, where it is. */
export function keyResultLine(kr: KeyResult): string {
  const title = escapeMrkdwn(kr.title);
  if (kr.kind === 'yes_no') return `${kr.current >= 1 ? ':white_check_mark:' : ':white_large_square:'} ${title}`;
  return `• ${title}: ${formatValue(kr, kr.start)} → ${formatValue(kr, kr.target)}, now *${formatValue(kr, kr.current)}* (${Math.floor(keyResultProgress(kr))}%)`;
}

export const shortDate = (isoDate: string) => DateTime.fromISO(isoDate, { zone: 'utc' }).toFormat('d LLL yyyy', { locale: 'en-GB' });

/** "12 days left", "due today", "3 days overdue"; for a goal no longer open, just its date. */
export function timeLeft(goal: Pick<Goal, 'status' | 'targetDate'>, today: string): string {
  if (!goal.targetDate) return 'no target date';
  if (!isOpen(goal.status)) return `due ${shortDate(goal.targetDate)}`;
  const days = daysLeft(goal.targetDate, today);
  if (days === 0) return 'due today';
  if (days > 0) return `${days} day${days === 1 ? '' : 's'} left`;
  return `:alarm_clock: ${-days} day${days === -1 ? '' : 's'} overdue`;
}

/** The day a goal was set, on the reader's calendar: where "time elapsed" starts. */
export const startDate = (goal: Pick<Goal, 'createdAt'>, zone: string): string => goal.createdAt.setZone(zone).toISODate() ?? '';

/** Progress bar, status and time left, with Cadence's at-risk suggestion when progress lags. */
export function statusLine(goal: Goal, context: GoalViewContext): string {
  const parts = [progressBar(goal.progress), STATUS_LABELS[goal.status], timeLeft(goal, context.today)];
  if (suggestsAtRisk(goal, startDate(goal, context.zone), context.today)) parts.push(':warning: _looks at risk_');
  return parts.join(' · ');
}

/** A manager's flags: at risk (said or suggested) and overdue. */
export function attentionMarks(goal: Goal, context: GoalViewContext): string {
  const flags = attentionFlags(goal, startDate(goal, context.zone), context.today);
  return [flags.atRisk ? ':warning:' : '', flags.overdue ? ':alarm_clock:' : ''].filter(Boolean).join(' ');
}

/** Level, category, who sees it and when it is due, on one line. */
export function goalFacts(goal: Goal, today: string): string {
  const due = goal.targetDate ? `Due ${formatDueDate(goal.targetDate, today)}` : 'No target date';
  return `${LEVEL_LABELS[goal.level]} · ${CATEGORY_LABELS[goal.category]} · ${goal.visibility === 'private' ? ':lock: Private' : ':earth_africa: Public'} · ${due}`;
}

const HINT_TEXT: Record<SmartHint, string> = {
  no_measurable_key_result: 'Add a key result with a number (how many, how much) so progress measures itself.',
  vague_words: 'Words like “improve”, “better” or “more” say which way, not how far: put a number in the title or a key result.',
  no_target_date: 'Set a target date so everyone knows when it is due.',
  far_target: 'The target is more than a year away: consider a nearer goal aligned to this one.',
};

export const hintLines = (hints: readonly SmartHint[]): string[] => hints.map((hint) => `:bulb: ${HINT_TEXT[hint]}`);
