import { DateTime } from 'luxon';
import type { Goal } from './goal';
import { isOverdue, isOpen } from './goal-status';
import { nextWorkingMoment, type WorkingTime } from './working-time';

/** A goal nobody has touched for this long is stale (PRODUCT.md, nudges table). */
export const STALE_AFTER_DAYS = 21;

/** Why a goal is stale; at least one of the two is set. */
export interface StaleReason {
  /** The newest entry of its history, when that is STALE_AFTER_DAYS or more ago. */
  noUpdateSince: DateTime | null;
  /** The target date, when it passed (on the owner's calendar) with the goal still open. */
  targetPassed: string | null;
}

/**
 * Whether a goal is stale now: still open (not completed, deferred or archived) and either not
 * updated for STALE_AFTER_DAYS (measured in exact days from `lastUpdateAt`, the newest entry of its
 * history) or past its target date in the owner's own calendar (`ownerToday`).
 */
export function staleReason(
  goal: Pick<Goal, 'status' | 'targetDate'>,
  lastUpdateAt: DateTime,
  now: DateTime,
  ownerToday: string,
): StaleReason | undefined {
  if (!isOpen(goal.status)) return undefined;
  const idle = lastUpdateAt.toUTC().plus({ days: STALE_AFTER_DAYS }) <= now;
  const overdue = isOverdue(goal, ownerToday);
  if (!idle && !overdue) return undefined;
  return { noUpdateSince: idle ? lastUpdateAt : null, targetPassed: overdue ? goal.targetDate : null };
}

/**
 * Bounds that every stale goal falls within, whatever its owner's timezone, so the detector can ask
 * an index for candidates and let `staleReason` decide each one: updated at or before
 * `updatedBefore`, or with a target date before `targetBefore` (the calendar day where it is
 * latest on Earth, UTC+14, so no owner's "today" is later).
 */
export function staleCandidateBounds(now: DateTime): { updatedBefore: DateTime; targetBefore: string } {
  return {
    updatedBefore: now.toUTC().minus({ days: STALE_AFTER_DAYS }),
    targetBefore: now.setZone('UTC+14').toISODate() ?? '',
  };
}

/**
 * When a stale-goal nudge may reach its owner: the first moment in their working hours, out of
 * quiet hours, and after a pause (the last day of which is `pausedUntil`, on their calendar).
 */
export function staleNudgeAt(now: DateTime, zone: string, pausedUntil: string | null, rules: WorkingTime): DateTime {
  return nextWorkingMoment(now, zone, rules, pausedUntil);
}
