import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { smartHints } from '../../domain/smart-hints';
import type { GoalDetail } from '../../services/goal.service';
import type { PushedItem } from '../../services/integration.service';
import { context, divider, escapeMrkdwn, header, plain, section, truncate } from '../blocks';
import { CallbackId, GoalAction, IntegrationAction } from '../ids';
import { pushedLines } from '../integrations/integrations.modal';
import { mention } from '../people/people.format';
import { goalFacts, type GoalViewContext, hintLines, keyResultLine, progressBar, statusLine } from './goal.format';
import { historyLine } from './history.format';

/** The buttons of a goal its reader may change. */
function goalActions(goalId: string): ActionsBlock {
  const button = (text: string, actionId: string) => ({ type: 'button' as const, action_id: actionId, text: plain(text), value: goalId });
  return {
    type: 'actions',
    elements: [
      { ...button('Update progress', GoalAction.OpenUpdate), style: 'primary' },
      button('Edit goal', GoalAction.OpenEdit),
      button('Alignment', GoalAction.OpenAlign),
      button('Send to a tool', IntegrationAction.PushGoal),
    ],
  };
}

function progressSource(detail: GoalDetail): string {
  const aligned = detail.children.length + detail.hiddenChildren;
  if (detail.keyResults.length > 0) return `*Key results*\n${detail.keyResults.map(keyResultLine).join('\n')}`;
  if (detail.goal.status === 'completed') return '_No key results: completed, so it counts as 100%._';
  if (aligned > 0) return `_No key results: its progress is the weighted mean of the ${aligned} goal${aligned === 1 ? '' : 's'} aligned to it._`;
  return '_No key results yet: progress stays at 0% until it is completed. Add key results with *Edit goal* to measure it._';
}

/**
 * One goal in full: progress, key results, alignment, tips and its history (who, when, what, why).
 * `notice` says what just happened when this view confirms a change.
 */
export function buildGoalDetailsModal(detail: GoalDetail, view: GoalViewContext, notice?: string, pushed: readonly PushedItem[] = []): ModalView {
  const { goal } = detail;
  const owner = detail.owner.id === view.viewerId ? '' : ` · ${mention(detail.owner)}`;
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(section(notice));
  blocks.push(header(goal.title), section(`${statusLine(goal, view)}${owner}`), context(goalFacts(goal, view.today)));
  if (goal.description) blocks.push(section(escapeMrkdwn(goal.description)));
  blocks.push(section(progressSource(detail)));

  const parent = detail.parent === 'hidden' ? 'a goal you can’t see' : detail.parent && `“${escapeMrkdwn(detail.parent.title)}” (${Math.floor(detail.parent.progress)}%)`;
  if (parent) blocks.push(context(`*Aligned to* ${parent} · weight ${goal.weight}`));
  if (detail.competencyName) blocks.push(context(`*Develops* ${escapeMrkdwn(detail.competencyName)} (a competency of the review framework)`));
  if (detail.children.length > 0 || detail.hiddenChildren > 0) {
    const lines = detail.children.slice(0, 15).map((child) => `${progressBar(child.progress)} ${escapeMrkdwn(truncate(child.title, 80))}`);
    const more = detail.children.length - Math.min(15, detail.children.length) + detail.hiddenChildren;
    if (more > 0) lines.push(`_and ${more} more you ${detail.hiddenChildren > 0 ? 'may not all see' : 'can see with their owners'}_`);
    blocks.push(section(`*Aligned to this goal*\n${lines.join('\n')}`));
  }
  if (detail.canEdit) {
    const hints = hintLines(smartHints({ title: goal.title, targetDate: goal.targetDate, keyResults: detail.keyResults }, view.today));
    if (hints.length > 0) blocks.push(context(hints.join('\n')));
    blocks.push(goalActions(goal.id));
  }
  if (pushed.length > 0) blocks.push(context(pushedLines(pushed)));
  blocks.push(divider(), section('*History*'));
  if (detail.history.length === 0) blocks.push(context('Nothing recorded yet.'));
  for (const event of detail.history) blocks.push(context(historyLine(event, view, detail.goalTitles)));

  return {
    type: 'modal',
    callback_id: CallbackId.GoalDetails,
    private_metadata: goal.id,
    title: plain('Goal'),
    close: plain('Close'),
    blocks,
  };
}
