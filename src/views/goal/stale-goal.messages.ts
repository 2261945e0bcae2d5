import type { KnownBlock } from '@slack/types';
import type { Goal } from '../../domain/goal';
import type { StaleReason } from '../../domain/goal-staleness';
import type { GoalDetail } from '../../services/goal.service';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { StaleGoalAction } from '../ids';
import { goalCard } from './goal-card';
import { type GoalViewContext, shortDate, statusLine } from './goal.format';
import type { SlackMessage } from '../message';

/** Why the goal is stale, in the owner's own calendar. */
export function staleReasonLines(reason: StaleReason, view: Pick<GoalViewContext, 'zone'>): string[] {
  const lines: string[] = [];
  if (reason.noUpdateSince) lines.push(`No update since ${reason.noUpdateSince.setZone(view.zone).toFormat('d LLL yyyy', { locale: 'en-GB' })}.`);
  if (reason.targetPassed) lines.push(`The target date, ${shortDate(reason.targetPassed)}, has passed.`);
  return lines;
}

/** The nudge to a stale goal's owner: the goal, why it is stale, its progress, and three ways to settle it. */
export function buildStaleGoalMessage(detail: GoalDetail, reason: StaleReason, view: GoalViewContext): SlackMessage {
  const { goal } = detail;
  const title = escapeMrkdwn(goal.title);
  const blocks: KnownBlock[] = [
    section(`:hourglass_flowing_sand: *This goal could use a look:* ${title}\n${staleReasonLines(reason, view).join(' ')}`),
    goalCard(goal, view, { button: 'none', keyResults: detail.keyResults }),
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: StaleGoalAction.Extend, text: plain('Extend'), value: goal.id, style: 'primary' },
        { type: 'button', action_id: StaleGoalAction.Complete, text: plain('Complete'), value: goal.id },
        { type: 'button', action_id: StaleGoalAction.Defer, text: plain('Defer'), value: goal.id },
      ],
    },
    context('*Extend* sets a new target date, *Complete* marks it done, *Defer* sets it aside for now. To record progress instead, use `/goal update`.'),
  ];
  return { text: `This goal could use a look: ${title}`, blocks };
}

export type StaleOutcome = 'extended' | 'completed' | 'deferred';

/** What replaces the nudge once its owner acted on it: no buttons left to press twice. */
export function buildStaleOutcomeMessage(goal: Goal, outcome: StaleOutcome, view: GoalViewContext): SlackMessage {
  const title = escapeMrkdwn(goal.title);
  const done: Record<StaleOutcome, string> = {
    extended: `:calendar: *Extended* ${title} to ${goal.targetDate ? shortDate(goal.targetDate) : 'no target date'}.`,
    completed: `:white_check_mark: *Completed* ${title}. Well done!`,
    deferred: `:double_vertical_bar: *Deferred* ${title}. It stays in your goals, set aside.`,
  };
  return { text: done[outcome], blocks: [section(done[outcome]), context(statusLine(goal, view))] };
}
