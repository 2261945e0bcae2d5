import type { DateTime } from 'luxon';
import { recencyOf, type MonthSpread } from '../ai/recency';
import { answerSpec, ANSWER_SECTION, reviewPrepSpec } from '../ai/review-specs';
import type { Draft, Evidence } from '../ai/types';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import { countWords, type ReviewAnswers, type ReviewQuestion, type ReviewRole } from '../domain/review-template';
import type { Clock } from '../lib/clock';
import { findCycle, findParticipant } from '../repositories/review-cycle.repository';
import { deleteReviewAiDrafts, listReviewAiDrafts, saveReviewAiDraft } from '../repositories/review-ai-draft.repository';
import type { AccessService } from './access.service';
import type { AiService } from './ai.service';
import type { ReviewForm, ReviewService } from './review.service';

/** How far before a cycle's launch its evidence reaches: the half-year a review usually covers. */
export const REVIEW_PERIOD_MONTHS = 6;
/** The longest draft a form takes in (Slack's text input holds 3000 characters). */
export const DRAFT_TEXT_MAX = 3000;

export type TextQuestion = Extract<ReviewQuestion, { kind: 'text' }>;

export interface ReviewDraft {
  draft: Draft;
  subject: Person;
  /** How the records behind it spread over the period, month by month. */
  recency: MonthSpread[];
  /** The period's first day, 'YYYY-MM-DD'. */
  from: string;
}

export interface AnswerDraft extends ReviewDraft {
  participantId: string;
  role: ReviewRole;
  question: TextQuestion;
  /** The draft as answer text, whole sentences within the word limit; undefined when there is none to offer. */
  text: string | undefined;
}

export type Drafted<T> = { ok: true; value: T } | { ok: false; reason: 'off' | 'opted_out' };

/** What a review form offers besides its questions. */
export interface FormAids {
  draftsOffered: boolean;
  writingCheckOffered: boolean;
  /** Question id to the AI draft its answer still holds unedited: marked on the form. */
  drafted: ReadonlyMap<string, string>;
}

export interface ReviewDraftService {
  aids(actor: Person, form: ReviewForm): Promise<FormAids>;
  /** A draft answer to one text question of the form the actor writes (self-assessment or manager review). */
  answer(actor: Person, participantId: string, role: ReviewRole, questionId: string): Promise<Drafted<AnswerDraft>>;
  /** The actor chose to put `text` into the question's answer: the form, with it in place and marked. */
  use(actor: Person, participantId: string, role: ReviewRole, questionId: string, text: string): Promise<{ form: ReviewForm; aids: FormAids }>;
  /** After a save: answers that no longer hold their draft lose the mark. */
  settle(actor: Person, participantId: string, role: ReviewRole, answers: ReviewAnswers): Promise<void>;
  /** The manager's prep pack: questions for the review conversation, each tied to one record they may see. */
  prepPack(actor: Person, participantId: string): Promise<Drafted<ReviewDraft>>;
}

/** Whole sentences, in order, as long as they fit the question's word limit. */
export function answerText(draft: Draft, wordLimit: number): string | undefined {
  const sentences = draft.sections.find((s) => s.key === ANSWER_SECTION)?.sentences ?? [];
  const kept: string[] = [];
  for (const { text } of sentences) {
    const next = [...kept, text.trim()].join(' ');
    if (countWords(next) > wordLimit || next.length > DRAFT_TEXT_MAX) break;
    kept.push(text.trim());
  }
  return kept.length > 0 ? kept.join(' ') : undefined;
}

export function createReviewDraftService(deps: { db: Db; clock: Clock; access: AccessService; ai: AiService; reviews: ReviewService }): ReviewDraftService {
  const { db, clock, access, ai, reviews } = deps;

  /** The period a review covers: from six months before the cycle's launch, to today. */
  async function periodOf(participantId: string): Promise<DateTime> {
    const participant = await findParticipant(db, participantId);
    const cycle = participant && (await findCycle(db, participant.cycleId));
    if (!cycle) throw new AccessDeniedError('review.read', 'not_permitted');
    return (cycle.launchedAt ?? cycle.createdAt).minus({ months: REVIEW_PERIOD_MONTHS }).startOf('month');
  }

  async function marks(actor: Person, form: ReviewForm): Promise<Map<string, string>> {
    const stored = await listReviewAiDrafts(db, { participantId: form.participantId, role: form.role, authorId: actor.id });
    for (const [questionId, text] of stored) {
      const answer = form.answers[questionId];
      if (!answer || !('text' in answer) || answer.text !== text) stored.delete(questionId);
    }
    return stored;
  }

  async function aids(actor: Person, form: ReviewForm): Promise<FormAids> {
    const [available, writingCheckOffered, drafted] = await Promise.all([ai.availability(actor), ai.writingCheckOffered(actor), marks(actor, form)]);
    return { draftsOffered: available.via !== 'none', writingCheckOffered, drafted };
  }

  function textQuestion(form: ReviewForm, questionId: string): TextQuestion {
    const question = form.questions.find((q) => q.question.id === questionId)?.question;
    // A question the actor does not answer reads like one that does not exist.
    if (question?.kind !== 'text') throw new AccessDeniedError(form.role === 'self' ? 'review.self_assess' : 'review.manager_review', 'not_permitted');
    return question;
  }

  const day = (at: DateTime) => at.toUTC().toISODate() ?? '';

  return {
    aids,

    async answer(actor, participantId, role, questionId) {
      // The form checks who may write it, as it does when the form opens.
      const form = await reviews.form(actor, participantId, role);
      const question = textQuestion(form, questionId);
      const since = await periodOf(participantId);
      const result = await ai.draftAbout(actor, form.person, answerSpec(role, question), since);
      if (!result.ok) return result;
      const from = day(since);
      return {
        ok: true,
        value: {
          draft: result.draft,
          subject: result.subject,
          recency: recencyOf(result.evidence, result.draft, from, day(clock.now())),
          from,
          participantId,
          role,
          question,
          text: answerText(result.draft, question.wordLimit),
        },
      };
    },

    async use(actor, participantId, role, questionId, text) {
      const form = await reviews.form(actor, participantId, role);
      const question = textQuestion(form, questionId);
      const answer = text.trim().slice(0, DRAFT_TEXT_MAX);
      if (answer && countWords(answer) <= question.wordLimit) await saveReviewAiDraft(db, { participantId, role, authorId: actor.id }, questionId, answer, clock.now().toJSDate());
      const placed = { ...form, answers: { ...form.answers, ...(answer ? { [questionId]: { text: answer } } : {}) } };
      return { form: placed, aids: await aids(actor, placed) };
    },

    async settle(actor, participantId, role, answers) {
      const key = { participantId, role, authorId: actor.id };
      const stored = await listReviewAiDrafts(db, key);
      const edited = [...stored].filter(([questionId, text]) => {
        const answer = answers[questionId];
        return !answer || !('text' in answer) || answer.text.trim() !== text;
      });
      await deleteReviewAiDrafts(
        db,
        key,
        edited.map(([questionId]) => questionId),
      );
    },

    async prepPack(actor, participantId) {
      const reading = await reviews.read(actor, participantId);
      // Prep is the writer's: the manager of today, not a skip-level or HR reading along.
      await access.authorize(actor, 'review.manager_review', await access.subject(reading.person));
      const selfAnswers = reading.questions.flatMap(({ question, self }): Evidence[] =>
        self && 'text' in self && self.text.trim()
          ? [{ ref: `review_answer:${participantId}:${question.id}`, kind: 'review_answer', on: null, topic: question.prompt, label: `Self-assessment · ${question.prompt}`, text: self.text }]
          : [],
      );
      const since = await periodOf(participantId);
      const result = await ai.draftAbout(actor, reading.person, reviewPrepSpec, since, selfAnswers);
      if (!result.ok) return result;
      const from = day(since);
      return { ok: true, value: { draft: result.draft, subject: result.subject, recency: recencyOf(result.evidence, result.draft, from, day(clock.now())), from } };
    },
  };
}
