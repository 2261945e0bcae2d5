import type { DateTime } from 'luxon';
import type { Checkin } from './checkin';
import { addDays, answerWindowEnd, firstPeriodFrom, followingPeriod, localDay, type NudgeRules, nextNudgeMoment } from './checkin-schedule';
import type { CheckinCadence } from './settings';

/**
 * The weekly manager digest, as pure arithmetic and pure summaries.
 *
 * A digest period is the workspace's check-in day in the manager's own zone ('YYYY-MM-DD'), and
 * the digest goes out once the period's check-in window has closed for the manager and every
 * report (see `digestDueAt`), in working time (so never in quiet hours). Local times become
 * instants through `atLocal`, which is where DST is handled, exactly as for the nudges.
 */

export interface DigestScheduleInput {
  zone: string;
  /** The workspace default: a manager's own override says when they check in, not when their team does. */
  cadence: CheckinCadence;
  rules: NudgeRules;
  /** A local calendar day; no digest is due up to and including it. */
  pausedUntil: string | null;
}

export interface DueDigest {
  period: string;
  dueAt: DateTime;
}

/** Pauses last at most a year: enough periods to step over one. */
const MAX_PERIODS = 60;
const RECOMPUTE_GRACE_MINUTES = 5;

/**
 * When the digest for `period` goes out: the first working moment after the period's check-in
 * window closes on the manager's calendar (the end of working hours on the next working day), so
 * every check-in that still counts for the period is in it. `reportsReadyAt` holds it back
 * further for reports whose window closes later, in zones behind the manager's.
 */
export function digestDueAt(period: string, input: Pick<DigestScheduleInput, 'zone' | 'rules'>): DateTime | undefined {
  const { zone, rules } = input;
  return nextNudgeMoment(answerWindowEnd(period, zone, rules), zone, rules);
}

/** When the last of these reports' check-in windows for `period` closes, each in their own zone. */
export function reportsReadyAt(period: string, reportZones: readonly string[], rules: NudgeRules): DateTime | undefined {
  return reportZones.map((zone) => answerWindowEnd(period, zone, rules)).reduce<DateTime | undefined>((a, b) => (!a || b > a ? b : a), undefined);
}

/**
 * The next digest after `lastPeriod` whose moment has not passed (give or take a few minutes, so
 * a schedule recomputed just after its moment still sends it) and does not fall in a pause. A
 * dispatcher back from downtime finds the row already due and sends it late instead.
 */
export function nextDigest(input: DigestScheduleInput, now: DateTime, lastPeriod: string | null): DueDigest | undefined {
  const { zone, cadence, pausedUntil } = input;
  const notBefore = now.minus({ minutes: RECOMPUTE_GRACE_MINUTES });
  let from = addDays(localDay(now, zone), -7 * cadence.everyWeeks);
  if (lastPeriod !== null && lastPeriod >= from) from = addDays(lastPeriod, 1);
  let period = firstPeriodFrom(from, cadence);
  for (let step = 0; step < MAX_PERIODS; step += 1, period = followingPeriod(period, cadence)) {
    const dueAt = digestDueAt(period, input);
    if (!dueAt) return undefined;
    if (dueAt < notBefore) continue;
    if (pausedUntil !== null && localDay(dueAt, zone) <= pausedUntil) continue;
    return { period, dueAt };
  }
  return undefined;
}

/** The report periods a digest looks back on: the check-in days of its cycle, give or take a zone. */
export function digestWindow(period: string, cadence: Pick<CheckinCadence, 'everyWeeks'>): { from: string; to: string } {
  // A report a day ahead of the manager (Auckland and London) has its check-in day one day later.
  return { from: addDays(period, 1 - 7 * cadence.everyWeeks), to: addDays(period, 1) };
}

// ---- content ----

export interface DigestReport {
  personId: string;
  name: string;
  /** Their check-in of the cycle, when the manager may see it and they made one. */
  checkin: Checkin | undefined;
}

export interface DigestBlocker {
  personId: string;
  name: string;
  text: string;
}

export interface MoodAggregate {
  average: number;
  count: number;
}

export interface DigestSummary {
  checkedIn: DigestReport[];
  missing: DigestReport[];
  blockers: DigestBlocker[];
  /** Undefined when too few moods were given to show one without exposing someone's. */
  teamMood: MoodAggregate | undefined;
  /** Only the moods their authors chose to share with their manager. */
  sharedMoods: Array<{ personId: string; name: string; mood: number }>;
}

/**
 * Whether the team's mood may be shown. It needs `threshold` moods (the workspace's anonymity
 * threshold, never below 3); and when some moods were shared, the unshared ones must be 0 or at
 * least `threshold` too: otherwise average × count minus the shared moods gives away one person's
 * unshared mood (or a pair's).
 */
export function moodAggregate(checkins: readonly Checkin[], threshold: number): MoodAggregate | undefined {
  const moods = checkins.filter((c): c is Checkin & { mood: number } => c.mood !== null);
  const unshared = moods.filter((c) => !c.moodShared).length;
  const minimum = Math.max(3, threshold);
  if (moods.length < minimum) return undefined;
  if (unshared > 0 && unshared < minimum) return undefined;
  const average = moods.reduce((sum, c) => sum + c.mood, 0) / moods.length;
  return { average: Math.round(average * 10) / 10, count: moods.length };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

export function summarizeDigest(reports: readonly DigestReport[], moodThreshold: number): DigestSummary {
  const sorted = [...reports].sort(byName);
  const checkedIn = sorted.filter((r) => r.checkin !== undefined);
  const checkins = checkedIn.flatMap((r) => (r.checkin ? [{ report: r, checkin: r.checkin }] : []));
  return {
    checkedIn,
    missing: sorted.filter((r) => r.checkin === undefined),
    blockers: checkins.flatMap(({ report, checkin }) => (checkin.blockers ? [{ personId: report.personId, name: report.name, text: checkin.blockers }] : [])),
    teamMood: moodAggregate(
      checkins.map((c) => c.checkin),
      moodThreshold,
    ),
    sharedMoods: checkins.flatMap(({ report, checkin }) =>
      checkin.moodShared && checkin.mood !== null ? [{ personId: report.personId, name: report.name, mood: checkin.mood }] : [],
    ),
  };
}
