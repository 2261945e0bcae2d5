import { type FieldErrors, GOAL_STATUSES, type GoalStatus, type Validated, validateNote } from './goal';
import { type KeyResult, validateCurrentValue } from './key-result';

/** The update form: where each key result stands now, the status, and why. */
export interface ProgressInput {
  status: string | null;
  note: string | null;
  /** A null value leaves that key result as it is. */
  values: ReadonlyArray<{ keyResultId: string; value: string | null }>;
}
/** `kr.<key result id>` for a value. */
export type ProgressErrorKey = 'status' | 'note' | `kr.${string}`;

export interface ValidProgress {
  status: GoalStatus;
  note: string | null;
  /** New values by key result id; values for key results the goal no longer has are dropped. */
  values: Map<string, number>;
}

/**
 * The rules of a progress update against the goal's key results as stored. The goal service applies
 * them under its lock; the check-in form applies them to every goal first, so nothing is stored
 * when one goal's answer is wrong.
 */
export function validateProgress(keyResults: readonly Pick<KeyResult, 'id' | 'kind'>[], input: ProgressInput): Validated<ValidProgress, ProgressErrorKey> {
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
  if (Object.keys(errors).length > 0 || !status) return { ok: false, errors };
  return { ok: true, value: { status, note, values } };
}
