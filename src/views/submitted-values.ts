import { DateTime } from 'luxon';

/**
 * Checks every value of a submitted form against the form Cadence built, before any service sees
 * it: Slack's client enforces none of this for a crafted request. Returns an error per input block,
 * all at once; empty when every value is one the form could have produced.
 */

/** C0 controls (NUL included) and DEL, except tab and newlines, which a multiline input may hold. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const INPUT_ERRORS = {
  control: 'Remove the control characters from this text: they are not allowed.',
  option: 'Choose one of the listed options.',
  user: 'Pick people from the list.',
  date: 'Pick a date from the calendar.',
  time: 'Pick a time from the list.',
} as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every option value an element offers, from its options or option groups. */
function offered(element: Json): Set<string> {
  const options = Array.isArray(element.options) ? element.options : [];
  const groups = Array.isArray(element.option_groups) ? element.option_groups.flatMap((g) => (isObject(g) && Array.isArray(g.options) ? g.options : [])) : [];
  return new Set([...options, ...groups].flatMap((o) => (isObject(o) && typeof o.value === 'string' ? [o.value] : [])));
}

function problem(element: Json, value: Json): string | undefined {
  const chosen = [value.selected_option, ...(Array.isArray(value.selected_options) ? value.selected_options : [])].flatMap((o) =>
    isObject(o) && typeof o.value === 'string' ? [o.value] : isObject(o) || o === undefined || o === null ? [] : [String(o)],
  );
  switch (element.type) {
    case 'plain_text_input':
      return typeof value.value === 'string' && CONTROL.test(value.value) ? INPUT_ERRORS.control : undefined;
    case 'static_select':
    case 'multi_static_select':
    case 'radio_buttons':
    case 'checkboxes': {
      const allowed = offered(element);
      return chosen.some((v) => !allowed.has(v)) ? INPUT_ERRORS.option : undefined;
    }
    case 'users_select':
    case 'multi_users_select': {
      const users = [value.selected_user, ...(Array.isArray(value.selected_users) ? value.selected_users : [])].filter((u) => u !== undefined && u !== null);
      return users.some((u) => typeof u !== 'string' || !SLACK_USER.test(u)) ? INPUT_ERRORS.user : undefined;
    }
    case 'datepicker': {
      const date = value.selected_date;
      if (date === undefined || date === null) return undefined;
      return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) && DateTime.fromISO(date).isValid ? undefined : INPUT_ERRORS.date;
    }
    case 'timepicker': {
      const time = value.selected_time;
      if (time === undefined || time === null) return undefined;
      return typeof time === 'string' && TIME.test(time) ? undefined : INPUT_ERRORS.time;
    }
    default:
      return undefined;
  }
}

/** `fallbackBlock` takes errors about inputs the form does not have, so Slack can show them. */
export function checkSubmittedValues(view: { blocks?: unknown; state?: { values?: unknown } }, fallbackBlock: string): Record<string, string> {
  const blocks = Array.isArray(view.blocks) ? view.blocks.filter(isObject) : [];
  const values = isObject(view.state?.values) ? view.state.values : {};
  const errors: Record<string, string> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const block = blocks.find((b) => b.block_id === blockId);
    if (!isObject(actions)) continue;
    for (const [actionId, value] of Object.entries(actions)) {
      if (!isObject(value)) continue;
      const element = block && isObject(block.element) && block.element.action_id === actionId ? block.element : undefined;
      // A value for an input the form never had: refuse rather than guess what it was meant to be.
      const found = element ? problem(element, value) : typeof value.value === 'string' && CONTROL.test(value.value) ? INPUT_ERRORS.control : undefined;
      if (found) errors[block ? blockId : fallbackBlock] = found;
    }
  }
  return errors;
}
