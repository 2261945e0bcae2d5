import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { DateTime } from 'luxon';
import { z } from 'zod';
import { FEEDBACK_LIMITS, type FeedbackAnswer, type FeedbackRequest, type Rating } from '../../domain/feedback';
import { type AnswerField, type FeedbackAnswerInput, NOT_APPLICABLE } from '../../domain/feedback-answer-rules';
import { displayName, type Person } from '../../domain/person';
import type { AnswerContext, AnswerFormField } from '../../services/feedback-answer.service';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { FeedbackAction, FeedbackBlock as B, FeedbackCallbackId } from '../ids';
import { input } from '../inputs';
import { mention } from '../people/people.format';
import { readFormState } from '../state';
import { answerAudience, answerBy, focusAreaList, ratingOptions, whoAsked } from './feedback.format';

const ratingBlock = (i: number) => `${B.RatingPrefix}${i}`;
const commentBlock = (i: number) => `${B.CommentPrefix}${i}`;

/** Which request a form answers, or which answer it edits: kept in the view's private_metadata. */
const answerTarget = z.union([z.object({ requestId: z.uuid() }), z.object({ editKey: z.string().min(20).max(100) })]);
export type AnswerTarget = z.infer<typeof answerTarget>;

export function readAnswerTarget(privateMetadata: string | undefined): AnswerTarget | undefined {
  try {
    const parsed = answerTarget.safeParse(JSON.parse(privateMetadata ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function ratingInput(label: string, i: number, initial: Rating | null | undefined, hint?: string): KnownBlock {
  const options: PlainTextOption[] = ratingOptions();
  const value = initial === undefined ? undefined : initial === null ? NOT_APPLICABLE : String(initial);
  const chosen = options.find((o) => o.value === value);
  return input(ratingBlock(i), label, { type: 'static_select', options, placeholder: plain('Pick a rating'), ...(chosen ? { initial_option: chosen } : {}) }, hint ? { hint } : {});
}

function textInput(blockId: string, label: string, max: number, initial: string | null | undefined, placeholder?: string): KnownBlock {
  return input(
    blockId,
    label,
    {
      type: 'plain_text_input',
      multiline: true,
      max_length: max,
      ...(initial ? { initial_value: initial } : {}),
      ...(placeholder ? { placeholder: plain(placeholder) } : {}),
    },
    { optional: true },
  );
}

/** The answer form, new or being edited; it says who reads the answer, and how, before it is sent. */
export function buildAnswerModal(ctx: AnswerContext, reader: Person, now: DateTime, editing?: { editKey: string; answer: FeedbackAnswer }): ModalView {
  const { request, subject, requester } = ctx;
  const name = displayName(subject);
  const answer = editing?.answer;
  const blocks: KnownBlock[] = [section(`${whoAsked(request, subject, requester)}.${request.note ? `\n>${escapeMrkdwn(request.note).replace(/\n/g, '\n>')}` : ''}`)];
  request.focusAreas.forEach((area, i) => {
    blocks.push(
      ratingInput(area, i, answer?.ratings[i], i === 0 ? `How ${name} does at each focus area, from what you have seen.` : undefined),
      textInput(commentBlock(i), `${area}: a comment`, FEEDBACK_LIMITS.commentMax, answer?.comments[i], 'An example helps most'),
    );
  });
  if (request.customQuestion) blocks.push(textInput(B.CustomAnswer, request.customQuestion, FEEDBACK_LIMITS.longAnswerMax, answer?.customAnswer));
  blocks.push(
    textInput(B.Strengths, `What ${name} does well`, FEEDBACK_LIMITS.longAnswerMax, answer?.strengths),
    textInput(B.Suggestions, `What ${name} could do differently`, FEEDBACK_LIMITS.longAnswerMax, answer?.suggestions),
    context(answerAudience(subject, ctx.otherReaders, ctx.threshold)),
    context(
      `Due by ${answerBy(request.dueAt, reader.timezone, now)}. After sending you can change your answer from the confirmation, until you close it: Cadence keeps no other way back to it.`,
    ),
  );
  return {
    type: 'modal',
    callback_id: editing ? FeedbackCallbackId.EditAnswer : FeedbackCallbackId.Answer,
    private_metadata: JSON.stringify(editing ? { editKey: editing.editKey } : { requestId: request.id }),
    title: plain(editing ? 'Edit your feedback' : 'Give feedback'),
    submit: plain(editing ? 'Save changes' : 'Send anonymously'),
    close: plain('Cancel'),
    blocks,
  };
}

/** The subject rates themself on the same focus areas, for the gap the summary shows. */
export function buildSelfRatingModal(request: FeedbackRequest, ratings: ReadonlyArray<Rating | null> | undefined): ModalView {
  return {
    type: 'modal',
    callback_id: FeedbackCallbackId.SelfRating,
    private_metadata: JSON.stringify({ requestId: request.id }),
    title: plain('Rate yourself'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section(`How do you see yourself on ${focusAreaList(request)}?`),
      ...request.focusAreas.map((area, i) => ratingInput(area, i, ratings?.[i])),
      context(':lock: Who sees this: you and your manager, in the summary, beside the average of others’ ratings. The people asked never see it.'),
    ],
  };
}

/**
 * The confirmation after sending: the only place the edit key is ever shown. A modal cannot be read
 * back with the bot token, so once it is closed nothing leads from the author to their answer.
 */
export function buildAnsweredModal(ctx: AnswerContext, reader: Person, editKey: string, now: DateTime): ModalView {
  return {
    type: 'modal',
    title: plain('Give feedback'),
    close: plain('Done'),
    blocks: [
      section(`:white_check_mark: Thanks: your feedback about ${mention(ctx.subject)} is in, anonymously.`),
      {
        type: 'actions',
        block_id: B.EditAnswer,
        elements: [{ type: 'button', action_id: FeedbackAction.EditAnswer, text: plain('Edit my answer'), value: editKey }],
      },
      context(
        `:lock: You can change your answer from here until you close this, as long as the request is open (due by ${answerBy(ctx.request.dueAt, reader.timezone, now)}). ` +
          'After that nobody can change it or tell it is yours: Cadence keeps no way back from you to your answer, not in your DM and not anywhere it stores.',
      ),
    ],
  };
}

export function buildDeclineModal(ctx: AnswerContext, reader: Person): ModalView {
  const { request, subject, requester } = ctx;
  const what = request.subjectId === request.requesterId ? `${mention(requester)}’s request for feedback` : `${mention(requester)}’s request for feedback about ${mention(subject)}`;
  return {
    type: 'modal',
    callback_id: FeedbackCallbackId.Decline,
    private_metadata: JSON.stringify({ requestId: request.id }),
    title: plain('Decline'),
    submit: plain('Decline'),
    close: plain('Back'),
    blocks: [
      section(`Decline ${what}? You cannot answer it after declining. ${reader.id === requester.id ? '' : 'They can ask someone else instead.'}`.trim()),
      input(B.DeclineReason, 'Reason', { type: 'plain_text_input', multiline: true, max_length: FEEDBACK_LIMITS.declineReasonMax, placeholder: plain('e.g. We have not worked together yet') }, { optional: true }),
      context(`:lock: Who sees this: ${mention(requester)} sees that you declined, and your reason if you give one. Nobody else is told.`),
    ],
  };
}

export function parseAnswerForm(values: unknown, areas: number): FeedbackAnswerInput {
  const state = readFormState(values);
  const positions = Array.from({ length: areas }, (_, i) => i);
  return {
    ratings: positions.map((i) => state.option(ratingBlock(i))),
    comments: positions.map((i) => state.text(commentBlock(i))),
    customAnswer: state.text(B.CustomAnswer),
    strengths: state.text(B.Strengths),
    suggestions: state.text(B.Suggestions),
  };
}

export function parseSelfRatingForm(values: unknown, areas: number): Array<string | null> {
  const state = readFormState(values);
  return Array.from({ length: areas }, (_, i) => state.option(ratingBlock(i)));
}

/** Where each error shows; a problem with the request itself shows at the top of the form. */
export function answerErrorBlocks(errors: Partial<Record<AnswerFormField, string>>): Record<string, string> {
  const blockOf = (field: AnswerFormField): string => {
    const [kind, position] = field.split('.');
    if (kind === 'rating') return ratingBlock(Number(position));
    if (kind === 'comment') return commentBlock(Number(position));
    if (field === 'form') return ratingBlock(0);
    return { customAnswer: B.CustomAnswer, strengths: B.Strengths, suggestions: B.Suggestions }[field as Extract<AnswerField, 'customAnswer' | 'strengths' | 'suggestions'>];
  };
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors) as Array<[AnswerFormField, string | undefined]>) {
    if (message) out[blockOf(field)] = message;
  }
  return out;
}
