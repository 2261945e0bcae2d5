import { DateTime } from 'luxon';
import type { Goal, GoalStatus } from './goal';

/** Statuses of goals still being worked on: the ones deadlines and risks apply to. */
const OPEN_STATUSES: readonly GoalStatus[] = ['not_started', 'on_track', 'at_risk', 'off_track'];

export const isOpen = (status: GoalStatus): boolean => OPEN_STATUSES.includes(status);

/** Progress may lag the share of time elapsed by this many points before Cadence suggests "at risk". */
const AT_RISK_LAG_POINTS = 25;

const day = (isoDate: string) => DateTime.fromISO(isoDate, { zone: 'utc' });

/** Whole days from `today` to the target date: negative once it has passed. */
export function daysLeft(targetDate: string, today: string): number {
  return Math.round(day(targetDate).diff(day(today), 'days').days);
}

/** The target date passed and the goal is still open. */
export function isOverdue(goal: Pick<Goal, 'status' | 'targetDate'>, today: string): boolean {
  return !!goal.targetDate && isOpen(goal.status) && daysLeft(goal.targetDate, today) < 0;
}

/** The share of the time from `startDate` to the target date that has gone by, 0..100. */
export function elapsedShare(startDate: string, targetDate: string, today: string): number {
  const total = daysLeft(targetDate, startDate);
  if (total <= 0) return daysLeft(targetDate, today) <= 0 ? 100 : 0;
  return Math.min(100, Math.max(0, (daysLeft(today, startDate) / total) * 100));
}

/**
 * Whether Cadence suggests "at risk": progress lags the share of time elapsed by more than
 * AT_RISK_LAG_POINTS. Only a goal its owner calls not started or on track gets the suggestion;
 * any other status is already a judgement. `startDate` is the day the goal was set.
 */
export function suggestsAtRisk(goal: Pick<Goal, 'status' | 'targetDate' | 'progress'>, startDate: string, today: string): boolean {
  if (!goal.targetDate || (goal.status !== 'not_started' && goal.status !== 'on_track')) return false;
  return elapsedShare(startDate, goal.targetDate, today) - goal.progress > AT_RISK_LAG_POINTS;
}

/** What a manager should look at: at risk or off track (said or suggested), or overdue. */
export interface AttentionFlags {
  atRisk: boolean;
  overdue: boolean;
}

export function attentionFlags(goal: Pick<Goal, 'status' | 'targetDate' | 'progress'>, startDate: string, today: string): AttentionFlags {
  return {
    atRisk: goal.status === 'at_risk' || goal.status === 'off_track' || suggestsAtRisk(goal, startDate, today),
    overdue: isOverdue(goal, today),
  };
}
