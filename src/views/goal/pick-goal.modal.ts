import type { KnownBlock, ModalView } from '@slack/types';
import type { GoalCard } from '../../services/goal.service';
import { context, plain, truncate } from '../blocks';
import { CallbackId, GoalBlock } from '../ids';
import { input, option, staticSelect } from '../inputs';
import { readFormState } from '../state';

/** What picking a goal leads to: `/goal update` or `/goal align`. */
export type PickPurpose = 'update' | 'align';

const MAX_OPTIONS = 100;

/** "Which goal?" for `/goal update` and `/goal align` when the person has more than one. */
export function buildPickGoalModal(cards: readonly GoalCard[], purpose: PickPurpose): ModalView {
  const options = cards.slice(0, MAX_OPTIONS).map(({ goal }) => option(truncate(goal.title, 75), goal.id));
  const blocks: KnownBlock[] = [input(GoalBlock.Pick, purpose === 'update' ? 'Which goal did you move?' : 'Which goal do you want to align?', staticSelect(options))];
  if (cards.length > options.length) blocks.push(context(`Showing the first ${options.length}, the ones due soonest. Find the others in the Home tab.`));
  return {
    type: 'modal',
    callback_id: CallbackId.PickGoal,
    private_metadata: purpose,
    title: plain(purpose === 'update' ? 'Update a goal' : 'Align a goal'),
    submit: plain('Next'),
    close: plain('Cancel'),
    blocks,
  };
}

export function parsePickState(values: unknown, privateMetadata: string): { goalId: string | null; purpose: PickPurpose } {
  return { goalId: readFormState(values).option(GoalBlock.Pick), purpose: privateMetadata === 'align' ? 'align' : 'update' };
}
