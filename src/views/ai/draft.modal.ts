import type { ActionsBlock, KnownBlock, ModalView, SectionBlock } from '@slack/types';
import type { Draft, DraftSection, Evidence, FallbackReason } from '../../ai/types';
import { context, divider, escapeMrkdwn, header, plain, section, truncate } from '../blocks';
import { AiAction, AiCallbackId, GoalAction } from '../ids';

const FALLBACK_TEXT: Record<FallbackReason, string> = {
  timeout: 'the model did not answer in time',
  refused: 'the model declined to answer',
  invalid: 'the model’s answer was not in the expected form',
  rating_suggested: 'the model’s answer suggested a rating or a comparison, which Cadence never offers',
  error: 'the model could not be reached',
};

/** Where a draft came from, said before anything else: people judge a draft by its source. */
export function sourceLine(draft: Pick<Draft, 'source' | 'fallback'>): string {
  if (draft.source === 'model') return ':sparkles: Drafted by AI from records you can already see. Every sentence shows what it rests on; check it before you use it.';
  const built = ':memo: Built inside Cadence from the records themselves (nothing was sent to a model).';
  return draft.fallback ? `${built} A model was asked, but ${FALLBACK_TEXT[draft.fallback]}.` : built;
}

const citationText = (evidence: Evidence) => `${escapeMrkdwn(evidence.label)}: “${escapeMrkdwn(truncate(evidence.text.replace(/\s+/g, ' '), 200))}”`;

function sentenceBlocks(sentence: DraftSection['sentences'][number], cited: ReadonlyMap<string, Evidence>): KnownBlock[] {
  const sources = sentence.citations.map((ref) => cited.get(ref)).filter((e): e is Evidence => e !== undefined);
  const goalId = sources.find((e) => e.goalId)?.goalId;
  const text: SectionBlock = section(escapeMrkdwn(sentence.text));
  // The link beside the sentence: the goal it rests on opens in place; other records are quoted.
  if (goalId) text.accessory = { type: 'button', text: plain('Open goal'), action_id: GoalAction.OpenDetails, value: goalId };
  return [text, context(...sources.slice(0, 3).map((e) => `↳ ${citationText(e)}`))];
}

function sectionBlocks(part: DraftSection, cited: ReadonlyMap<string, Evidence>): KnownBlock[] {
  const blocks: KnownBlock[] = [divider(), section(`*${escapeMrkdwn(part.title)}*`)];
  if (part.status === 'thin') {
    const had = part.evidenceCount === 0 ? 'no records' : `only ${part.evidenceCount} record${part.evidenceCount === 1 ? '' : 's'}`;
    blocks.push(context(`Left empty: there are ${had} to draw on, and a draft needs at least ${part.minEvidence}.`));
  } else if (part.sentences.length === 0) blocks.push(context('Nothing to suggest from these records.'));
  for (const sentence of part.sentences) blocks.push(...sentenceBlocks(sentence, cited));
  if (part.questions.length > 0) blocks.push(context(`*To think about:* ${part.questions.map(escapeMrkdwn).join(' · ')}`));
  return blocks;
}

/**
 * A draft as suggestions beside the records behind them. Shown, never saved or sent: the reader
 * copies what helps. Slack allows 100 blocks; each sentence takes two, and sections cap sentences.
 */
export function buildDraftModal(draft: Draft, title: string, heading: string, about: readonly KnownBlock[] = []): ModalView {
  const blocks: KnownBlock[] = [...draftBlocks(draft, heading, about), divider(), context(SUGGESTIONS_ONLY)];
  return { type: 'modal', callback_id: AiCallbackId.Draft, title: plain(truncate(title, 24)), close: plain('Close'), blocks: blocks.slice(0, 100) };
}

const SUGGESTIONS_ONLY = ':lock: Suggestions only: nothing here is saved or sent, and no draft ever suggests a rating, a ranking or a comparison with others.';

/** The draft itself: its heading and source, `about` (what else the reader should know first), then its sections. */
export function draftBlocks(draft: Draft, heading: string, about: readonly KnownBlock[] = []): KnownBlock[] {
  const blocks: KnownBlock[] = [header(heading), context(sourceLine(draft)), ...about];
  for (const part of draft.sections) blocks.push(...sectionBlocks(part, draft.cited));
  if (draft.dropped > 0)
    blocks.push(context(`${draft.dropped} suggested sentence${draft.dropped === 1 ? ' was' : 's were'} left out: ${draft.dropped === 1 ? 'it' : 'they'} cited nothing you can see.`));
  return blocks;
}

/** The button that offers a draft; only shown where drafts are available to the reader. */
export function draftButton(action: (typeof AiAction)[keyof typeof AiAction], label: string, value: string): ActionsBlock {
  return { type: 'actions', elements: [{ type: 'button', text: plain(label), action_id: action, value }] };
}

/** Shown while a draft is being written: a model can take several seconds. */
export const DRAFTING = 'Drafting from the evidence… This can take a few seconds.';

/** Why no draft is offered. */
export function noDraftText(reason: 'off' | 'opted_out'): string {
  return reason === 'off'
    ? 'AI drafts are turned off in this workspace.'
    : 'You turned AI drafts off for yourself. Turn them back on in My settings on the Cadence Home tab.';
}
