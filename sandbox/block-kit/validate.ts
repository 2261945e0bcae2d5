/**
 * A pure Block Kit validator for the local Slack emulator: a message, modal or Home tab that Slack
 * would refuse fails a test here instead of in a customer's workspace.
 *
 * Inputs are untrusted, already JSON-parsed payloads (the emulator parses form-encoded `blocks` and
 * `view` fields first). Nothing here throws: every problem comes back as a {@link BlockKitError} whose
 * pointer is relative to the object given, e.g. "/blocks/0/text/text" or "/title/text"; the emulator
 * prefixes "/view" for views and renders each error as Slack does, `"<message> [json-pointer:<pointer>]"`.
 *
 * False positives cost more than misses here (they block valid work), so fields this file does not
 * know are ignored, and newer block types are accepted without a closer look.
 */
import { checkBlocks } from './blocks';
import { readTextObject } from './composition';
import {
  type BlockKitError,
  checkArray,
  checkString,
  type Ctx,
  field,
  isObject,
  type JsonObject,
  newCtx,
  readBoolean,
  readString,
  readType,
  report,
} from './context';
import { LIMITS } from './limits';

export type { BlockKitError } from './context';
export { LIMITS } from './limits';

/** Errors the emulator answers with their own Slack error code rather than `invalid_blocks`. */
export const NO_TEXT_MESSAGE = 'no_text: must provide either non-empty text or blocks';
export const VIEW_TOO_LARGE_MESSAGE = `view_too_large: must be at most ${LIMITS.viewBytes} bytes of JSON`;

const VIEW_TYPES: ReadonlySet<string> = new Set(['modal', 'home']);

/** chat.postMessage, chat.postEphemeral, chat.update and response_url payloads. */
export function validateMessage(message: { text?: unknown; blocks?: unknown }): BlockKitError[] {
  const ctx = newCtx('message');
  if (!isObject(message)) {
    report(ctx, '', 'must provide an object');
    return ctx.errors;
  }
  const { text, blocks } = message;
  if (text !== undefined) checkString(ctx, text, '/text', { max: LIMITS.messageText });
  const list = blocks === undefined ? undefined : checkArray(ctx, blocks, '/blocks', { max: LIMITS.messageBlocks });
  if (list !== undefined) checkBlocks(ctx, list, '/blocks');

  const noText = text === undefined || text === '';
  const noBlocks = blocks === undefined || (Array.isArray(blocks) && blocks.length === 0);
  if (noText && noBlocks) report(ctx, '', NO_TEXT_MESSAGE);
  return ctx.errors;
}

/** views.open, views.push and views.update (`modal`) and views.publish (`home`) payloads. */
export function validateView(view: unknown): BlockKitError[] {
  if (!isObject(view)) return [{ pointer: '', message: 'must provide an object' }];
  const ctx = newCtx(view['type'] === 'home' ? 'home' : 'modal');
  const type = readType(ctx, view, '', VIEW_TYPES, 'modal or home');

  checkViewSize(ctx, view);
  if (type === 'modal') checkModalChrome(ctx, view);
  if (type === 'home') checkHomeChrome(ctx, view);
  readString(ctx, view, 'callback_id', '', { max: LIMITS.callbackId });
  readString(ctx, view, 'external_id', '', { max: LIMITS.externalId });
  readString(ctx, view, 'private_metadata', '', { max: LIMITS.privateMetadata });

  const blocks = field(ctx, view, 'blocks', '', true);
  const list = blocks === undefined ? undefined : checkArray(ctx, blocks, '/blocks', { max: LIMITS.viewBlocks });
  if (list !== undefined) checkBlocks(ctx, list, '/blocks');

  // Without a submit button an input block's value could never be sent.
  const hasInput = list?.some((block) => isObject(block) && block['type'] === 'input') ?? false;
  if (type === 'modal' && hasInput && view['submit'] === undefined) {
    report(ctx, '', 'missing required field: submit');
  }
  return ctx.errors;
}

function checkModalChrome(ctx: Ctx, view: JsonObject): void {
  readTextObject(ctx, view, 'title', '', { required: true, plainOnly: true, max: LIMITS.viewTitle });
  readTextObject(ctx, view, 'submit', '', { plainOnly: true, max: LIMITS.viewSubmit });
  readTextObject(ctx, view, 'close', '', { plainOnly: true, max: LIMITS.viewClose });
  readBoolean(ctx, view, 'clear_on_close', '');
  readBoolean(ctx, view, 'notify_on_close', '');
  readBoolean(ctx, view, 'submit_disabled', '');
}

/** A Home tab has no buttons of its own: a submit or close here means a modal builder was reused. */
function checkHomeChrome(ctx: Ctx, view: JsonObject): void {
  for (const key of ['submit', 'close']) {
    if (view[key] !== undefined) report(ctx, `/${key}`, `invalid additional property: ${key}`);
  }
}

function checkViewSize(ctx: Ctx, view: JsonObject): void {
  let json: string;
  try {
    json = JSON.stringify(view);
  } catch {
    // Cycles and BigInts cannot come from parsed JSON, but the input is typed unknown.
    report(ctx, '', 'must be serialisable as JSON');
    return;
  }
  if (Buffer.byteLength(json, 'utf8') > LIMITS.viewBytes) report(ctx, '', VIEW_TOO_LARGE_MESSAGE);
}
