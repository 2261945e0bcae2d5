/** Composition objects: text, option, option group, confirmation dialog. */
import { LIMITS } from './limits';
import {
  at,
  type Ctx,
  field,
  isObject,
  type JsonObject,
  readArray,
  readBoolean,
  readEnum,
  readObject,
  readString,
  readType,
  report,
} from './context';

const PLAIN_ONLY: ReadonlySet<string> = new Set(['plain_text']);
const ANY_TEXT: ReadonlySet<string> = new Set(['plain_text', 'mrkdwn']);

export interface TextRule {
  max: number;
  /** Most places that render as UI chrome (labels, buttons, titles) refuse mrkdwn. */
  plainOnly?: boolean;
  required?: boolean;
}

/** Checks a text object already taken out of its parent; `pointer` is the object's own pointer. */
export function checkTextObject(ctx: Ctx, value: unknown, pointer: string, rule: TextRule): JsonObject | undefined {
  if (!isObject(value)) {
    report(ctx, pointer, 'must provide an object');
    return undefined;
  }
  const allowed = rule.plainOnly === true ? PLAIN_ONLY : ANY_TEXT;
  const type = readType(ctx, value, pointer, allowed, [...allowed].join(' or '));
  readString(ctx, value, 'text', pointer, { required: true, min: 1, max: rule.max });
  // `emoji` only means something to plain_text and `verbatim` only to mrkdwn; Slack rejects the other.
  if (type === 'plain_text') {
    readBoolean(ctx, value, 'emoji', pointer);
    if (value['verbatim'] !== undefined) report(ctx, at(pointer, 'verbatim'), 'invalid additional property: verbatim');
  } else if (type === 'mrkdwn') {
    readBoolean(ctx, value, 'verbatim', pointer);
    if (value['emoji'] !== undefined) report(ctx, at(pointer, 'emoji'), 'invalid additional property: emoji');
  }
  return value;
}

export function readTextObject(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  rule: TextRule,
): JsonObject | undefined {
  const value = field(ctx, parent, key, pointer, rule.required);
  return value === undefined ? undefined : checkTextObject(ctx, value, at(pointer, key), rule);
}

export function readPlaceholder(ctx: Ctx, element: JsonObject, pointer: string): void {
  readTextObject(ctx, element, 'placeholder', pointer, { max: LIMITS.placeholder, plainOnly: true });
}

export function readConfirm(ctx: Ctx, element: JsonObject, pointer: string): void {
  const confirm = readObject(ctx, element, 'confirm', pointer);
  if (confirm === undefined) return;
  const here = at(pointer, 'confirm');
  readTextObject(ctx, confirm, 'title', here, { required: true, plainOnly: true, max: LIMITS.confirmTitle });
  readTextObject(ctx, confirm, 'text', here, { required: true, max: LIMITS.confirmText });
  readTextObject(ctx, confirm, 'confirm', here, { required: true, plainOnly: true, max: LIMITS.confirmButton });
  readTextObject(ctx, confirm, 'deny', here, { required: true, plainOnly: true, max: LIMITS.confirmButton });
  readEnum(ctx, confirm, 'style', here, ['primary', 'danger']);
}

export interface OptionRule {
  /** Selects and overflow menus show options as plain text; checkboxes and radio buttons allow mrkdwn. */
  plainOnly: boolean;
  /** Only overflow menu options may carry a url. */
  allowUrl: boolean;
}

/**
 * Identity used to match initial options against the offered ones. Text and value are compared, not the
 * whole object, because Slack fills defaults (such as `emoji`) in before it compares.
 */
export type OptionKey = string;

function optionKey(option: JsonObject): OptionKey | undefined {
  const text = option['text'];
  if (!isObject(text)) return undefined;
  return JSON.stringify([text['type'], text['text'], option['value']]);
}

/** Checks one option object; returns its key for initial-option matching, if it is well formed. */
export function checkOption(ctx: Ctx, value: unknown, pointer: string, rule: OptionRule): OptionKey | undefined {
  if (!isObject(value)) {
    report(ctx, pointer, 'must provide an object');
    return undefined;
  }
  const before = ctx.errors.length;
  readTextObject(ctx, value, 'text', pointer, { required: true, plainOnly: rule.plainOnly, max: LIMITS.optionText });
  readString(ctx, value, 'value', pointer, { max: LIMITS.optionValue });
  readTextObject(ctx, value, 'description', pointer, {
    plainOnly: rule.plainOnly,
    max: LIMITS.optionDescription,
  });
  if (rule.allowUrl) readString(ctx, value, 'url', pointer, { max: LIMITS.url });
  else if (value['url'] !== undefined) report(ctx, at(pointer, 'url'), 'invalid additional property: url');
  return ctx.errors.length === before ? optionKey(value) : undefined;
}

export interface OptionListRule extends OptionRule {
  required?: boolean;
  min?: number;
  max: number;
}

/** Checks `parent[key]` as an array of options; returns the keys of the well-formed ones. */
export function readOptions(
  ctx: Ctx,
  parent: JsonObject,
  key: string,
  pointer: string,
  rule: OptionListRule,
): OptionKey[] {
  const options = readArray(ctx, parent, key, pointer, rule) ?? [];
  return options.flatMap((option, index) => checkOption(ctx, option, at(pointer, key, index), rule) ?? []);
}

/**
 * Checks a select's `options` or `option_groups` (exactly one of them, as Slack requires) and returns the
 * keys of every well-formed option offered.
 */
export function readOptionSource(ctx: Ctx, element: JsonObject, pointer: string): OptionKey[] {
  const hasOptions = element['options'] !== undefined;
  const hasGroups = element['option_groups'] !== undefined;
  if (hasOptions === hasGroups) {
    report(ctx, pointer, 'must provide exactly one of options or option_groups');
    if (!hasOptions) return [];
  }
  const rule = { plainOnly: true, allowUrl: false, max: LIMITS.selectOptions };
  if (hasOptions) return readOptions(ctx, element, 'options', pointer, rule);

  const groups = readArray(ctx, element, 'option_groups', pointer, { max: LIMITS.optionGroups }) ?? [];
  return groups.flatMap((group, index) => {
    const here = at(pointer, 'option_groups', index);
    if (!isObject(group)) {
      report(ctx, here, 'must provide an object');
      return [];
    }
    readTextObject(ctx, group, 'label', here, { required: true, plainOnly: true, max: LIMITS.optionGroupLabel });
    return readOptions(ctx, group, 'options', here, { ...rule, required: true });
  });
}

/**
 * Checks `initial_option` (single) or `initial_options` (multi) against the options offered. Pass
 * `offered` undefined when the options are not in the payload (external selects): only the shape is
 * checked then.
 */
export function readInitialOptions(
  ctx: Ctx,
  element: JsonObject,
  pointer: string,
  multi: boolean,
  rule: OptionRule,
  offered: readonly OptionKey[] | undefined,
): void {
  const key = multi ? 'initial_options' : 'initial_option';
  const values = multi ? readArray(ctx, element, key, pointer) : element[key] === undefined ? [] : [element[key]];
  (values ?? []).forEach((value, index) => {
    const here = multi ? at(pointer, key, index) : at(pointer, key);
    const option = checkOption(ctx, value, here, rule);
    if (option !== undefined && offered !== undefined && !offered.includes(option)) {
      report(ctx, here, 'must exactly match one of the provided options');
    }
  });
}
