import type { KnownBlock, ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { displayName, type Person } from '../../domain/person';
import { SUMMARY_LIMITS } from '../../domain/review-cycle';
import type { ConversationForm, SummaryField } from '../../services/review.service';
import { context, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { ReviewConversationIds, reviewSummaryRatingBlock, ReviewSummaryIds } from '../ids';
import { input, option, staticSelect, timepicker } from '../inputs';
import { readFormState } from '../state';
import { localMoment } from './review.messages';

const NA = 'na';
const metadataSchema = z.object({ participantId: z.uuid() });

/** The participant a conversation or summary form is about, from its metadata. */
export function participantOf(privateMetadata: string): string | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data.participantId : undefined;
  } catch {
    return undefined;
  }
}

/** Who reads a review's summary (what was agreed, the agreed ratings, next steps) and its sign-off comments: never HR. */
export function summaryReadersLine(employee: Pick<Person, 'name' | 'realName'>, skipLevelReads: boolean): string {
  const managers = skipLevelReads ? 'their manager and the managers above' : 'their manager';
  return `Who reads this: ${displayName(employee)} and ${managers}. Not HR.`;
}

/**
 * The manager sets the conversation's date and time on their own calendar; the form says how it
 * reads on the employee's.
 */
export function buildConversationModal(form: ConversationForm, manager: Pick<Person, 'timezone'>): ModalView {
  const local = form.conversationAt?.setZone(manager.timezone);
  const name = escapeMrkdwn(displayName(form.person));
  const blocks: KnownBlock[] = [section(`When is your review conversation with ${name}?`)];
  if (form.conversationAt) blocks.push(context(`Set for ${localMoment(form.conversationAt, manager.timezone)} your time; ${localMoment(form.conversationAt, form.person.timezone)} for ${name}.`));
  blocks.push(
    input(ReviewConversationIds.Date, 'Date', { type: 'datepicker', ...(local ? { initial_date: local.toISODate() ?? undefined } : {}) }),
    input(ReviewConversationIds.Time, 'Time', timepicker(local ? local.toFormat('HH:mm') : null), {
      hint: `Your time (${manager.timezone}). ${displayName(form.person)} is told the time in their own zone (${form.person.timezone}).`,
    }),
  );
  return {
    type: 'modal',
    callback_id: ReviewConversationIds.Callback,
    title: plain('Review conversation'),
    submit: plain('Set the time'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ participantId: form.participantId }),
    blocks,
  };
}

/** The chosen moment on the manager's calendar, or the field that is missing. */
export function parseConversation(
  privateMetadata: string,
  values: unknown,
  zone: string,
): { participantId: string; at: DateTime } | { participantId: string; errors: Record<string, string> } | undefined {
  const participantId = participantOf(privateMetadata);
  if (!participantId) return undefined;
  const state = readFormState(values);
  const [day, time] = [state.date(ReviewConversationIds.Date), state.time(ReviewConversationIds.Time)];
  const errors: Record<string, string> = {};
  if (!day) errors[ReviewConversationIds.Date] = 'Pick a date.';
  if (!time) errors[ReviewConversationIds.Time] = 'Pick a time.';
  const at = day && time ? DateTime.fromISO(`${day}T${time}`, { zone }) : undefined;
  if (day && time && !at?.isValid) errors[ReviewConversationIds.Date] = 'Pick a date and time that exist.';
  return at?.isValid && Object.keys(errors).length === 0 ? { participantId, at } : { participantId, errors };
}

/**
 * The summary the manager shares after the conversation: what was agreed, the agreed rating of
 * each rated question (starting from the manager review's), and next steps, each of which the
 * employee can make a goal.
 */
export function buildSummaryModal(form: ConversationForm): ModalView {
  const name = escapeMrkdwn(displayName(form.person));
  const blocks: KnownBlock[] = [
    section(`The summary of your review conversation with ${name}. Sharing it makes the answers final and asks you both to sign off.`),
    context(escapeMrkdwn(summaryReadersLine(form.person, form.skipLevelReads))),
    input(ReviewSummaryIds.Agreed, 'What was agreed', { type: 'plain_text_input', multiline: true }, { hint: `Up to ${SUMMARY_LIMITS.agreedWords} words.` }),
  ];
  for (const { question, scale, rating } of form.ratings.slice(0, 30)) {
    const points = scale.map((label, i) => option(truncate(`${i + 1} – ${label}`, 75), String(i + 1)));
    const options = 'allowNa' in question && question.allowNa ? [...points, option('N/A', NA)] : points;
    blocks.push(input(reviewSummaryRatingBlock(question.id), truncate(`Agreed rating: ${question.prompt}`, 2000), staticSelect(options, rating === undefined ? undefined : String(rating)), { optional: true }));
  }
  blocks.push(
    input(
      ReviewSummaryIds.NextSteps,
      'Next steps',
      { type: 'plain_text_input', multiline: true },
      { optional: true, hint: `One per line, up to ${SUMMARY_LIMITS.nextStepsMax}. ${displayName(form.person)} can make each one a goal.` },
    ),
  );
  return {
    type: 'modal',
    callback_id: ReviewSummaryIds.Callback,
    title: plain('Review summary'),
    submit: plain('Share'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ participantId: form.participantId }),
    blocks,
  };
}

export function parseSummary(
  privateMetadata: string,
  values: unknown,
  questionIds: readonly string[],
): { participantId: string; agreed: string; ratings: Record<string, number | 'na'>; nextSteps: string[] } | undefined {
  const participantId = participantOf(privateMetadata);
  if (!participantId) return undefined;
  const state = readFormState(values);
  const ratings: Record<string, number | 'na'> = {};
  for (const id of questionIds) {
    const chosen = state.option(reviewSummaryRatingBlock(id));
    if (chosen !== null) ratings[id] = chosen === NA ? 'na' : Number(chosen);
  }
  const nextSteps = (state.text(ReviewSummaryIds.NextSteps) ?? '').split('\n');
  return { participantId, agreed: state.text(ReviewSummaryIds.Agreed) ?? '', ratings, nextSteps };
}

/** The service's errors on the blocks that show them. */
export function summaryErrorBlocks(errors: Partial<Record<SummaryField, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    if (!message) continue;
    const block = field.startsWith('rating_') ? reviewSummaryRatingBlock(field.slice('rating_'.length)) : field === 'nextSteps' ? ReviewSummaryIds.NextSteps : ReviewSummaryIds.Agreed;
    out[block] = message;
  }
  return out;
}
