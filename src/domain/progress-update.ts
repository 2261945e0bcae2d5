import { type FieldErrors, GOAL_STATUSES, type GoalStatus, type Validated, validateNote } from './goal';
import { type KeyResult, validateCurrentValue, validateReportedProgress } from './key-result';

/** The update form: where each key result stands now, the status, and why. */
export interface ProgressInput {
  status: string | null;
  note: string | null;
  /** A null value leaves that key result as it is. */
  values: ReadonlyArray<{ keyResultId: string; value: string | null }>;
  /** The percent for a goal with neither key results nor aligned goals; null or absent leaves it as it is. */
  percent?: string | null;
}
/** `kr.<key result id>` for a value. */
export type ProgressErrorKey = 'status' | 'note' | 'percent' | `kr.${string}`;

export interface ValidProgress {
  status: GoalStatus;
  note: string | null;
  /** New values by key result id; values for key results the goal no longer has are dropped. */
  values: Map<string, number>;
  /** The reported percent; null when not given or when the goal takes its progress from elsewhere. */
  percent: number | null;
}

/**
 * The rules of a progress update against the goal's key results as stored. The goal service applies
 * them under its lock; the check-in form applies them to every goal first, so nothing is stored
 * when one goal's answer is wrong. `reportable`: the goal has neither key results nor aligned goals,
 * so a percent is its progress (domain/progress.ts); otherwise a percent is ignored.
 */
export function validateProgress(
  keyResults: readonly Pick<KeyResult, 'id' | 'kind'>[],
  input: ProgressInput,
  reportable = false,
): Validated<ValidProgress, ProgressErrorKey> {
  const errors: FieldErrors<ProgressErrorKey> = {};
  const status = (GOAL_STATUSES as readonly string[]).includes(input.status ?? '') ? (input.status as GoalStatus) : undefined;
  if (!status) errors.status = 'Choose a status.';
  const { note, error: noteError } = validateNote(input.note);
  if (noteError) errors.note = noteError;
  const values = new Map<string, number>();
  for (const { keyResultId, value } of input.values) {
    const kr = keyResults.find((k) => k.id === keyResultId);
    if (!kr || value === null) continue;
    const checked = validateCurrentValue(kr, value);
    if ('error' in checked) errors[`kr.${kr.id}`] = checked.error;
    else values.set(kr.id, checked.value);
  }
  let percent: number | null = null;
  if (reportable && input.percent != null) {
    const checked = validateReportedProgress(input.percent);
    if ('error' in checked) errors.percent = checked.error;
    else percent = checked.value;
  }
  if (Object.keys(errors).length > 0 || !status) return { ok: false, errors };
  return { ok: true, value: { status, note, values, percent } };
}
