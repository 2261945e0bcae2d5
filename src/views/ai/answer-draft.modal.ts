import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import type { AnswerDraft } from '../../services/review-drafts.service';
import { context, divider, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { AiCallbackId } from '../ids';
import { draftBlocks } from './draft.modal';
import { recencyBlocks } from './recency.blocks';

/**
 * What the draft modal carries to its submit: which answer to put the text in, the text itself,
 * and the review form's drafted block ids, which the redrawn form must know.
 */
const metadataSchema = z.object({
  participantId: z.uuid(),
  role: z.enum(['self', 'manager']),
  questionId: z.string().min(1).max(100),
  text: z.string().min(1).max(2500),
  drafted: z.array(z.string().max(100)).max(100),
});
export type AnswerDraftMetadata = z.infer<typeof metadataSchema>;
export const ANSWER_METADATA_TEXT_MAX = 2500;

export function parseAnswerDraftMetadata(text: string): AnswerDraftMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A drafted answer to one review question: the sentences with the records beside them, how the
 * records spread over the period, and the text that goes into the answer only if the person
 * chooses "Use this draft". Without text to offer (too little evidence), there is only Close.
 */
export function buildAnswerDraftModal(answer: AnswerDraft, drafted: readonly string[]): ModalView {
  const blocks: KnownBlock[] = draftBlocks(answer.draft, truncate(answer.question.prompt, 150), recencyBlocks(answer.recency));
  const carried = answer.text && answer.text.length <= ANSWER_METADATA_TEXT_MAX ? JSON.stringify({ participantId: answer.participantId, role: answer.role, questionId: answer.question.id, text: answer.text, drafted: [...drafted] } satisfies AnswerDraftMetadata) : undefined;
  // Slack's private_metadata holds 3000 characters: a draft that does not fit is shown, not offered.
  const metadata = carried && carried.length <= 3000 ? carried : undefined;
  const text = metadata ? answer.text : undefined;
  blocks.push(divider());
  if (text) {
    blocks.push(section(`*Your answer, if you choose this draft:*\n>${escapeMrkdwn(truncate(text, 2900)).replace(/\n/g, '\n>')}`));
    blocks.push(context(':pencil2: It goes into the form marked as AI-drafted, for you to edit. Nothing is saved until you save the form.'));
  } else {
    blocks.push(context('There is no draft to put into your answer: write it yourself, with the questions above as a start.'));
  }
  return {
    type: 'modal',
    callback_id: AiCallbackId.AnswerDraft,
    title: plain(answer.role === 'self' ? 'Draft with AI' : 'Draft your review'),
    close: plain(text ? 'Back' : 'Close'),
    ...(metadata ? { submit: plain('Use this draft'), private_metadata: metadata } : {}),
    blocks: blocks.slice(0, 100),
  };
}
