import { type Competency, type ReviewAnswers, type ReviewQuestion, scaleOf } from './review-template';

/**
 * Calibration, the optional phase between the manager reviews and the conversations: HR compares
 * how managers rated, question by question, across the cycle and per team, to spot one team rated
 * far harder or softer than the rest. Counts only: never whose rating is whose.
 */

/** How many ratings fell on each point of a scale (index 0 is point 1), and how many were N/A. */
export interface RatingCounts {
  points: number[];
  na: number;
}

export interface CalibrationQuestion {
  question: ReviewQuestion;
  scale: string[];
  all: RatingCounts;
  /** Per manager (null: people without one), in the order the teams were first met. */
  byTeam: Array<{ managerId: string | null; counts: RatingCounts }>;
}

/** A submitted manager review and the team it counts for. */
export interface SubmittedRating {
  managerId: string | null;
  answers: ReviewAnswers;
}

const empty = (size: number): RatingCounts => ({ points: Array.from({ length: size }, () => 0), na: 0 });

function add(counts: RatingCounts, rating: number | 'na'): void {
  if (rating === 'na') counts.na += 1;
  else if (Number.isInteger(rating) && rating >= 1 && rating <= counts.points.length) counts.points[rating - 1] = (counts.points[rating - 1] ?? 0) + 1;
}

/**
 * The spread of the managers' ratings on each rated question the manager answers and HR may read
 * (a question HR may not read is left out: calibration shows HR no more than the template allows).
 */
export function calibrate(questions: readonly ReviewQuestion[], competencies: ReadonlyMap<string, Pick<Competency, 'levels'>>, reviews: readonly SubmittedRating[]): CalibrationQuestion[] {
  return questions.flatMap((question) => {
    const scale = scaleOf(question, competencies);
    if (!scale || !question.answeredBy.includes('manager') || !question.readableBy.includes('hr')) return [];
    const all = empty(scale.length);
    const teams = new Map<string | null, RatingCounts>();
    for (const review of reviews) {
      const answer = review.answers[question.id];
      if (!answer || !('rating' in answer)) continue;
      const team = teams.get(review.managerId) ?? empty(scale.length);
      teams.set(review.managerId, team);
      add(all, answer.rating);
      add(team, answer.rating);
    }
    return [{ question, scale, all, byTeam: [...teams].map(([managerId, counts]) => ({ managerId, counts })) }];
  });
}
