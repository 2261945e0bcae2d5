import type { KnownBlock } from '@slack/types';
import type { WritingRule, WritingSuggestion } from '../../domain/writing-check';
import { context, plain } from '../blocks';
import { AiAction, AiBlock } from '../ids';

/** Whether a form offers the check, and what the last check found (undefined: not checked yet). */
export interface WritingCheckState {
  offered: boolean;
  suggestions?: readonly WritingSuggestion[];
}

const RULE_LABELS: Record<WritingRule, string> = {
  personality: 'Behaviour, not personality',
  vague: 'Be specific',
  not_actionable: 'Make it actionable',
  one_sided: 'Balance',
  tone_vs_rating: 'Tone and rating',
  coded_language: 'Coded wording',
};

/** One line per suggestion, labelled by its rule (Slack takes ten elements in a context block). */
export function suggestionLines(suggestions: readonly WritingSuggestion[]): string[] {
  return suggestions.slice(0, 10).map((s) => `:bulb: *${RULE_LABELS[s.rule]}:* ${s.message}`);
}

/**
 * The check's button under the text, and what it found beside it: suggestions only, the form
 * sends whatever the person decides.
 */
export function writingCheckBlocks(state: WritingCheckState): KnownBlock[] {
  if (!state.offered) return [];
  const blocks: KnownBlock[] = [
    { type: 'actions', block_id: AiBlock.CheckWriting, elements: [{ type: 'button', text: plain('Check my writing'), action_id: AiAction.CheckWriting, value: 'check' }] },
  ];
  if (state.suggestions === undefined) return blocks;
  const found =
    state.suggestions.length === 0 ? [':white_check_mark: Nothing to suggest: specific, actionable and balanced as far as the check can tell.'] : suggestionLines(state.suggestions);
  blocks.push({ ...context(...found.slice(0, 10)), block_id: AiBlock.Suggestions });
  return blocks;
}
