/**
 * Turns Block Kit validation results into Slack's error responses. Messages get
 * `invalid_blocks` with `errors: ["<message> [json-pointer:/blocks/0/text/text]"]`; views get
 * `invalid_arguments` with `response_metadata.messages: ["[ERROR] <message> [json-pointer:/view/…]"]`,
 * which is how Slack reports a bad view (the SDK logs those lines as errors).
 */
import { NO_TEXT_MESSAGE, validateMessage, validateView, VIEW_TOO_LARGE_MESSAGE } from '../block-kit/validate';
import type { ApiBody } from './types';

const MAX_TEXT_CHARS = 40_000;
const MAX_VIEW_BYTES = 250_000;

function fail(error: string, extra: Record<string, unknown> = {}): ApiBody {
  return { ok: false, error, ...extra };
}

/** The error a message payload earns, or undefined when Slack would accept it. */
export function checkMessage(message: { text?: unknown; blocks?: unknown }): ApiBody | undefined {
  const text = message.text;
  const blocks = message.blocks;
  const hasText = typeof text === 'string' && text !== '';
  const hasBlocks = Array.isArray(blocks) ? blocks.length > 0 : blocks !== undefined;
  if (!hasText && !hasBlocks) return fail('no_text');
  if (typeof blocks === 'string') return fail('invalid_blocks_format');
  if (typeof text === 'string' && text.length > MAX_TEXT_CHARS) return fail('msg_too_long');
  const errors = validateMessage(message).filter((e) => e.message !== NO_TEXT_MESSAGE);
  if (errors.length === 0) return undefined;
  const lines = errors.map((e) => `${e.message} [json-pointer:${e.pointer}]`);
  return fail('invalid_blocks', { errors: lines, response_metadata: { messages: lines.map((l) => `[ERROR] ${l}`) } });
}

/** The error a view payload earns (views.open/push/update/publish and view acks), or undefined. */
export function checkView(view: unknown, expectedType: 'modal' | 'home'): ApiBody | undefined {
  if (typeof view === 'string') return invalidArguments(['failed to parse view as JSON [json-pointer:/view]']);
  if (view === undefined) return invalidArguments(['missing required field: view']);
  if (Buffer.byteLength(JSON.stringify(view) ?? '', 'utf8') > MAX_VIEW_BYTES) return fail('view_too_large');
  const errors = validateView(view)
    .filter((e) => e.message !== VIEW_TOO_LARGE_MESSAGE)
    .map((e) => `${e.message} [json-pointer:/view${e.pointer}]`);
  const type = typeof view === 'object' && view !== null && 'type' in view ? view.type : undefined;
  if (errors.length === 0 && type !== expectedType) {
    errors.push(`must be "${expectedType}" here [json-pointer:/view/type]`);
  }
  return errors.length === 0 ? undefined : invalidArguments(errors);
}

export function invalidArguments(lines: string[]): ApiBody {
  return fail('invalid_arguments', { response_metadata: { messages: lines.map((l) => `[ERROR] ${l}`) } });
}
