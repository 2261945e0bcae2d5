import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { GOAL_LIMITS, type Goal } from '../../domain/goal';
import type { ExtendErrorKey, ExtendInput } from '../../services/goal.service';
import { escapeMrkdwn, plain, section } from '../blocks';
import { CallbackId, GoalBlock } from '../ids';
import { input } from '../inputs';
import { readFormState } from '../state';
import { shortDate } from './goal.format';

/** Where the nudge that opened the form sits, so it can say what was done once the form is saved. */
export interface NudgeRef {
  channel: string;
  ts: string;
}

const metadata = z.object({ goalId: z.string(), nudge: z.object({ channel: z.string(), ts: z.string() }).optional() });

/** Picks a new target date for a goal (Extend on a stale-goal nudge). */
export function buildExtendModal(goal: Goal, nudge: NudgeRef | undefined): ModalView {
  const was = goal.targetDate ? `It was due ${shortDate(goal.targetDate)}.` : 'It has no target date yet.';
  return {
    type: 'modal',
    callback_id: CallbackId.ExtendGoal,
    private_metadata: JSON.stringify({ goalId: goal.id, ...(nudge ? { nudge } : {}) }),
    title: plain('Extend goal'),
    submit: plain('Extend'),
    close: plain('Cancel'),
    blocks: [
      section(`*${escapeMrkdwn(goal.title)}*\n${was}`),
      input(GoalBlock.TargetDate, 'New target date', { type: 'datepicker' }),
      input(GoalBlock.Note, 'Note for the history', { type: 'plain_text_input', multiline: true, max_length: GOAL_LIMITS.noteMax }, { optional: true }),
    ],
  };
}

/** The form's values; undefined when its metadata is not what Cadence wrote (a crafted request). */
export function parseExtendState(values: unknown, privateMetadata: string): { goalId: string; nudge?: NudgeRef; input: ExtendInput } | undefined {
  let parsed: z.infer<typeof metadata>;
  try {
    parsed = metadata.parse(JSON.parse(privateMetadata));
  } catch {
    return undefined;
  }
  const state = readFormState(values);
  return { ...parsed, input: { targetDate: state.date(GoalBlock.TargetDate), note: state.text(GoalBlock.Note) } };
}

export const extendFieldBlocks: Record<ExtendErrorKey, string> = { targetDate: GoalBlock.TargetDate, note: GoalBlock.Note };
