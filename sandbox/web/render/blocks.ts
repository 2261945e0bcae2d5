/**
 * Block Kit layout blocks as HTML, for messages, the Home tab and modals. Inputs show their
 * `response_action: errors` message under the field, as Slack does.
 */
import type { JsonRecord } from '../../emulator/types';
import { arrayField, isRecord, recordField, stringField } from '../../emulator/json';
import { elementHtml, imageLink, type RenderContext } from './elements';
import { attrs, escapeHtml } from './html';
import { plainText, textToHtml } from './mrkdwn';

export interface BlocksOptions {
  ctx: RenderContext;
  /** block_id -> message, from the bot's `response_action: errors` or the client's own checks. */
  errors?: Readonly<Record<string, string>>;
}

function ids(block: JsonRecord, element: JsonRecord): { blockId: string; actionId: string } {
  return { blockId: stringField(block, 'block_id') ?? '', actionId: stringField(element, 'action_id') ?? '' };
}

function section(block: JsonRecord, ctx: RenderContext): string {
  const text = block.text ? `<div class="section-text">${textToHtml(block.text, ctx)}</div>` : '';
  const fields = arrayField(block, 'fields') ?? [];
  const fieldHtml = fields.length > 0 ? `<div class="fields">${fields.map((f) => `<div>${textToHtml(f, ctx)}</div>`).join('')}</div>` : '';
  const accessory = recordField(block, 'accessory');
  const side = accessory ? `<div class="accessory">${elementHtml(accessory, ids(block, accessory), 'action', ctx)}</div>` : '';
  return `<div class="blk section"><div class="section-main">${text}${fieldHtml}</div>${side}</div>`;
}

function contextBlock(block: JsonRecord, ctx: RenderContext): string {
  const parts = (arrayField(block, 'elements') ?? []).filter(isRecord).map((el) => (el.type === 'image' ? imageLink(el) : `<span>${textToHtml(el, ctx)}</span>`));
  return `<div class="blk context">${parts.join('')}</div>`;
}

function actions(block: JsonRecord, ctx: RenderContext): string {
  const elements = (arrayField(block, 'elements') ?? []).filter(isRecord).map((el) => elementHtml(el, ids(block, el), 'action', ctx));
  return `<div class="blk actions">${elements.join('')}</div>`;
}

function image(block: JsonRecord, ctx: RenderContext): string {
  const title = block.title ? `<div class="image-title">${textToHtml(block.title, ctx)}</div>` : '';
  return `<div class="blk image">${title}${imageLink(block)}</div>`;
}

function input(block: JsonRecord, options: BlocksOptions): string {
  const element = recordField(block, 'element') ?? {};
  const { blockId, actionId } = ids(block, element);
  const error = options.errors?.[blockId];
  const optional = block.optional === true ? ' <span class="optional">(optional)</span>' : '';
  const hint = block.hint ? `<div class="hint">${textToHtml(block.hint, options.ctx)}</div>` : '';
  const errorHtml = error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : '';
  return `<div${attrs({
    class: `blk input field${error ? ' has-error' : ''}`,
    'data-block-id': blockId,
    'data-action-id': actionId,
    'data-el': stringField(element, 'type') ?? '',
    'data-dispatch': block.dispatch_action === true,
  })}><label class="label">${escapeHtml(plainText(block.label))}${optional}</label>${elementHtml(element, { blockId, actionId }, 'input', options.ctx)}${hint}${errorHtml}</div>`;
}

/** rich_text (how people's own messages arrive): its words, without the styling tree. */
function richText(block: JsonRecord): string {
  const words: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    if (typeof node.text === 'string') words.push(node.text);
    if (typeof node.url === 'string' && typeof node.text !== 'string') words.push(node.url);
    walk(node.elements);
  };
  walk(block.elements);
  return `<div class="blk rich-text">${escapeHtml(words.join('')).replace(/\n/g, '<br>')}</div>`;
}

function blockHtml(raw: unknown, options: BlocksOptions): string {
  if (!isRecord(raw)) return '';
  const { ctx } = options;
  switch (raw.type) {
    case 'section':
      return section(raw, ctx);
    case 'header':
      return `<h3 class="blk header">${textToHtml(raw.text, ctx)}</h3>`;
    case 'context':
      return contextBlock(raw, ctx);
    case 'divider':
      return '<hr class="blk divider">';
    case 'actions':
      return actions(raw, ctx);
    case 'image':
      return image(raw, ctx);
    case 'input':
      return input(raw, options);
    case 'rich_text':
      return richText(raw);
    default:
      return `<div class="blk unsupported">${escapeHtml(String(raw.type))} block</div>`;
  }
}

export function blocksHtml(blocks: readonly unknown[] | undefined, options: BlocksOptions): string {
  return (blocks ?? []).map((block) => blockHtml(block, options)).join('');
}
