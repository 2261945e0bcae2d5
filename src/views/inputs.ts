import type { InputBlock, PlainTextOption } from '@slack/types';
import { plain } from './blocks';
import { VALUE_ACTION } from './ids';

type InputElement = InputBlock['element'];
/** An input element as builders write it; `input()` adds the action_id. */
type ElementSpec = InputElement extends infer E ? (E extends unknown ? Omit<E, 'action_id'> : never) : never;

/** An input block whose element answers to VALUE_ACTION (see views/state.ts). */
export function input(
  blockId: string,
  label: string,
  element: ElementSpec,
  options: { optional?: boolean; hint?: string; /** Tell the app at once when the value changes (block_actions). */ dispatchAction?: boolean } = {},
): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { ...element, action_id: VALUE_ACTION } as InputElement,
    ...(options.optional ? { optional: true } : {}),
    ...(options.hint ? { hint: plain(options.hint) } : {}),
    ...(options.dispatchAction ? { dispatch_action: true } : {}),
  };
}

export const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

/** Slack wants the initial option to be the very object among the options. */
export function staticSelect(options: PlainTextOption[], initial?: string): ElementSpec {
  const chosen = options.find((o) => o.value === initial);
  return { type: 'static_select', options, ...(chosen ? { initial_option: chosen } : {}) };
}

export function timepicker(initial: string | null): ElementSpec {
  return { type: 'timepicker', ...(initial ? { initial_time: initial } : {}) };
}

export function usersSelect(initial?: string): ElementSpec {
  return { type: 'users_select', ...(initial ? { initial_user: initial } : {}) };
}
