import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import { displayName } from '../domain/person';
import type { ReviewAnswers } from '../domain/review-template';
import type { WritingSuggestion } from '../domain/writing-check';
import type { Logger } from '../lib/logger';
import type { AiService } from '../services/ai.service';
import type { ReviewDraftService } from '../services/review-drafts.service';
import type { ReviewForm, ReviewService } from '../services/review.service';
import { actionListener } from '../slack/listener';
import { buildNoticeModal } from '../views/access';
import { buildAnswerDraftModal, parseAnswerDraftMetadata } from '../views/ai/answer-draft.modal';
import { buildDraftModal, DRAFTING, noDraftText } from '../views/ai/draft.modal';
import { recencyBlocks } from '../views/ai/recency.blocks';
import { AiAction, AiCallbackId } from '../views/ids';
import { buildReviewFormModal, parseReviewMetadata, parseReviewState } from '../views/review/review-form.modal';
import { formSubmit } from '../views/submit';
import type { ListenerRegistry } from '../slack/listener-router';

export interface ReviewAiActionDeps {
  ai: AiService;
  reviews: ReviewService;
  reviewDrafts: ReviewDraftService;
  logger: Logger;
}

const STALE = 'This form is out of date. Close it and type /review again.';

const answerValue = z.templateLiteral([z.uuid(), ':', z.enum(['self', 'manager']), ':', z.string().min(1).max(100)]).transform((value) => {
  const [participantId = '', role, ...rest] = value.split(':') as [string, 'self' | 'manager', ...string[]];
  return { participantId, role, questionId: rest.join(':') };
});

/** The form's first rating, on the writing check's 1–5 scale, to weigh the tone of the text against. */
function ratingOf(form: ReviewForm, answers: ReviewAnswers): number | undefined {
  for (const { question, scale } of form.questions) {
    const answer = answers[question.id];
    if (!answer || !('rating' in answer) || answer.rating === 'na' || !scale || scale.length < 2) continue;
    return 1 + ((answer.rating - 1) * 4) / (scale.length - 1);
  }
  return undefined;
}

export function registerReviewAiActions(app: ListenerRegistry, deps: ReviewAiActionDeps): void {
  // "Draft with AI" under a question: the draft stacked on the form, or why there is none.
  app.action(
    AiAction.DraftAnswer,
    actionListener({
      name: 'draft an answer',
      logger: deps.logger,
      notices: { title: 'Draft with AI' },
      refused: STALE,
      value: answerValue,
      async handle(actor, { value, body }) {
        const form = body.view?.type === 'modal' ? parseReviewMetadata(body.view.private_metadata) : undefined;
        return {
          pending: DRAFTING,
          result: async () => {
            const result = await deps.reviewDrafts.answer(actor, value.participantId, value.role, value.questionId);
            if (!result.ok) return { modal: buildNoticeModal('Draft with AI', noDraftText(result.reason)) };
            return { modal: buildAnswerDraftModal(result.value, form?.drafted ?? []) };
          },
        };
      },
    }),
  );

  // The writing check over every text answer as typed; the form is redrawn with the same block ids, so nothing typed is lost.
  app.action(
    AiAction.CheckReviewWriting,
    actionListener({
      name: 'check the writing',
      logger: deps.logger,
      notices: { title: 'Review' },
      refused: STALE,
      async handle(actor, { body }) {
        const metadata = body.view?.type === 'modal' ? parseReviewMetadata(body.view.private_metadata) : undefined;
        if (!metadata || !body.view) return { notice: STALE };
        const form = await deps.reviews.form(actor, metadata.participantId, metadata.role);
        const { answers } = parseReviewState(
          body.view.state.values,
          form.questions.map((q) => q.question),
          metadata.drafted,
        );
        const rating = ratingOf(form, answers);
        const suggestions = new Map<string, WritingSuggestion[]>();
        for (const { question } of form.questions) {
          const answer = answers[question.id];
          if (question.kind !== 'text' || !answer || !('text' in answer)) continue;
          const found = await deps.ai.writingCheck(actor, { text: answer.text, rating });
          if (found) suggestions.set(question.id, found);
        }
        const typed = { ...form, answers: { ...form.answers, ...answers } };
        const aids = await deps.reviewDrafts.aids(actor, typed);
        return { modal: buildReviewFormModal(typed, { ...aids, draftedBlocks: metadata.drafted, suggestions }), place: 'replace' };
      },
    }),
  );

  // The manager's prep pack for the review conversation, from the DM that announces it.
  app.action(
    AiAction.ReviewPrep,
    actionListener({
      name: 'prepare the review conversation',
      logger: deps.logger,
      notices: { title: 'Review prep' },
      value: z.uuid(),
      async handle(actor, { value }) {
        return {
          pending: DRAFTING,
          result: async () => {
            const result = await deps.reviewDrafts.prepPack(actor, value);
            if (!result.ok) return { modal: buildNoticeModal('Review prep', noDraftText(result.reason)) };
            const { draft, subject, recency } = result.value;
            return { modal: buildDraftModal(draft, 'Review prep', `Questions for your review conversation with ${displayName(subject)}`, recencyBlocks(recency)) };
          },
        };
      },
    }),
  );

  // "Use this draft": the text goes into the form underneath, marked, and this modal closes.
  app.view(
    AiCallbackId.AnswerDraft,
    formSubmit({
      name: 'put the draft into your answer',
      logger: deps.logger,
      fallbackBlock: 'none',
      async handle(actor, view) {
        const metadata = parseAnswerDraftMetadata(view.private_metadata);
        const formViewId = view.previous_view_id;
        if (!metadata || !formViewId) return { update: buildNoticeModal('Draft with AI', STALE) };
        let placed;
        // This modal has no input to hang an error on: a refusal or a failure replaces it with a notice.
        try {
          placed = await deps.reviewDrafts.use(actor, metadata.participantId, metadata.role, metadata.questionId, metadata.text);
        } catch (error) {
          if (error instanceof AccessDeniedError) return { update: buildNoticeModal('Draft with AI', STALE) };
          deps.logger.error({ err: error, person: actor.id }, 'could not put the draft into the answer');
          return { update: buildNoticeModal('Draft with AI', 'Cadence could not put the draft into your answer just now. Please try again.') };
        }
        // A new block id for this question, so Slack shows the draft instead of what was typed there.
        const draftedBlocks = metadata.drafted.includes(metadata.questionId) ? metadata.drafted.filter((id) => id !== metadata.questionId) : [...metadata.drafted, metadata.questionId];
        const modal = buildReviewFormModal(placed.form, { ...placed.aids, draftedBlocks });
        return { close: true, afterwards: async (client) => void (await client.views.update({ view_id: formViewId, view: modal })) };
      },
    }),
  );
}
