import type { FieldErrors, GoalStatus, Validated } from './goal';
import { wholeNumber } from './key-result';

export const CHECKIN_LIMITS = { textMax: 3000, confidenceMin: 0, confidenceMax: 10, moodMin: 1, moodMax: 5 } as const;

/**
 * Goals the check-in form asks about, the ones due soonest first. Each takes up to eight blocks
 * (title, five key results, status, note) and its ids ride in the view's 3000-character metadata:
 * six keeps both Slack limits with room for the rest of the form.
 */
export const CHECKIN_GOALS_MAX = 6;

/** Goals still being worked on: the ones a check-in reports progress for. */
export const isActiveGoalStatus = (status: GoalStatus): boolean => status !== 'completed' && status !== 'deferred' && status !== 'archived';

/** What a person answers for one period. */
export interface CheckinAnswers {
  wins: string | null;
  blockers: string | null;
  /** How sure they are of reaching their goals, 0..10. */
  confidence: number;
  /** 1 (rough) .. 5 (great), when they chose to say. */
  mood: number | null;
  /** Whether their manager may see the mood itself; otherwise it only counts towards the team's. */
  moodShared: boolean;
}

export interface Checkin extends CheckinAnswers {
  periodId: string;
  /** The local day of the period's nudge slot, 'YYYY-MM-DD'. */
  period: string;
}

/** The check-in form as typed; numbers arrive as text from Slack. */
export interface CheckinInput {
  wins: string | null;
  blockers: string | null;
  confidence: string | null;
  mood: string | null;
  moodShared: boolean;
}

export type CheckinField = 'wins' | 'blockers' | 'confidence' | 'mood';

function wholeNumberIn(text: string | null, min: number, max: number): number | undefined {
  const value = wholeNumber(text);
  return Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}

const tooLong = (text: string) => `Keep it to ${CHECKIN_LIMITS.textMax} characters or fewer (this has ${text.length}).`;

export function validateCheckin(input: CheckinInput): Validated<CheckinAnswers, CheckinField> {
  const errors: FieldErrors<CheckinField> = {};
  const wins = input.wins?.trim() || null;
  const blockers = input.blockers?.trim() || null;
  if (wins && wins.length > CHECKIN_LIMITS.textMax) errors.wins = tooLong(wins);
  if (blockers && blockers.length > CHECKIN_LIMITS.textMax) errors.blockers = tooLong(blockers);
  // A check-in with neither tells a manager nothing; one of the two is enough.
  if (!wins && !blockers) errors.wins = 'Tell us at least one thing: a win, or what is in your way.';

  const { confidenceMin, confidenceMax, moodMin, moodMax } = CHECKIN_LIMITS;
  const confidence = wholeNumberIn(input.confidence, confidenceMin, confidenceMax);
  if (confidence === undefined) errors.confidence = `Pick how confident you are, from ${confidenceMin} to ${confidenceMax}.`;
  const mood = input.mood?.trim() ? wholeNumberIn(input.mood, moodMin, moodMax) : null;
  if (mood === undefined) errors.mood = `Pick a mood from ${moodMin} to ${moodMax}, or leave it empty.`;

  if (Object.keys(errors).length > 0 || confidence === undefined || mood === undefined) return { ok: false, errors };
  return { ok: true, value: { wins, blockers, confidence, mood, moodShared: mood !== null && input.moodShared } };
}

/**
 * A period's note with one more reply in the nudge's thread: replies join in order, as a person
 * often says a thing in two messages. Undefined when it would not fit, or says nothing.
 */
export function appendReply(note: string | null, reply: string): string | undefined {
  const text = reply.trim();
  if (!text) return undefined;
  const joined = note ? `${note}\n\n${text}` : text;
  return joined.length <= CHECKIN_LIMITS.textMax ? joined : undefined;
}
