import type { ModalView } from '@slack/types';
import { GOAL_LIMITS, type Goal } from '../../domain/goal';
import type { AlignErrorKey, AlignInput, GoalDetail } from '../../services/goal.service';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { CallbackId, GoalBlock } from '../ids';
import { input } from '../inputs';
import { readFormState } from '../state';
import { decimalText, NO_PARENT } from './goal-form.draft';
import { alignmentInputs } from './goal-form.modal';
import { progressBar } from './goal.format';

/** Which goal this one counts towards, and how much; prefilled with how it is aligned now. */
export function buildAlignModal(detail: GoalDetail, parents: readonly Goal[]): ModalView {
  const { goal } = detail;
  const aligned = detail.children.length + detail.hiddenChildren;
  const blocks = [
    section(`*${escapeMrkdwn(goal.title)}*\n${progressBar(goal.progress)}`),
    ...alignmentInputs(goal.parentId ?? NO_PARENT, goal.weight === 1 ? '' : decimalText(goal.weight), parents),
    input(GoalBlock.Note, 'Note for the history', { type: 'plain_text_input', multiline: true, max_length: GOAL_LIMITS.noteMax }, { optional: true }),
    context(
      parents.length === 0
        ? 'There are no goals you can align this one to yet.'
        : `Its progress counts towards the goal you pick, and so on up.${aligned > 0 ? ` ${aligned} goal${aligned === 1 ? ' is' : 's are'} aligned to this one and move with it.` : ''}`,
    ),
  ];
  return {
    type: 'modal',
    callback_id: CallbackId.AlignGoal,
    private_metadata: goal.id,
    title: plain('Align goal'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

export function parseAlignState(values: unknown): AlignInput {
  const state = readFormState(values);
  const parent = state.option(GoalBlock.Parent);
  return { parentId: parent === NO_PARENT ? null : parent, weight: state.text(GoalBlock.Weight), note: state.text(GoalBlock.Note) };
}

/** Where each error of the align form shows. */
export const alignFieldBlocks: Record<AlignErrorKey, string> = { parent: GoalBlock.Parent, weight: GoalBlock.Weight, note: GoalBlock.Note };
