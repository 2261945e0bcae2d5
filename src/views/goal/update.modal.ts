import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { GOAL_LIMITS, GOAL_STATUSES } from '../../domain/goal';
import { elapsedShare, suggestsAtRisk } from '../../domain/goal-status';
import type { KeyResult } from '../../domain/key-result';
import { takesReportedProgress } from '../../domain/progress';
import type { FieldErrors } from '../../domain/goal';
import type { GoalDetail, ProgressErrorKey, ProgressInput } from '../../services/goal.service';
import { context, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { STATUS_LABELS } from '../format';
import { CallbackId, GoalAction, GoalBlock, IntegrationAction, keyResultValueBlock } from '../ids';
import { input, option, staticSelect } from '../inputs';
import { readFormState } from '../state';
import { decimalText } from './goal-form.draft';
import { WHO_SEES_GOALS } from './goal-form.modal';
import { formatValue, type GoalViewContext, startDate, statusLine } from './goal.format';
import { historyLine } from './history.format';

/** The value a yes/no key result's checkbox carries. */
export const KEY_RESULT_DONE = 'done';
const doneOption = option('Done', KEY_RESULT_DONE);
export const statusOptions = GOAL_STATUSES.map((status) => option(STATUS_LABELS[status], status));

/** The update form keeps which goal and which key results it shows, so the submission reads them back. */
const metadataSchema = z.object({ goalId: z.uuid(), keyResults: z.array(z.object({ id: z.uuid(), yesNo: z.boolean() })).max(10), percent: z.boolean().optional() });

/** A key result's current value (a checkbox for yes/no), prefilled; shared with the check-in form. */
export function keyResultValueInput(kr: KeyResult, block: string): KnownBlock {
  const label = truncate(kr.title, 150);
  if (kr.kind === 'yes_no') {
    return input(block, label, { type: 'checkboxes', options: [doneOption], ...(kr.current >= 1 ? { initial_options: [doneOption] } : {}) }, { optional: true });
  }
  return input(
    block,
    label,
    { type: 'number_input', is_decimal_allowed: true, initial_value: decimalText(kr.current) },
    { hint: `From ${formatValue(kr, kr.start)} to ${formatValue(kr, kr.target)}. Where does it stand now?` },
  );
}

/** The percent asked of a goal with neither key results nor aligned goals, prefilled with its progress. */
export function reportedProgressInput(blockId: string, progress: number): KnownBlock {
  return input(
    blockId,
    'Progress (%)',
    { type: 'number_input', is_decimal_allowed: true, min_value: '0', max_value: '100', initial_value: decimalText(progress) },
    { hint: 'No key results or aligned goals to measure it by: how far along is it, from 0 to 100? Completed counts as 100%.' },
  );
}

/**
 * Where a goal stands: each key result's value, the status and a note for the history, prefilled
 * with what is stored. The buttons at the top switch to the goal's other forms.
 */
export function buildUpdateModal(detail: GoalDetail, view: GoalViewContext): ModalView {
  const { goal } = detail;
  const actions: ActionsBlock = {
    type: 'actions',
    elements: [
      { type: 'button', action_id: GoalAction.OpenEdit, text: plain('Edit goal'), value: goal.id },
      { type: 'button', action_id: GoalAction.OpenAlign, text: plain('Alignment'), value: goal.id },
      { type: 'button', action_id: IntegrationAction.PushGoal, text: plain('Send to a tool'), value: goal.id },
    ],
  };
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(goal.title)}*\n${statusLine(goal, view)}`), actions];
  const reportable = takesReportedProgress(detail.keyResults.length, detail.children.length + detail.hiddenChildren);
  if (detail.keyResults.length > 0) blocks.push(...detail.keyResults.map((kr) => keyResultValueInput(kr, keyResultValueBlock(kr.id))));
  else if (reportable) blocks.push(reportedProgressInput(GoalBlock.Percent, goal.progress));
  else blocks.push(context('No key results: progress comes from the goals aligned to it, or is 100% once you mark it Completed.'));

  const start = startDate(goal, view.zone);
  if (suggestsAtRisk(goal, start, view.today) && goal.targetDate) {
    const elapsed = Math.round(elapsedShare(start, goal.targetDate, view.today));
    blocks.push(context(`:warning: Cadence suggests *At risk*: ${Math.floor(goal.progress)}% done with ${elapsed}% of the time gone.`));
  }
  blocks.push(
    input(GoalBlock.Status, 'Status', staticSelect(statusOptions, goal.status), { hint: 'Completed counts as 100% for a goal without key results. Archived goals leave their parent’s progress.' }),
    input(GoalBlock.Note, 'Note', { type: 'plain_text_input', multiline: true, max_length: GOAL_LIMITS.noteMax }, { optional: true, hint: 'What moved, what is in the way, what is next. Kept in the goal’s history.' }),
  );
  const recent = detail.history.slice(0, 3).map((event) => historyLine(event, view, detail.goalTitles));
  if (recent.length > 0) blocks.push(context(`*Recently*\n${recent.join('\n')}`));
  blocks.push(context(WHO_SEES_GOALS));

  const metadata: z.infer<typeof metadataSchema> = {
    goalId: goal.id,
    keyResults: detail.keyResults.map((kr) => ({ id: kr.id, yesNo: kr.kind === 'yes_no' })),
    ...(reportable ? { percent: true } : {}),
  };
  return {
    type: 'modal',
    callback_id: CallbackId.UpdateGoal,
    private_metadata: JSON.stringify(metadata),
    title: plain('Update goal'),
    submit: plain('Save update'),
    close: plain('Cancel'),
    blocks,
  };
}

/** The update form as submitted; null when its metadata is not one Cadence wrote. */
export function parseUpdateState(values: unknown, privateMetadata: string): { goalId: string; input: ProgressInput } | null {
  let metadata: z.infer<typeof metadataSchema>;
  try {
    metadata = metadataSchema.parse(JSON.parse(privateMetadata));
  } catch {
    return null;
  }
  const state = readFormState(values);
  return {
    goalId: metadata.goalId,
    input: {
      status: state.option(GoalBlock.Status),
      note: state.text(GoalBlock.Note),
      values: metadata.keyResults.map(({ id, yesNo }) => ({
        keyResultId: id,
        value: yesNo ? (state.options(keyResultValueBlock(id)).includes(KEY_RESULT_DONE) ? '1' : '0') : state.text(keyResultValueBlock(id)),
      })),
      ...(metadata.percent ? { percent: state.text(GoalBlock.Percent) } : {}),
    },
  };
}

export function updateErrorBlocks(errors: FieldErrors<ProgressErrorKey>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (!message) continue;
    const block = key === 'status' ? GoalBlock.Status : key === 'note' ? GoalBlock.Note : key === 'percent' ? GoalBlock.Percent : keyResultValueBlock(key.slice('kr.'.length));
    out[block] = message;
  }
  return out;
}
