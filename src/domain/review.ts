import type { DateTime } from 'luxon';
import { z } from 'zod';
import type { CycleStatus, PhaseDates, ReviewItem } from './review-cycle';
import { QUESTION_ANSWERERS, REVIEW_READERS, type ReviewAnswers, type ReviewQuestion } from './review-template';
import type { ReviewStepKind } from './review-schedule';

/** The records of a review cycle, as services see them (times as luxon, JSON parsed). */

export interface TemplateVersion {
  id: string;
  templateId: string;
  workspaceId: string;
  version: number;
  name: string;
  questions: ReviewQuestion[];
}

export interface ReviewCycle {
  id: string;
  workspaceId: string;
  name: string;
  templateVersionId: string;
  status: CycleStatus;
  phases: PhaseDates;
  createdAt: DateTime;
  launchedAt: DateTime | null;
  closedAt: DateTime | null;
}

export interface ReviewSummary {
  agreed: string;
  /** The agreed rating per rated question of the template (a point of its scale, 1-based, or N/A). */
  ratings?: Record<string, number | 'na'>;
  nextSteps: string[];
}

export interface ReviewParticipant {
  id: string;
  cycleId: string;
  personId: string;
  reopenedAt: DateTime | null;
  conversationAt: DateTime | null;
  summary: ReviewSummary | null;
  sharedAt: DateTime | null;
  sharedBy: string | null;
}

export interface ReviewResponse {
  id: string;
  participantId: string;
  role: 'self' | 'manager';
  authorId: string;
  answers: ReviewAnswers;
  updatedAt: DateTime;
  submittedAt: DateTime | null;
}

export interface ReviewSignOff {
  participantId: string;
  side: 'employee' | 'manager';
  personId: string;
  comment: string | null;
  signedAt: DateTime | null;
}

export type ReviewStepState = 'scheduled' | 'done' | 'skipped' | 'cancelled';
export type ReviewStepRecordKind = ReviewStepKind | 'late_nudge';

export interface ReviewStep {
  id: string;
  participantId: string;
  item: ReviewItem;
  kind: ReviewStepRecordKind;
  dueAt: DateTime;
  state: ReviewStepState;
}

/** The ledger key of a step's message: one DM per step row, whatever retries or reconciles. */
export const reviewStepDedupeKey = (stepId: string) => `review-step-${stepId}`;

// ---- stored JSON, checked where it is read ----

const base = { id: z.string().min(1), prompt: z.string(), answeredBy: z.array(z.enum(QUESTION_ANSWERERS)), readableBy: z.array(z.enum(REVIEW_READERS)) };
export const questionSchema: z.ZodType<ReviewQuestion> = z.discriminatedUnion('kind', [
  z.object({ ...base, kind: z.literal('rating'), labels: z.array(z.string()), allowNa: z.boolean() }),
  z.object({ ...base, kind: z.literal('text'), wordLimit: z.number().int() }),
  z.object({ ...base, kind: z.enum(['single_choice', 'multiple_choice']), options: z.array(z.string()) }),
  z.object({ ...base, kind: z.literal('competency'), competencyId: z.string(), allowNa: z.boolean() }),
]);
export const answersSchema: z.ZodType<ReviewAnswers> = z.record(
  z.string(),
  z.union([z.object({ rating: z.union([z.number().int(), z.literal('na')]) }), z.object({ text: z.string() }), z.object({ choices: z.array(z.string()) })]),
);
export const summarySchema: z.ZodType<ReviewSummary> = z.object({
  agreed: z.string(),
  ratings: z.record(z.string(), z.union([z.number().int(), z.literal('na')])).optional(),
  nextSteps: z.array(z.string()),
});
