import { DateTime } from 'luxon';
import type { KeyResultKind } from './key-result';

/**
 * SMART hints: tips that make a goal easier to measure. Never a reason to refuse one; people see
 * them beside the goal and decide.
 */
export type SmartHint = 'no_measurable_key_result' | 'no_target_date' | 'vague_words' | 'far_target';

/** Words that say which way without saying how far. */
const VAGUE = /\b(improve|improves|improved|improving|better|more)\b/i;
const HAS_NUMBER = /\d/;

export interface HintSubject {
  title: string;
  targetDate: string | null;
  keyResults: ReadonlyArray<{ kind: KeyResultKind | string | null }>;
}

const isMeasurable = (kind: KeyResultKind | string | null) => kind === 'number' || kind === 'percent' || kind === 'currency';

/** The hints that apply, in the order they are best fixed. `today` is in the owner's timezone. */
export function smartHints(goal: HintSubject, today: string): SmartHint[] {
  const hints: SmartHint[] = [];
  const measurable = goal.keyResults.some((kr) => isMeasurable(kr.kind));
  if (!measurable) hints.push('no_measurable_key_result');
  // A number in a key result answers "how much" as well as one in the title does.
  if (VAGUE.test(goal.title) && !HAS_NUMBER.test(goal.title) && !measurable) hints.push('vague_words');
  if (!goal.targetDate) hints.push('no_target_date');
  else {
    const target = DateTime.fromISO(goal.targetDate, { zone: 'utc' });
    if (target.isValid && target > DateTime.fromISO(today, { zone: 'utc' }).plus({ years: 1 })) hints.push('far_target');
  }
  return hints;
}
