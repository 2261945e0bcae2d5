/** How a key result is measured. A yes/no result is done or not: it moves from 0 to 1. */
export const KEY_RESULT_KINDS = ['number', 'percent', 'currency', 'yes_no'] as const;
export type KeyResultKind = (typeof KEY_RESULT_KINDS)[number];

export const MAX_KEY_RESULTS = 5;
export const KEY_RESULT_LIMITS = { titleMax: 150, unitMax: 20, valueMax: 1e12, weightMax: 100 } as const;

export interface KeyResult {
  id: string;
  goalId: string;
  /** 0-based order within the goal. */
  position: number;
  title: string;
  kind: KeyResultKind;
  /** Either direction: a target below the start means lower is better. */
  start: number;
  target: number;
  current: number;
  unit: string | null;
  weight: number;
}

/** A key result as typed into the goal form; `id` names an existing one being edited. */
export interface KeyResultInput {
  id?: string | null;
  title: string;
  kind: string | null;
  start: string | null;
  target: string | null;
  unit: string | null;
  weight: string | null;
}

export interface ValidKeyResult {
  id: string | null;
  title: string;
  kind: KeyResultKind;
  start: number;
  target: number;
  unit: string | null;
  weight: number;
}

export type KeyResultField = 'title' | 'kind' | 'start' | 'target' | 'unit' | 'weight';

type Checked<T> = { value: T } | { error: string };

const DECIMAL = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;
const NOT_A_NUMBER = 'Enter a number, like 12 or 3.5.';
const OUT_OF_RANGE = `Use a number between -${KEY_RESULT_LIMITS.valueMax.toLocaleString('en-US')} and ${KEY_RESULT_LIMITS.valueMax.toLocaleString('en-US')}.`;
const PERCENT_RANGE = 'A percentage is between 0 and 100.';

/**
 * A number as Slack's number_input sends it: a string. Null when empty, undefined when it is not
 * a plain decimal (no exponents, no Infinity, nothing JavaScript's Number would quietly accept).
 */
export function parseDecimal(text: string | null | undefined): number | null | undefined {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '') return null;
  return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
}

function checkValue(text: string | null, kind: KeyResultKind, missing: string): Checked<number> {
  const value = parseDecimal(text);
  if (value === null) return { error: missing };
  if (value === undefined) return { error: NOT_A_NUMBER };
  if (Math.abs(value) > KEY_RESULT_LIMITS.valueMax) return { error: OUT_OF_RANGE };
  if (kind === 'percent' && (value < 0 || value > 100)) return { error: PERCENT_RANGE };
  return { value };
}

/** The percent someone reports for a goal with neither key results nor aligned goals. */
export function validateReportedProgress(text: string | null): Checked<number> {
  return checkValue(text, 'percent', 'Enter how far along this goal is, from 0 to 100.');
}

/** A weight among siblings: empty means the default of 1. */
export function validateWeight(text: string | null): Checked<number> {
  const value = parseDecimal(text);
  if (value === null) return { value: 1 };
  if (value === undefined || value <= 0 || value > KEY_RESULT_LIMITS.weightMax)
    return { error: `Weight is a number above 0 and at most ${KEY_RESULT_LIMITS.weightMax} (1 is the default).` };
  return { value };
}

function isKind(value: string | null): value is KeyResultKind {
  return (KEY_RESULT_KINDS as readonly string[]).includes(value ?? '');
}

export function validateKeyResult(input: KeyResultInput): { ok: true; value: ValidKeyResult } | { ok: false; errors: Partial<Record<KeyResultField, string>> } {
  const errors: Partial<Record<KeyResultField, string>> = {};
  const title = input.title.trim();
  if (title.length === 0) errors.title = 'Give this key result a title.';
  else if (title.length > KEY_RESULT_LIMITS.titleMax) errors.title = `Keep the key result's title to ${KEY_RESULT_LIMITS.titleMax} characters or fewer.`;

  const kind = isKind(input.kind) ? input.kind : undefined;
  if (!kind) errors.kind = 'Choose how this key result is measured.';

  let start = 0;
  let target = 1;
  if (kind && kind !== 'yes_no') {
    const from = checkValue(input.start, kind, 'Enter the value you start from.');
    const to = checkValue(input.target, kind, 'Enter the value you aim for.');
    if ('error' in from) errors.start = from.error;
    else start = from.value;
    if ('error' in to) errors.target = to.error;
    else target = to.value;
    if ('value' in from && 'value' in to && from.value === to.value) errors.target = 'The target must differ from the start, or there is nothing to measure.';
  }

  // Percentages carry their own unit and yes/no needs none.
  const unit = kind === 'percent' || kind === 'yes_no' ? null : input.unit?.trim() || null;
  if (unit && unit.length > KEY_RESULT_LIMITS.unitMax) errors.unit = `Keep the unit to ${KEY_RESULT_LIMITS.unitMax} characters or fewer.`;

  const weight = validateWeight(input.weight);
  if ('error' in weight) errors.weight = weight.error;

  if (Object.keys(errors).length > 0 || !kind || 'error' in weight) return { ok: false, errors };
  return { ok: true, value: { id: input.id ?? null, title, kind, start, target, unit, weight: weight.value } };
}

/** A new current value typed into the update form; yes/no arrives as '1' (done) or '0'. */
export function validateCurrentValue(kr: Pick<KeyResult, 'kind'>, text: string | null): Checked<number> {
  if (kr.kind === 'yes_no') return { value: text === '1' ? 1 : 0 };
  return checkValue(text, kr.kind, 'Enter where this key result stands now.');
}

/** A whole number as typed: digits only, so `0x10`, `1e1` or ` ` are not quietly read as numbers. Else NaN. */
export function wholeNumber(text: string | null | undefined): number {
  const trimmed = text?.trim() ?? '';
  return /^[-+]?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
