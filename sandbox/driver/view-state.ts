/**
 * `view.state.values` as Slack builds it when a person submits a modal or acts inside one: every
 * stateful element of the view, with what the person entered or else its initial value. Also the
 * checks the Slack client makes before it lets a submission through (required inputs, lengths,
 * numbers), because a submission Slack would never send must not reach the bot in a test either.
 */
import { stringField } from '../emulator/json';
import type { JsonRecord, SlackView } from '../emulator/types';
import { inputElements, interactiveElements, type LocatedElement } from './blocks';
import { elementState, type InputValue, isEmptyState, isStateful } from './element-values';

/** block_id -> value, for the view's input blocks. */
export type SubmitValues = Readonly<Record<string, InputValue>>;

export type ViewStateValues = Record<string, Record<string, JsonRecord>>;

export class SlackClientValidationError extends Error {
  override readonly name = 'SlackClientValidationError';
  constructor(readonly problems: Record<string, string>) {
    super(
      `Slack would not send this submission; the modal shows: ${Object.entries(problems)
        .map(([blockId, message]) => `${blockId}: ${message}`)
        .join('; ')}`,
    );
  }
}

function describeView(view: SlackView): string {
  return `the open view ${view.id}${view.callback_id ? ` (callback_id "${view.callback_id}")` : ''}`;
}

/** Initial state of every stateful element, with `values` (input block_id -> value) applied. */
export function buildViewState(view: SlackView, values: SubmitValues = {}, changed?: { element: LocatedElement; state: JsonRecord }): ViewStateValues {
  const inputs = inputElements(view.blocks);
  for (const blockId of Object.keys(values)) {
    if (!inputs.some((e) => e.blockId === blockId)) {
      const known = inputs.map((e) => `"${e.blockId}"`).join(', ') || 'none';
      throw new Error(`No input block "${blockId}" in ${describeView(view)}; its input blocks are: ${known}`);
    }
  }
  const state: ViewStateValues = {};
  for (const element of interactiveElements(view.blocks).filter(isStateful)) {
    const isChanged = changed && changed.element.blockId === element.blockId && changed.element.actionId === element.actionId;
    const given = element.blockType === 'input' ? values[element.blockId] : undefined;
    const entry = isChanged ? changed.state : elementState(element, given);
    state[element.blockId] = { ...(state[element.blockId] ?? {}), [element.actionId]: entry };
  }
  return state;
}

function lengthProblem(element: JsonRecord, value: string): string | undefined {
  const min = element.min_length;
  const max = element.max_length;
  if (typeof min === 'number' && value.length < min) return `Must be at least ${min} characters`;
  if (typeof max === 'number' && value.length > max) return `Must be at most ${max} characters`;
  return undefined;
}

function numberProblem(element: JsonRecord, value: string): string | undefined {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return 'Must be a number';
  if (element.is_decimal_allowed !== true && !Number.isInteger(n)) return 'Must be a whole number';
  const min = Number(stringField(element, 'min_value') ?? Number.NEGATIVE_INFINITY);
  const max = Number(stringField(element, 'max_value') ?? Number.POSITIVE_INFINITY);
  if (n < min) return `Must be at least ${min}`;
  if (n > max) return `Must be at most ${max}`;
  return undefined;
}

/** What the Slack client would show under each input instead of submitting (block_id -> text). */
export function clientSideProblems(view: SlackView, state: ViewStateValues): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const input of inputElements(view.blocks)) {
    const entry = state[input.blockId]?.[input.actionId];
    if (!entry) continue;
    if (isEmptyState(entry)) {
      if (input.block.optional !== true) problems[input.blockId] = 'Please fill out this field.';
      continue;
    }
    const value = entry.value;
    if (typeof value !== 'string') continue;
    let problem: string | undefined;
    if (input.elementType === 'plain_text_input') problem = lengthProblem(input.element, value);
    if (input.elementType === 'number_input') problem = numberProblem(input.element, value);
    if (input.elementType === 'email_text_input' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) problem = 'Enter an email address.';
    if (input.elementType === 'url_text_input' && !/^https?:\/\/\S+$/.test(value)) problem = 'Enter a URL.';
    if (problem !== undefined) problems[input.blockId] = problem;
  }
  return problems;
}

/** Input block ids of a view, for checking `response_action: errors` keys. */
export function inputBlockIds(view: SlackView): Set<string> {
  return new Set(inputElements(view.blocks).map((e) => e.blockId));
}

