import type { DateTime } from 'luxon';
import { isWithin, type WorkspaceSettings, type Weekday } from './settings';

/** The workspace rules that say when a nudge may reach someone. */
export type WorkingTime = Pick<WorkspaceSettings, 'workingDays' | 'workingHours' | 'quietHours'>;

/** How far ahead a slot is looked for; rules that leave none in two weeks are broken, not strict. */
const SEARCH_DAYS = 14;

/** Whether a moment, in the person's own zone, is on a working day, in working hours and not in quiet hours. */
export function isNudgeTime(local: DateTime, rules: WorkingTime): boolean {
  const time = local.toFormat('HH:mm');
  return rules.workingDays.includes(local.weekday as Weekday) && isWithin(time, rules.workingHours) && !isWithin(time, rules.quietHours);
}

/**
 * The first moment at or after `at` when a nudge may reach someone living in `zone`. A slot can
 * only open when working hours start or quiet hours end, so those are the only candidates; luxon
 * moves a candidate that falls in a DST gap forward. Returns `at` itself when the rules leave no
 * slot at all, so a misconfigured workspace still gets its reminders rather than none.
 */
export function nextNudgeTime(at: DateTime, zone: string, rules: WorkingTime): DateTime {
  const local = at.setZone(zone);
  if (isNudgeTime(local, rules)) return at.toUTC();
  const opening = [rules.workingHours.start, rules.quietHours.end].map((hhmm) => {
    const [hour = 0, minute = 0] = hhmm.split(':').map(Number);
    return { hour, minute };
  });
  for (let day = 0; day <= SEARCH_DAYS; day += 1) {
    const date = local.startOf('day').plus({ days: day });
    const candidates = opening
      .map((time) => date.set({ ...time, second: 0, millisecond: 0 }))
      .filter((candidate) => candidate > local)
      .sort((a, b) => a.toMillis() - b.toMillis());
    const slot = candidates.find((candidate) => isNudgeTime(candidate, rules));
    if (slot) return slot.toUTC();
  }
  return at.toUTC();
}
