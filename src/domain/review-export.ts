import type { PersonRef } from './person-export';
import type { ReviewAnswer, ReviewQuestion } from './review-template';

/** One answer as the export shows it: the question's words beside what was answered. */
export interface ExportedAnswer {
  question: string;
  answer: ReviewAnswer;
}

/**
 * Reviews in a person's data export: what they may see of their own (their self-assessment; once
 * the summary is shared, the manager's answers to questions the template lets the employee read, the
 * summary and who signed when) and the manager reviews they wrote about others.
 */
export interface ReviewExport {
  own: Array<{
    cycle: string;
    selfAssessment: { answers: ExportedAnswer[]; submittedAt: string | null } | null;
    /** Only once shared, and only the questions the employee may read. */
    managerReview: { answers: ExportedAnswer[]; submittedAt: string | null } | null;
    summary: { agreed: string; nextSteps: string[]; sharedAt: string } | null;
    signOffs: Array<{ side: 'employee' | 'manager'; signedAt: string | null; comment: string | null }>;
  }>;
  written: Array<{ cycle: string; about: PersonRef; answers: ExportedAnswer[]; submittedAt: string | null }>;
}

/** Answers in template order, each with its question; `readable` keeps only the questions the reader may read. */
export function exportAnswers(questions: readonly ReviewQuestion[], answers: Readonly<Record<string, ReviewAnswer>>, readable: (q: ReviewQuestion) => boolean = () => true): ExportedAnswer[] {
  return questions.flatMap((q) => {
    const answer = answers[q.id];
    return answer && readable(q) ? [{ question: q.prompt, answer }] : [];
  });
}
