import { FEEDBACK_LIMITS, type FeedbackAnswer, type FeedbackRequest, isRating, type Rating } from './feedback';
import type { FieldErrors, Validated } from './goal';

/** The form's value for "N/A, I cannot say". */
export const NOT_APPLICABLE = 'na';

/** The answer form as filled in; a rating is the option's value ('1'..'5' or 'na'), per focus area. */
export interface FeedbackAnswerInput {
  ratings: ReadonlyArray<string | null>;
  comments: ReadonlyArray<string | null>;
  customAnswer: string | null;
  strengths: string | null;
  suggestions: string | null;
}

/** Per focus area fields carry its position: `rating.0`, `comment.2`. */
export type AnswerField = `rating.${number}` | `comment.${number}` | 'customAnswer' | 'strengths' | 'suggestions';

const tooLong = (value: string, max: number) => `Keep it to ${max.toLocaleString('en-US')} characters or fewer (this has ${value.length.toLocaleString('en-US')}).`;

function readRating(value: string | null | undefined): Rating | null | undefined {
  if (value === NOT_APPLICABLE) return null;
  const rating = Number(value);
  return value && isRating(rating) ? rating : undefined;
}

function readRatings(input: ReadonlyArray<string | null>, areas: number, errors: FieldErrors<AnswerField>): Array<Rating | null> {
  const ratings: Array<Rating | null> = [];
  for (let i = 0; i < areas; i += 1) {
    const rating = readRating(input[i]);
    if (rating === undefined) errors[`rating.${i}`] = 'Choose a rating, or N/A if you cannot say.';
    ratings.push(rating ?? null);
  }
  return ratings;
}

function text(value: string | null | undefined, max: number, field: AnswerField, errors: FieldErrors<AnswerField>): string | null {
  const trimmed = value?.trim() || null;
  if (trimmed && trimmed.length > max) errors[field] = tooLong(trimmed, max);
  return trimmed;
}

export function validateAnswer(
  input: FeedbackAnswerInput,
  request: Pick<FeedbackRequest, 'focusAreas' | 'customQuestion'>,
): Validated<FeedbackAnswer, AnswerField> {
  const errors: FieldErrors<AnswerField> = {};
  const areas = request.focusAreas.length;
  const ratings = readRatings(input.ratings, areas, errors);
  const comments = request.focusAreas.map((_, i) => text(input.comments[i], FEEDBACK_LIMITS.commentMax, `comment.${i}`, errors));
  const customAnswer = request.customQuestion ? text(input.customAnswer, FEEDBACK_LIMITS.longAnswerMax, 'customAnswer', errors) : null;
  const strengths = text(input.strengths, FEEDBACK_LIMITS.longAnswerMax, 'strengths', errors);
  const suggestions = text(input.suggestions, FEEDBACK_LIMITS.longAnswerMax, 'suggestions', errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // An empty answer would still count towards the threshold, releasing a summary of nothing.
  const saysSomething = ratings.some((r) => r !== null) || [...comments, customAnswer, strengths, suggestions].some((t) => t !== null);
  if (!saysSomething) return { ok: false, errors: { strengths: 'Rate at least one focus area or write something. If you cannot say anything, decline the request instead.' } };
  return { ok: true, value: { ratings, comments, customAnswer, strengths, suggestions } };
}

/** The subject's own ratings, to compare with what others see. */
export function validateSelfRating(input: ReadonlyArray<string | null>, request: Pick<FeedbackRequest, 'focusAreas'>): Validated<Array<Rating | null>, AnswerField> {
  const errors: FieldErrors<AnswerField> = {};
  const ratings = readRatings(input, request.focusAreas.length, errors);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: ratings };
}

export function validateDeclineReason(reason: string | null): Validated<string | null, 'reason'> {
  const trimmed = reason?.trim() || null;
  if (trimmed && trimmed.length > FEEDBACK_LIMITS.declineReasonMax) return { ok: false, errors: { reason: tooLong(trimmed, FEEDBACK_LIMITS.declineReasonMax) } };
  return { ok: true, value: trimmed };
}
