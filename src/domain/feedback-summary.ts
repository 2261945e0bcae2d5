import { randomInt } from 'node:crypto';
import { type FeedbackAnswer, type FeedbackRequest, RATINGS, type Rating } from './feedback';

/** One focus area across every answer: numbers, and comments with nothing to say whose they are. */
export interface FocusAreaSummary {
  label: string;
  /** Mean of the ratings given, one decimal; null when everyone chose N/A. */
  mean: number | null;
  rated: number;
  notApplicable: number;
  /** How many gave each rating: index 0 is a 1, index 4 a 5. */
  distribution: [number, number, number, number, number];
  /** The subject's own rating, when they rated themselves. */
  self: Rating | null;
  /** Others' mean minus the self-rating: positive when others rate the subject higher. */
  gap: number | null;
  comments: string[];
}

/** A released summary. It holds no author, and its comments come in a fresh random order each time. */
export interface FeedbackSummary {
  answered: number;
  focusAreas: FocusAreaSummary[];
  customQuestion: { question: string; answers: string[] } | null;
  strengths: string[];
  suggestions: string[];
  selfRated: boolean;
}

/** Picks an index in [0, n); injectable so tests can pin an order. */
export type Shuffler = (n: number) => number;

/** Fisher–Yates with a cryptographic source, so no order can be learnt or reproduced. */
export function shuffled<T>(items: readonly T[], pick: Shuffler = randomInt): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = pick(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const present = (texts: ReadonlyArray<string | null>): string[] => texts.filter((t): t is string => t !== null && t.trim() !== '');

export function summarize(
  request: Pick<FeedbackRequest, 'focusAreas' | 'customQuestion'>,
  answers: readonly FeedbackAnswer[],
  selfRatings: ReadonlyArray<Rating | null> | null,
  pick: Shuffler = randomInt,
): FeedbackSummary {
  const focusAreas = request.focusAreas.map((label, i): FocusAreaSummary => {
    const given = answers.map((a) => a.ratings[i] ?? null).filter((r): r is Rating => r !== null);
    const distribution = RATINGS.map((rating) => given.filter((r) => r === rating).length) as FocusAreaSummary['distribution'];
    const mean = given.length > 0 ? round1(given.reduce((sum, r) => sum + r, 0) / given.length) : null;
    const self = selfRatings?.[i] ?? null;
    return {
      label,
      mean,
      rated: given.length,
      notApplicable: answers.length - given.length,
      distribution,
      self,
      gap: mean !== null && self !== null ? round1(mean - self) : null,
      comments: shuffled(present(answers.map((a) => a.comments[i] ?? null)), pick),
    };
  });
  return {
    answered: answers.length,
    focusAreas,
    customQuestion: request.customQuestion
      ? { question: request.customQuestion, answers: shuffled(present(answers.map((a) => a.customAnswer)), pick) }
      : null,
    strengths: shuffled(present(answers.map((a) => a.strengths)), pick),
    suggestions: shuffled(present(answers.map((a) => a.suggestions)), pick),
    selfRated: selfRatings !== null,
  };
}
