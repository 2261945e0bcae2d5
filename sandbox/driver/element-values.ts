/**
 * What Slack reports for one element, in `view.state.values[block_id][action_id]` and in a
 * block_actions `actions[]` entry: the element type plus its value under the key that element
 * uses (`value`, `selected_option`, `selected_users`…). A test gives plain values; option values
 * are looked up in the element's own options so the payload carries the exact option object.
 */
import { arrayField, isRecord, recordField, stringField } from '../emulator/json';
import type { JsonRecord } from '../emulator/types';
import type { LocatedElement } from './blocks';

/** A value as a test states it: text for single-valued elements, a list for multi-valued ones. */
export type InputValue = string | number | readonly string[] | null;

interface Kind {
  /** Where the value sits in state: `value`, `selected_option`, `selected_users`… */
  key: string;
  /** The element field holding its initial value. */
  initial: string;
  multi: boolean;
  /** Values are option values, to be looked up in the element's options. */
  option?: boolean;
}

const KINDS: Record<string, Kind> = {
  plain_text_input: { key: 'value', initial: 'initial_value', multi: false },
  number_input: { key: 'value', initial: 'initial_value', multi: false },
  email_text_input: { key: 'value', initial: 'initial_value', multi: false },
  url_text_input: { key: 'value', initial: 'initial_value', multi: false },
  datepicker: { key: 'selected_date', initial: 'initial_date', multi: false },
  timepicker: { key: 'selected_time', initial: 'initial_time', multi: false },
  datetimepicker: { key: 'selected_date_time', initial: 'initial_date_time', multi: false },
  static_select: { key: 'selected_option', initial: 'initial_option', multi: false, option: true },
  external_select: { key: 'selected_option', initial: 'initial_option', multi: false, option: true },
  radio_buttons: { key: 'selected_option', initial: 'initial_option', multi: false, option: true },
  overflow: { key: 'selected_option', initial: 'initial_option', multi: false, option: true },
  multi_static_select: { key: 'selected_options', initial: 'initial_options', multi: true, option: true },
  multi_external_select: { key: 'selected_options', initial: 'initial_options', multi: true, option: true },
  checkboxes: { key: 'selected_options', initial: 'initial_options', multi: true, option: true },
  users_select: { key: 'selected_user', initial: 'initial_user', multi: false },
  multi_users_select: { key: 'selected_users', initial: 'initial_users', multi: true },
  conversations_select: { key: 'selected_conversation', initial: 'initial_conversation', multi: false },
  multi_conversations_select: { key: 'selected_conversations', initial: 'initial_conversations', multi: true },
  channels_select: { key: 'selected_channel', initial: 'initial_channel', multi: false },
  multi_channels_select: { key: 'selected_channels', initial: 'initial_channels', multi: true },
  rich_text_input: { key: 'rich_text_value', initial: 'initial_value', multi: false },
  // Given as the ids of uploaded files; the driver puts the emulator's file objects in their place.
  file_input: { key: 'files', initial: 'initial_files', multi: true },
};

function describe(el: LocatedElement): string {
  return `${el.elementType} ${el.blockId}/${el.actionId}`;
}

/** Options of a select/checkbox/radio/overflow, flattening option_groups. */
function optionsOf(element: JsonRecord): JsonRecord[] {
  const direct = arrayField(element, 'options') ?? [];
  const grouped = (arrayField(element, 'option_groups') ?? []).flatMap((g) => (isRecord(g) ? (arrayField(g, 'options') ?? []) : []));
  return [...direct, ...grouped].filter(isRecord);
}

function findOption(el: LocatedElement, value: string): JsonRecord {
  // External selects load options from the app at runtime; the view holds none, so build one.
  if (el.elementType === 'external_select' || el.elementType === 'multi_external_select') {
    return { text: { type: 'plain_text', text: value, emoji: true }, value };
  }
  const options = optionsOf(el.element);
  const option = options.find((o) => stringField(o, 'value') === value);
  if (!option) {
    const known = options.map((o) => JSON.stringify(stringField(o, 'value'))).join(', ');
    throw new Error(`${describe(el)} has no option with value ${JSON.stringify(value)}; its options are: ${known || 'none'}`);
  }
  return option;
}

function richText(text: string): JsonRecord {
  return { type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }] };
}

function kindOf(el: LocatedElement): Kind {
  const kind = KINDS[el.elementType];
  if (!kind) throw new Error(`The driver cannot fill in ${describe(el)}: element type not supported`);
  return kind;
}

/** The element's value before anyone touches it: its initial_* field, or the empty shape. */
function initialValue(el: LocatedElement, kind: Kind): unknown {
  const initial = el.element[kind.initial];
  if (initial !== undefined) return initial;
  return kind.multi ? [] : null;
}

function givenValue(el: LocatedElement, kind: Kind, given: InputValue): unknown {
  if (given === null) return kind.multi ? [] : null;
  if (kind.multi) {
    if (!Array.isArray(given)) throw new Error(`${describe(el)} takes a list of values, got ${JSON.stringify(given)}`);
    const list: readonly string[] = given;
    return kind.option === true ? list.map((v) => findOption(el, v)) : [...list];
  }
  if (Array.isArray(given)) throw new Error(`${describe(el)} takes a single value, got a list`);
  const text = String(given);
  if (kind.option === true) return findOption(el, text);
  if (el.elementType === 'rich_text_input') return richText(text);
  // Slack reports datetimepicker values as Unix seconds (a number); every other value is a string.
  if (el.elementType === 'datetimepicker') return Number(text);
  return text;
}

/** `{type, <value key>: value}` for state.values, or for an actions[] entry (plus ids and action_ts). */
export function elementState(el: LocatedElement, given?: InputValue): JsonRecord {
  const kind = kindOf(el);
  const value = given === undefined ? initialValue(el, kind) : givenValue(el, kind, given);
  return { type: el.elementType, [kind.key]: value };
}

/** True when an element's state holds nothing (what Slack's "required" check looks at). */
export function isEmptyState(state: JsonRecord): boolean {
  return Object.entries(state).every(([key, value]) => key === 'type' || value === null || value === '' || (Array.isArray(value) && value.length === 0));
}

/** Whether this element keeps a value in view state (buttons do not). */
export function isStateful(el: LocatedElement): boolean {
  return KINDS[el.elementType] !== undefined && el.elementType !== 'overflow';
}

/** For buttons: what block_actions reports about the clicked button. */
export function buttonAction(el: LocatedElement, value?: string): JsonRecord {
  const action: JsonRecord = { type: 'button', text: recordField(el.element, 'text') ?? { type: 'plain_text', text: '' } };
  const buttonValue = value ?? stringField(el.element, 'value');
  if (buttonValue !== undefined) action.value = buttonValue;
  const style = stringField(el.element, 'style');
  if (style !== undefined) action.style = style;
  return action;
}
