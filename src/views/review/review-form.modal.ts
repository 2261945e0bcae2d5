import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { displayName } from '../../domain/person';
import { type ReviewAnswers, type ReviewQuestion, type TemplateField } from '../../domain/review-template';
import type { WritingSuggestion } from '../../domain/writing-check';
import type { FormAids } from '../../services/review-drafts.service';
import type { FormQuestion, ReviewForm } from '../../services/review.service';
import { suggestionLines } from '../ai/writing-check.blocks';
import { context, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { AiAction, ReviewAction, reviewDraftedQuestionBlock, reviewQuestionBlock, reviewSuggestionsBlock, ReviewBlock, ReviewCallbackId } from '../ids';
import { input, option, staticSelect } from '../inputs';
import { readFormState } from '../state';

const NA = 'na';
const DRAFT = 'draft';

/**
 * Carried through Slack with the view; the service checks again who may write it. `drafted`:
 * questions whose input carries the drafted block id (see reviewDraftedQuestionBlock).
 */
const metadataSchema = z.object({
  participantId: z.uuid(),
  role: z.enum(['self', 'manager']),
  drafted: z.array(z.string().max(100)).max(100).default([]),
});
export type ReviewFormMetadata = z.infer<typeof metadataSchema>;

export function parseReviewMetadata(text: string): ReviewFormMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function questionElement(q: FormQuestion, answer: ReviewAnswers[string] | undefined): Parameters<typeof input>[2] {
  const { question } = q;
  switch (question.kind) {
    case 'rating':
    case 'competency': {
      const points = (q.scale ?? []).map((label, i) => option(truncate(`${i + 1} – ${label}`, 75), String(i + 1)));
      const options = question.allowNa ? [...points, option('N/A', NA)] : points;
      const initial = answer && 'rating' in answer ? String(answer.rating) : undefined;
      return staticSelect(options, initial);
    }
    case 'text':
      return { type: 'plain_text_input', multiline: true, ...(answer && 'text' in answer ? { initial_value: answer.text } : {}) };
    case 'single_choice':
      return staticSelect(
        question.options.map((o) => option(truncate(o, 75), o)),
        answer && 'choices' in answer ? answer.choices[0] : undefined,
      );
    case 'multiple_choice': {
      const options = question.options.map((o) => option(truncate(o, 75), o));
      const chosen = answer && 'choices' in answer ? options.filter((o) => answer.choices.includes(o.value ?? '')) : [];
      return { type: 'checkboxes', options, ...(chosen.length > 0 ? { initial_options: chosen } : {}) };
    }
  }
}

function hintOf(question: ReviewQuestion, readers: string): string {
  return question.kind === 'text' ? `${readers} · Up to ${question.wordLimit} words` : readers;
}

/** The AI's part of the form: drafts offered per text question, marks on drafted answers, the writing check. */
export interface ReviewFormAids extends FormAids {
  /** Questions whose input takes the drafted block id this time (the draft was just put in). */
  draftedBlocks: readonly string[];
  /** The last writing check, per question; undefined: not checked yet. */
  suggestions?: ReadonlyMap<string, readonly WritingSuggestion[]>;
}

const NO_AIDS: ReviewFormAids = { draftsOffered: false, writingCheckOffered: false, drafted: new Map(), draftedBlocks: [] };

/** The block a question's answer is typed in, on a form drawn with `draftedBlocks`. */
export const questionBlockOf = (questionId: string, draftedBlocks: readonly string[]) =>
  draftedBlocks.includes(questionId) ? reviewDraftedQuestionBlock(questionId) : reviewQuestionBlock(questionId);

/** The mark on an answer that still holds an AI draft (in the hint: a form has at most 100 blocks). */
const AI_DRAFTED_MARK = '✨ AI-drafted: edit it into your own words (the mark goes once you change it)';

/** What follows a text question: its writing-check suggestions, its draft button. */
function textAids(form: ReviewForm, q: FormQuestion, aids: ReviewFormAids): KnownBlock[] {
  const id = q.question.id;
  const blocks: KnownBlock[] = [];
  const found = aids.suggestions?.get(id);
  if (found && found.length > 0) blocks.push({ ...context(...suggestionLines(found)), block_id: reviewSuggestionsBlock(id) });
  if (aids.draftsOffered)
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: plain('Draft with AI'), action_id: AiAction.DraftAnswer, value: `${form.participantId}:${form.role}:${id}` }],
    });
  return blocks;
}

/**
 * The self-assessment or manager review: each question with who reads its answers, drafts kept
 * until submitted. Optional inputs, so a draft can be saved half-done; the service asks for every
 * answer on submit.
 */
export function buildReviewFormModal(form: ReviewForm, aids: ReviewFormAids = NO_AIDS): ModalView {
  const title = form.role === 'self' ? 'Self-assessment' : 'Manager review';
  const intro =
    form.role === 'self'
      ? `Your self-assessment${form.dueOn ? `, due ${form.dueOn}` : ''}.`
      : `Your review of ${escapeMrkdwn(displayName(form.person))}${form.dueOn ? `, due ${form.dueOn}` : ''}.`;
  const blocks: KnownBlock[] = [
    {
      ...section(intro),
      accessory: { type: 'button', action_id: ReviewAction.Evidence, text: plain('See the evidence'), value: form.participantId },
    },
    context('Goals, check-ins, feedback shared with the manager and 360 summaries of the period, to open beside this form.'),
  ];
  if (form.carriedFrom === 'previous_manager') blocks.push(context(':memo: Started from the draft their previous manager wrote; it stays theirs as well.'));
  if (form.carriedFrom === 'previous_cycle') blocks.push(context(':memo: Prefilled with your answers from the last cycle, where the question is the same.'));
  if (aids.draftsOffered) blocks.push(context(':sparkles: *Draft with AI* under a question suggests an answer from the goals and check-ins you can see, with its sources. Nothing goes in unless you choose it.'));
  for (const q of form.questions) {
    const block = questionBlockOf(q.question.id, aids.draftedBlocks);
    const hint = aids.drafted.has(q.question.id) ? `${AI_DRAFTED_MARK} · ${hintOf(q.question, q.readers)}` : hintOf(q.question, q.readers);
    blocks.push(input(block, truncate(q.question.prompt, 2000), questionElement(q, form.answers[q.question.id]), { optional: true, hint: truncate(hint, 2000) }));
    if (q.question.kind === 'text') blocks.push(...textAids(form, q, aids));
  }
  if (aids.writingCheckOffered) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: plain('Check my writing'), action_id: AiAction.CheckReviewWriting, value: 'check' }] });
    if (aids.suggestions && [...aids.suggestions.values()].every((list) => list.length === 0))
      blocks.push(context(':white_check_mark: Nothing to suggest: specific, actionable and balanced as far as the check can tell.'));
  }
  blocks.push(input(ReviewBlock.Draft, 'Draft', { type: 'checkboxes', options: [option('Keep as a draft (submit later)', DRAFT)] }, { optional: true }));
  return {
    type: 'modal',
    callback_id: ReviewCallbackId.Form,
    title: plain(title),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ participantId: form.participantId, role: form.role, drafted: [...aids.draftedBlocks] } satisfies ReviewFormMetadata),
    blocks,
  };
}

/** The answers as typed, per question (under whichever block id the form gave it); the domain checks them. */
export function parseReviewState(values: unknown, questions: readonly ReviewQuestion[], draftedBlocks: readonly string[] = []): { answers: ReviewAnswers; draft: boolean } {
  const state = readFormState(values);
  const answers: ReviewAnswers = {};
  for (const question of questions) {
    const block = questionBlockOf(question.id, draftedBlocks);
    if (question.kind === 'rating' || question.kind === 'competency') {
      const chosen = state.option(block);
      if (chosen !== null) answers[question.id] = { rating: chosen === NA ? 'na' : Number(chosen) };
    } else if (question.kind === 'text') {
      const text = state.text(block);
      if (text !== null) answers[question.id] = { text };
    } else if (question.kind === 'single_choice') {
      const chosen = state.option(block);
      if (chosen !== null) answers[question.id] = { choices: [chosen] };
    } else {
      const chosen = state.options(block);
      if (chosen.length > 0) answers[question.id] = { choices: chosen };
    }
  }
  return { answers, draft: state.options(ReviewBlock.Draft).includes(DRAFT) };
}

/** The domain's errors on the blocks that show them; form-wide ones by the draft box. */
export function reviewErrorBlocks(errors: Partial<Record<TemplateField, string>>, draftedBlocks: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (!message) continue;
    out[field.startsWith('question_') ? questionBlockOf(field.slice('question_'.length), draftedBlocks) : ReviewBlock.Draft] = message;
  }
  return out;
}
