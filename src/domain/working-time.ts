import { DateTime } from 'luxon';
import { addDays, atLocal, isNudgeMoment, localDay, nextNudgeMoment } from './checkin-schedule';
import type { WorkspaceSettings } from './settings';

/**
 * The one rule for every message Cadence starts (anything that is not a direct answer to the
 * person's own action): it reaches them on a working day, in working hours, outside quiet hours
 * and after a pause, all on their own calendar. The arithmetic is the nudges' (DST-correct,
 * `src/domain/checkin-schedule.ts`); everything else asks here.
 */
export type WorkingTime = Pick<WorkspaceSettings, 'workingDays' | 'workingHours' | 'quietHours'>;

/** Whether a moment, in the person's own zone, is on a working day, in working hours and not in quiet hours. */
export function isNudgeTime(local: DateTime, rules: WorkingTime): boolean {
  return isNudgeMoment(local, local.zoneName ?? 'utc', rules);
}

/**
 * The first moment at or after `at` when a message may reach someone living in `zone`. Returns
 * `at` itself when the rules leave no slot at all, so a misconfigured workspace still gets its
 * reminders rather than none.
 */
export function nextNudgeTime(at: DateTime, zone: string, rules: WorkingTime): DateTime {
  return (nextNudgeMoment(at.toUTC(), zone, rules) ?? at).toUTC();
}

/**
 * The first working moment at or after `at` that is also after a pause whose last day (on the
 * person's calendar) is `pausedUntil`.
 */
export function nextWorkingMoment(at: DateTime, zone: string, rules: WorkingTime, pausedUntil: string | null): DateTime {
  const back = pausedUntil ? DateTime.fromISO(pausedUntil, { zone }).plus({ days: 1 }).startOf('day') : at;
  return nextNudgeTime(back > at ? back : at, zone, rules);
}

/** How far back a working moment is looked for; every week has a working day, so one is found. */
const LOOK_BACK_DAYS = 14;

/**
 * The last moment at or before `at` when a message may reach someone living in `zone`: for a
 * reminder that must come ahead of a deadline, never after it. Working time can only close when
 * working hours end or quiet hours start, so the minute before either is the only candidate on
 * each earlier day. Returns `at` itself when the rules leave no slot at all.
 */
export function previousNudgeTime(at: DateTime, zone: string, rules: WorkingTime): DateTime {
  if (isNudgeMoment(at, zone, rules)) return at.toUTC();
  const today = localDay(at, zone);
  for (let day = 0; day <= LOOK_BACK_DAYS; day += 1) {
    const date = addDays(today, -day);
    const closing = [rules.workingHours.end, rules.quietHours.start]
      .map((time) => atLocal(date, time, zone).minus({ minutes: 1 }))
      .filter((candidate) => candidate <= at && isNudgeMoment(candidate, zone, rules))
      .sort((a, b) => b.toMillis() - a.toMillis())[0];
    if (closing) return closing.toUTC();
  }
  return at.toUTC();
}
