import type { Button, SectionBlock } from '@slack/types';
import type { Goal } from '../../domain/goal';
import type { GoalEvent } from '../../domain/goal-history';
import type { KeyResult } from '../../domain/key-result';
import { escapeMrkdwn, plain, section, truncate } from '../blocks';
import { GoalAction } from '../ids';
import { type GoalViewContext, keyResultLine, statusLine } from './goal.format';
import { historyLine } from './history.format';

/** What the button beside a goal does: update it (whoever may change it) or look at it. */
export type GoalButton = 'update' | 'details' | 'none';

export function goalButton(kind: Exclude<GoalButton, 'none'>, goalId: string): Button {
  return kind === 'update'
    ? { type: 'button', action_id: GoalAction.OpenUpdate, text: plain('Update'), value: goalId }
    : { type: 'button', action_id: GoalAction.OpenDetails, text: plain('View'), value: goalId };
}

export interface GoalCardOptions {
  button: GoalButton;
  keyResults?: readonly KeyResult[];
  lastChange?: GoalEvent;
  /** Whose goal it is, shown after the title (mrkdwn), for goals that are not the reader's. */
  ownerLabel?: string;
  /** The competency a development goal builds. */
  competencyName?: string | undefined;
}

/**
 * A goal in one section block: title, progress bar, status and time left, its key results and its
 * latest change, with the button beside it. One block, so lists of many goals stay within Slack's limits.
 */
export function goalCard(goal: Goal, context: GoalViewContext, options: GoalCardOptions): SectionBlock {
  const lines = [`*${escapeMrkdwn(truncate(goal.title, 150))}*${options.ownerLabel ? ` · ${options.ownerLabel}` : ''}`, statusLine(goal, context)];
  if (options.competencyName) lines.push(`_Develops ${escapeMrkdwn(truncate(options.competencyName, 120))}_`);
  for (const kr of options.keyResults ?? []) lines.push(keyResultLine(kr));
  // Lists do not resolve which goals an alignment change involved; the goal's own view names them.
  if (options.lastChange) lines.push(`_Last change:_ ${historyLine(options.lastChange, context, undefined, true)}`);
  const block = section(lines.join('\n'));
  return options.button === 'none' ? block : { ...block, accessory: goalButton(options.button, goal.id) };
}
