/** Interactive and image elements, and which blocks may hold which of them. */
import {
  readConfirm,
  readInitialOptions,
  readOptionSource,
  readOptions,
  readPlaceholder,
  readTextObject,
  type OptionRule,
} from './composition';
import {
  at,
  checkString,
  checkUnique,
  type Ctx,
  isObject,
  type JsonObject,
  readArray,
  readBoolean,
  readEnum,
  readEnumList,
  readInteger,
  readObject,
  readString,
  readType,
  report,
} from './context';
import { LIMITS } from './limits';

type ElementCheck = (ctx: Ctx, element: JsonObject, pointer: string) => void;

const PLAIN_OPTION: OptionRule = { plainOnly: true, allowUrl: false };
const CHOICE_OPTION: OptionRule = { plainOnly: false, allowUrl: false };
const OVERFLOW_OPTION: OptionRule = { plainOnly: true, allowUrl: true };

function checkButton(ctx: Ctx, button: JsonObject, pointer: string): void {
  readTextObject(ctx, button, 'text', pointer, { required: true, plainOnly: true, max: LIMITS.buttonText });
  readString(ctx, button, 'url', pointer, { max: LIMITS.url });
  readString(ctx, button, 'value', pointer, { max: LIMITS.buttonValue });
  readEnum(ctx, button, 'style', pointer, ['primary', 'danger']);
  readString(ctx, button, 'accessibility_label', pointer, { max: LIMITS.accessibilityLabel });
  readConfirm(ctx, button, pointer);
}

function checkWorkflowButton(ctx: Ctx, button: JsonObject, pointer: string): void {
  readTextObject(ctx, button, 'text', pointer, { required: true, plainOnly: true, max: LIMITS.buttonText });
  readObject(ctx, button, 'workflow', pointer, true);
  readEnum(ctx, button, 'style', pointer, ['primary', 'danger']);
  readString(ctx, button, 'accessibility_label', pointer, { max: LIMITS.accessibilityLabel });
}

/** What every menu shares, whatever feeds its options. */
function checkMenuCommon(ctx: Ctx, menu: JsonObject, pointer: string, multi: boolean): void {
  readPlaceholder(ctx, menu, pointer);
  readConfirm(ctx, menu, pointer);
  readBoolean(ctx, menu, 'focus_on_load', pointer);
  if (multi) readInteger(ctx, menu, 'max_selected_items', pointer, { min: 1 });
}

function staticSelect(multi: boolean): ElementCheck {
  return (ctx, menu, pointer) => {
    checkMenuCommon(ctx, menu, pointer, multi);
    const offered = readOptionSource(ctx, menu, pointer);
    readInitialOptions(ctx, menu, pointer, multi, PLAIN_OPTION, offered);
  };
}

function externalSelect(multi: boolean): ElementCheck {
  return (ctx, menu, pointer) => {
    checkMenuCommon(ctx, menu, pointer, multi);
    readInteger(ctx, menu, 'min_query_length', pointer, { min: 0 });
    // The options live on the app's server, so only the initial option's shape can be checked.
    readInitialOptions(ctx, menu, pointer, multi, PLAIN_OPTION, undefined);
  };
}

/** users, conversations and channels menus: the initial selection is one id or a list of ids. */
function idSelect(multi: boolean, initialKey: string): ElementCheck {
  return (ctx, menu, pointer) => {
    checkMenuCommon(ctx, menu, pointer, multi);
    if (!multi) {
      readString(ctx, menu, initialKey, pointer);
      return;
    }
    const ids = readArray(ctx, menu, initialKey, pointer) ?? [];
    ids.forEach((id, index) => checkString(ctx, id, at(pointer, initialKey, index)));
  };
}

function conversationsSelect(multi: boolean): ElementCheck {
  const base = idSelect(multi, multi ? 'initial_conversations' : 'initial_conversation');
  return (ctx, menu, pointer) => {
    base(ctx, menu, pointer);
    readBoolean(ctx, menu, 'default_to_current_conversation', pointer);
    readBoolean(ctx, menu, 'response_url_enabled', pointer);
    const filter = readObject(ctx, menu, 'filter', pointer);
    if (filter === undefined) return;
    const here = at(pointer, 'filter');
    readEnumList(ctx, filter, 'include', here, ['im', 'mpim', 'private', 'public']);
    readBoolean(ctx, filter, 'exclude_external_shared_channels', here);
    readBoolean(ctx, filter, 'exclude_bot_users', here);
  };
}

function checkOverflow(ctx: Ctx, overflow: JsonObject, pointer: string): void {
  readOptions(ctx, overflow, 'options', pointer, {
    ...OVERFLOW_OPTION,
    required: true,
    min: LIMITS.overflowOptionsMin,
    max: LIMITS.overflowOptionsMax,
  });
  readConfirm(ctx, overflow, pointer);
}

function choices(multi: boolean): ElementCheck {
  return (ctx, group, pointer) => {
    const offered = readOptions(ctx, group, 'options', pointer, {
      ...CHOICE_OPTION,
      required: true,
      min: 1,
      max: LIMITS.choiceOptions,
    });
    readInitialOptions(ctx, group, pointer, multi, CHOICE_OPTION, offered);
    readConfirm(ctx, group, pointer);
    readBoolean(ctx, group, 'focus_on_load', pointer);
  };
}

/** Real calendar dates only: "2024-02-30" has the right shape but Slack's date picker cannot show it. */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkDatepicker(ctx: Ctx, picker: JsonObject, pointer: string): void {
  const date = readString(ctx, picker, 'initial_date', pointer);
  if (date !== undefined && !isCalendarDate(date)) {
    report(ctx, at(pointer, 'initial_date'), 'must be a valid date in the format YYYY-MM-DD');
  }
  readPlaceholder(ctx, picker, pointer);
  readConfirm(ctx, picker, pointer);
  readBoolean(ctx, picker, 'focus_on_load', pointer);
}

function checkTimepicker(ctx: Ctx, picker: JsonObject, pointer: string): void {
  const time = readString(ctx, picker, 'initial_time', pointer);
  if (time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
    report(ctx, at(pointer, 'initial_time'), 'must be a valid time in the format HH:mm');
  }
  readString(ctx, picker, 'timezone', pointer);
  readPlaceholder(ctx, picker, pointer);
  readConfirm(ctx, picker, pointer);
  readBoolean(ctx, picker, 'focus_on_load', pointer);
}

function checkDatetimepicker(ctx: Ctx, picker: JsonObject, pointer: string): void {
  readInteger(ctx, picker, 'initial_date_time', pointer, { min: 0 });
  readConfirm(ctx, picker, pointer);
  readBoolean(ctx, picker, 'focus_on_load', pointer);
}

/** What every free-text input shares. */
function checkTextInputCommon(ctx: Ctx, input: JsonObject, pointer: string): void {
  readPlaceholder(ctx, input, pointer);
  readBoolean(ctx, input, 'focus_on_load', pointer);
  const config = readObject(ctx, input, 'dispatch_action_config', pointer);
  if (config === undefined) return;
  readEnumList(ctx, config, 'trigger_actions_on', at(pointer, 'dispatch_action_config'), [
    'on_enter_pressed',
    'on_character_entered',
  ]);
}

function checkPlainTextInput(ctx: Ctx, input: JsonObject, pointer: string): void {
  checkTextInputCommon(ctx, input, pointer);
  readString(ctx, input, 'initial_value', pointer);
  readBoolean(ctx, input, 'multiline', pointer);
  const min = readInteger(ctx, input, 'min_length', pointer, { min: 0, max: LIMITS.plainTextInputLength });
  const max = readInteger(ctx, input, 'max_length', pointer, { min: 1, max: LIMITS.plainTextInputLength });
  if (min !== undefined && max !== undefined && min > max) {
    report(ctx, at(pointer, 'min_length'), 'must be less than or equal to max_length');
  }
}

function checkSimpleTextInput(ctx: Ctx, input: JsonObject, pointer: string): void {
  checkTextInputCommon(ctx, input, pointer);
  readString(ctx, input, 'initial_value', pointer);
}

/** number_input carries its numbers as strings (as view_submission reports them back). */
function readNumberString(
  ctx: Ctx,
  input: JsonObject,
  key: string,
  pointer: string,
  decimal: boolean,
): number | undefined {
  const text = readString(ctx, input, key, pointer);
  if (text === undefined) return undefined;
  const pattern = decimal ? /^-?\d+(\.\d+)?$/ : /^-?\d+$/;
  if (!pattern.test(text)) {
    report(ctx, at(pointer, key), decimal ? 'must be a number' : 'must be an integer, as is_decimal_allowed is false');
    return undefined;
  }
  return Number(text);
}

function checkNumberInput(ctx: Ctx, input: JsonObject, pointer: string): void {
  checkTextInputCommon(ctx, input, pointer);
  const decimal = readBoolean(ctx, input, 'is_decimal_allowed', pointer, true) ?? true;
  const initial = readNumberString(ctx, input, 'initial_value', pointer, decimal);
  const min = readNumberString(ctx, input, 'min_value', pointer, decimal);
  const max = readNumberString(ctx, input, 'max_value', pointer, decimal);
  if (min !== undefined && max !== undefined && min > max) {
    report(ctx, at(pointer, 'min_value'), 'must be less than or equal to max_value');
  }
  if (initial !== undefined && ((min !== undefined && initial < min) || (max !== undefined && initial > max))) {
    report(ctx, at(pointer, 'initial_value'), 'must be between min_value and max_value');
  }
}

function checkRichTextInput(ctx: Ctx, input: JsonObject, pointer: string): void {
  checkTextInputCommon(ctx, input, pointer);
  readObject(ctx, input, 'initial_value', pointer);
}

function checkFileInput(ctx: Ctx, input: JsonObject, pointer: string): void {
  readInteger(ctx, input, 'max_files', pointer, { min: 1, max: LIMITS.fileInputMaxFiles });
  const types = readArray(ctx, input, 'filetypes', pointer) ?? [];
  types.forEach((type, index) => checkString(ctx, type, at(pointer, 'filetypes', index)));
}

/** Image element (context blocks, section accessories); the image block shares the source rule. */
export function checkImageSource(ctx: Ctx, image: JsonObject, pointer: string): void {
  if (image['image_url'] === undefined && image['slack_file'] === undefined) {
    report(ctx, pointer, 'missing required field: image_url or slack_file');
  }
  readString(ctx, image, 'image_url', pointer, { min: 1, max: LIMITS.url });
  readObject(ctx, image, 'slack_file', pointer);
  readString(ctx, image, 'alt_text', pointer, { required: true, max: LIMITS.imageAltText });
}

/** Newer elements Slack documents for a single block type; accepted without a closer look. */
const acceptLoosely: ElementCheck = () => undefined;

const ELEMENTS: Record<string, ElementCheck> = {
  button: checkButton,
  workflow_button: checkWorkflowButton,
  static_select: staticSelect(false),
  multi_static_select: staticSelect(true),
  external_select: externalSelect(false),
  multi_external_select: externalSelect(true),
  users_select: idSelect(false, 'initial_user'),
  multi_users_select: idSelect(true, 'initial_users'),
  conversations_select: conversationsSelect(false),
  multi_conversations_select: conversationsSelect(true),
  channels_select: idSelect(false, 'initial_channel'),
  multi_channels_select: idSelect(true, 'initial_channels'),
  overflow: checkOverflow,
  checkboxes: choices(true),
  radio_buttons: choices(false),
  datepicker: checkDatepicker,
  timepicker: checkTimepicker,
  datetimepicker: checkDatetimepicker,
  plain_text_input: checkPlainTextInput,
  email_text_input: checkSimpleTextInput,
  url_text_input: checkSimpleTextInput,
  number_input: checkNumberInput,
  rich_text_input: checkRichTextInput,
  file_input: checkFileInput,
  image: checkImageSource,
  feedback_buttons: acceptLoosely,
  icon_button: acceptLoosely,
};

const SELECTS = [
  'static_select',
  'multi_static_select',
  'external_select',
  'multi_external_select',
  'users_select',
  'multi_users_select',
  'conversations_select',
  'multi_conversations_select',
  'channels_select',
  'multi_channels_select',
];

/** Which element types each container accepts, per Slack's block reference. */
export const ACCESSORY_ELEMENTS: ReadonlySet<string> = new Set([
  ...SELECTS,
  'button',
  'workflow_button',
  'overflow',
  'checkboxes',
  'radio_buttons',
  'datepicker',
  'timepicker',
  'image',
]);

export const ACTIONS_ELEMENTS: ReadonlySet<string> = new Set([
  ...SELECTS,
  'button',
  'workflow_button',
  'overflow',
  'checkboxes',
  'radio_buttons',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'rich_text_input',
]);

export const INPUT_ELEMENTS: ReadonlySet<string> = new Set([
  ...SELECTS,
  'checkboxes',
  'radio_buttons',
  'datepicker',
  'timepicker',
  'datetimepicker',
  'plain_text_input',
  'email_text_input',
  'url_text_input',
  'number_input',
  'rich_text_input',
  'file_input',
]);

export const CONTEXT_ACTIONS_ELEMENTS: ReadonlySet<string> = new Set(['feedback_buttons', 'icon_button']);

/**
 * Checks one element against the types its container accepts, its action_id (unique within the
 * block), then its type's own rules.
 */
export function checkElement(ctx: Ctx, value: unknown, pointer: string, allowed: ReadonlySet<string>): void {
  if (!isObject(value)) {
    report(ctx, pointer, 'must provide an object');
    return;
  }
  const type = readType(ctx, value, pointer, allowed);
  if (type === undefined) return;
  const actionId = readString(ctx, value, 'action_id', pointer, { min: 1, max: LIMITS.actionId });
  if (actionId !== undefined) checkUnique(ctx, ctx.actionIds, actionId, at(pointer, 'action_id'), 'action_id');
  ELEMENTS[type]?.(ctx, value, pointer);
}
