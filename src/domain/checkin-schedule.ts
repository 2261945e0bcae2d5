import type { DateTime } from 'luxon';
import { atLocal, dayNumber, localView } from './local-time';

export { atLocal } from './local-time';
import { type CheckinCadence, isWithin, type Weekday, type WorkspaceSettings } from './settings';

/**
 * When a person is asked to check in, as pure arithmetic on instants and local calendar days.
 *
 * A period is identified by the local calendar day of its nominal slot (the cadence's weekday and
 * time in the person's zone), as 'YYYY-MM-DD'. The nudge is due at that slot, moved forward into
 * working time when the slot is not in it. Local times become instants with `atLocal`, which is
 * where DST is handled: a time that does not exist that day is read as the first minute after the
 * gap, and a time that happens twice as its first occurrence, so it fires once.
 */

/** The workspace rules that say when a nudge may reach someone. */
export type NudgeRules = Pick<WorkspaceSettings, 'workingDays' | 'workingHours' | 'quietHours'>;

/** Everything that decides when one person is asked. */
export interface CheckinScheduleInput {
  /** IANA zone (the person's Slack timezone). */
  zone: string;
  cadence: CheckinCadence;
  rules: NudgeRules;
  /** A local calendar day; no nudges up to and including it. */
  pausedUntil: string | null;
}

export interface DueNudge {
  period: string;
  dueAt: DateTime;
}

export const SNOOZE_HOURS = 2;
/** The follow-up comes this long after working hours start on the next working day (09:30 for 09:00). */
const FOLLOW_UP_AFTER_START_MINUTES = 30;
/**
 * A slot that passed this recently is still ahead: the dispatcher ticks every minute, so a
 * schedule recomputed just after its slot (a settings change, a directory sync) still sends it.
 */
const RECOMPUTE_GRACE_MINUTES = 5;
/** How far ahead a working moment is looked for; every week has a working day, so one is found. */
const SEARCH_DAYS = 14;
/** Pauses last at most a year: enough slots to step over one. */
const MAX_SLOTS = 60;

// ---- calendar days as integers: pure, zone-free arithmetic on 'YYYY-MM-DD' ----

const DAY_MS = 86_400_000;

function dayOf(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(dayNumber(day) + days);
}

/** ISO weekday (1 = Monday) of a calendar day; day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: string): Weekday {
  return (((((dayNumber(day) + 3) % 7) + 7) % 7) + 1) as Weekday;
}

/**
 * Every-two-weeks cadences run in the even weeks counted from Monday 1970-01-05, so the same weeks
 * are chosen in every zone, for everyone, whenever their schedule was computed.
 */
function isCadenceWeek(day: string, everyWeeks: number): boolean {
  const week = Math.floor((dayNumber(day) - 4) / 7);
  return ((week % everyWeeks) + everyWeeks) % everyWeeks === 0;
}

/** The local calendar day of an instant in a zone. */
export function localDay(at: DateTime, zone: string): string {
  return localView(at, zone).day;
}

// ---- working time ----

/** On a working day, in working hours, and not in quiet hours, in the person's own zone. */
export function isNudgeMoment(at: DateTime, zone: string, rules: NudgeRules): boolean {
  const { weekday, time } = localView(at, zone);
  return rules.workingDays.includes(weekday) && isWithin(time, rules.workingHours) && !isWithin(time, rules.quietHours);
}

/**
 * The first moment at or after `at` when a nudge may reach the person. Working time can only open
 * when working hours start or quiet hours end, so those are the only candidates after `at`.
 * Undefined when the rules leave no moment at all (quiet hours covering all working hours).
 */
export function nextNudgeMoment(at: DateTime, zone: string, rules: NudgeRules): DateTime | undefined {
  if (isNudgeMoment(at, zone, rules)) return at;
  const today = localDay(at, zone);
  for (let day = 0; day <= SEARCH_DAYS; day += 1) {
    const date = addDays(today, day);
    const opening = [rules.workingHours.start, rules.quietHours.end]
      .map((time) => atLocal(date, time, zone))
      .filter((candidate) => candidate > at && isNudgeMoment(candidate, zone, rules))
      .sort((a, b) => a.toMillis() - b.toMillis())[0];
    if (opening) return opening;
  }
  return undefined;
}

function nextWorkingDay(day: string, rules: NudgeRules): string {
  for (let ahead = 1; ahead <= 7; ahead += 1) {
    const candidate = addDays(day, ahead);
    if (rules.workingDays.includes(weekdayOf(candidate))) return candidate;
  }
  return addDays(day, 1);
}

// ---- periods ----

/** The period key of the first slot on or after a local day. */
export function firstPeriodFrom(day: string, cadence: CheckinCadence): string {
  const offset = (cadence.weekday - weekdayOf(day) + 7) % 7;
  const candidate = addDays(day, offset);
  return isCadenceWeek(candidate, cadence.everyWeeks) ? candidate : addDays(candidate, 7);
}

export function followingPeriod(period: string, cadence: CheckinCadence): string {
  return addDays(period, 7 * cadence.everyWeeks);
}

/**
 * Until when a check-in still counts for a period: the end of working hours on the next working
 * day after its slot, so answering the next morning's follow-up still lands in the period it asks about.
 */
export function answerWindowEnd(period: string, zone: string, rules: NudgeRules): DateTime {
  return atLocal(nextWorkingDay(period, rules), rules.workingHours.end, zone);
}

/** The period a check-in made at `at` counts for: the first one whose answer window is still open. */
export function periodAt(at: DateTime, schedule: Pick<CheckinScheduleInput, 'zone' | 'cadence' | 'rules'>): string {
  const { zone, cadence, rules } = schedule;
  let period = firstPeriodFrom(addDays(localDay(at, zone), -7 * cadence.everyWeeks - SEARCH_DAYS), cadence);
  while (answerWindowEnd(period, zone, rules) <= at) period = followingPeriod(period, cadence);
  return period;
}

/**
 * The next nudge: the first period after `lastPeriod` whose slot, moved into working time, has
 * not passed (give or take a few minutes), and does not fall in a pause. `owed` is the period the
 * previous schedule was waiting for: if its slot passed in a recomputation, it is due at once
 * while it can still be answered, exactly as the dispatcher sends a nudge it is late for.
 * Undefined when the rules leave no working moment at all.
 */
export function nextNudge(schedule: CheckinScheduleInput, now: DateTime, lastPeriod: string | null, owed: string | null = null): DueNudge | undefined {
  const { zone, cadence, rules, pausedUntil } = schedule;
  const notBefore = now.minus({ minutes: RECOMPUTE_GRACE_MINUTES });
  // A week back: a slot just before now may still be ahead once moved into working time.
  let from = addDays(localDay(now, zone), -7);
  if (lastPeriod !== null && lastPeriod >= from) from = addDays(lastPeriod, 1);
  if (pausedUntil !== null && pausedUntil >= from) from = addDays(pausedUntil, 1);
  let period = firstPeriodFrom(from, cadence);
  for (let slot = 0; slot < MAX_SLOTS; slot += 1, period = followingPeriod(period, cadence)) {
    const slotAt = nextNudgeMoment(atLocal(period, cadence.time, zone), zone, rules);
    if (!slotAt) return undefined;
    // The dispatcher's late-send rule for the period the schedule still owed: a slot that passed
    // (moved east after it) is sent now, or at the next working moment, while it can be answered.
    const late = slotAt < notBefore;
    const dueAt = late && period === owed ? nextNudgeMoment(now, zone, rules) : slotAt;
    if (!dueAt || (late && (period !== owed || dueAt >= answerWindowEnd(period, zone, rules)))) continue;
    // Moved into working time past the end of a pause: still a period the person was away for.
    if (pausedUntil !== null && localDay(dueAt, zone) <= pausedUntil) continue;
    return { period, dueAt };
  }
  return undefined;
}

/** The one follow-up: the next working morning after the nudge went out. */
export function followUpAt(nudgedAt: DateTime, zone: string, rules: NudgeRules): DateTime | undefined {
  const day = nextWorkingDay(localDay(nudgedAt, zone), rules);
  const [hour = 0, minute = 0] = rules.workingHours.start.split(':').map(Number);
  const total = hour * 60 + minute + FOLLOW_UP_AFTER_START_MINUTES;
  const later = `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  const time = total < 24 * 60 && isWithin(later, rules.workingHours) ? later : rules.workingHours.start;
  return nextNudgeMoment(atLocal(day, time, zone), zone, rules);
}

/** "Snooze 2h": two hours on (to the minute, as every nudge is), or the next working moment after that. */
export function snoozedUntil(now: DateTime, zone: string, rules: NudgeRules): DateTime | undefined {
  return nextNudgeMoment(now.plus({ hours: SNOOZE_HOURS }).startOf('minute'), zone, rules);
}
