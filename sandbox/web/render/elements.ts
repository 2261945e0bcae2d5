/**
 * Block Kit's interactive elements as HTML controls. Every control carries its block_id, action_id
 * and element type in data attributes; the page's script reads them to send block_actions (for
 * elements in actions blocks and accessories) or to collect a modal's input values on submit.
 */
import type { JsonRecord } from '../../emulator/types';
import { arrayField, isRecord, recordField, stringField } from '../../emulator/json';
import { attrs, escapeHtml } from './html';
import { plainText, textToHtml, type MrkdwnContext } from './mrkdwn';

export interface PersonOption {
  id: string;
  name: string;
}

export interface RenderContext extends MrkdwnContext {
  /** Who a users_select offers. */
  people: readonly PersonOption[];
}

/** Where a control sits: an input block's field, or something that acts at once when used. */
export type ControlMode = 'input' | 'action';

export interface ElementIds {
  blockId: string;
  actionId: string;
}

interface Option {
  value: string;
  label: string;
  description?: string;
}

function toOption(raw: unknown): Option | undefined {
  if (!isRecord(raw)) return undefined;
  const value = stringField(raw, 'value') ?? plainText(raw.text);
  const description = plainText(raw.description);
  return { value, label: plainText(raw.text), ...(description ? { description } : {}) };
}

function optionList(element: JsonRecord): Option[] {
  return (arrayField(element, 'options') ?? []).flatMap((o) => toOption(o) ?? []);
}

function optionGroups(element: JsonRecord): Array<{ label: string; options: Option[] }> {
  return (arrayField(element, 'option_groups') ?? []).filter(isRecord).map((g) => ({
    label: plainText(g.label),
    options: (arrayField(g, 'options') ?? []).flatMap((o) => toOption(o) ?? []),
  }));
}

function initialValues(element: JsonRecord): Set<string> {
  const single = recordField(element, 'initial_option');
  const many = arrayField(element, 'initial_options') ?? [];
  const values = [...(single ? [single] : []), ...many].flatMap((o) => toOption(o)?.value ?? []);
  const user = stringField(element, 'initial_user');
  const users = (arrayField(element, 'initial_users') ?? []).filter((u): u is string => typeof u === 'string');
  return new Set([...values, ...(user ? [user] : []), ...users]);
}

function dataAttrs(type: string, ids: ElementIds, mode: ControlMode): Record<string, string | boolean> {
  return { 'data-el': type, 'data-block-id': ids.blockId, 'data-action-id': ids.actionId, class: mode === 'action' ? 'control act' : 'control' };
}

function optionTags(options: readonly Option[], selected: Set<string>): string {
  return options.map((o) => `<option${attrs({ value: o.value, selected: selected.has(o.value) })}>${escapeHtml(o.label)}</option>`).join('');
}

function select(element: JsonRecord, type: string, ids: ElementIds, mode: ControlMode, ctx: RenderContext): string {
  const multi = type.startsWith('multi_');
  const selected = initialValues(element);
  const placeholder = plainText(element.placeholder) || (multi ? 'Choose any' : 'Choose one');
  let body: string;
  if (type === 'users_select' || type === 'multi_users_select') {
    body = optionTags(ctx.people.map((p) => ({ value: p.id, label: p.name })), selected);
  } else {
    const groups = optionGroups(element);
    body =
      groups.length > 0
        ? groups.map((g) => `<optgroup${attrs({ label: g.label })}>${optionTags(g.options, selected)}</optgroup>`).join('')
        : optionTags(optionList(element), selected);
  }
  const empty = multi ? '' : `<option value=""${selected.size === 0 ? ' selected' : ''}>${escapeHtml(placeholder)}</option>`;
  return `<select${attrs({ ...dataAttrs(type, ids, mode), multiple: multi, size: multi ? 4 : undefined, 'aria-label': placeholder })}>${empty}${body}</select>`;
}

function choiceGroup(element: JsonRecord, type: 'checkboxes' | 'radio_buttons', ids: ElementIds, mode: ControlMode, ctx: RenderContext): string {
  const selected = initialValues(element);
  const name = `${ids.blockId}__${ids.actionId}`;
  const inputType = type === 'checkboxes' ? 'checkbox' : 'radio';
  const items = (arrayField(element, 'options') ?? []).filter(isRecord).map((raw) => {
    const option = toOption(raw);
    if (!option) return '';
    const description = raw.description ? `<span class="choice-hint">${textToHtml(raw.description, ctx)}</span>` : '';
    return `<label class="choice"><input${attrs({ type: inputType, name, value: option.value, checked: selected.has(option.value) })}><span><span class="choice-label">${textToHtml(raw.text, ctx)}</span>${description}</span></label>`;
  });
  return `<div${attrs({ ...dataAttrs(type, ids, mode), role: type === 'radio_buttons' ? 'radiogroup' : 'group' })}>${items.join('')}</div>`;
}

function button(element: JsonRecord, ids: ElementIds, ctx: RenderContext): string {
  const confirm = recordField(element, 'confirm');
  const style = stringField(element, 'style');
  return `<button${attrs({
    type: 'button',
    ...dataAttrs('button', ids, 'action'),
    class: `control act btn${style ? ` btn-${style}` : ''}`,
    'data-url': stringField(element, 'url'),
    'data-confirm': confirm ? [plainText(confirm.title), plainText(confirm.text)].filter(Boolean).join('\n\n') : undefined,
  })}>${textToHtml(element.text, ctx)}</button>`;
}

function textInput(element: JsonRecord, type: string, ids: ElementIds, mode: ControlMode): string {
  const common = {
    ...dataAttrs(type, ids, mode),
    placeholder: plainText(element.placeholder) || undefined,
    maxlength: typeof element.max_length === 'number' ? element.max_length : undefined,
    'aria-label': plainText(element.placeholder) || ids.blockId,
  };
  const initial = stringField(element, 'initial_value') ?? '';
  if (type === 'rich_text_input' || element.multiline === true) {
    return `<textarea${attrs({ ...common, rows: 4 })}>${escapeHtml(initial)}</textarea>`;
  }
  const htmlType = type === 'email_text_input' ? 'email' : type === 'url_text_input' ? 'url' : 'text';
  const numeric = type === 'number_input' ? { inputmode: element.is_decimal_allowed === true ? 'decimal' : 'numeric' } : {};
  return `<input${attrs({ ...common, ...numeric, type: htmlType, value: initial || undefined })}>`;
}

function picker(element: JsonRecord, type: string, ids: ElementIds, mode: ControlMode): string {
  const htmlType = type === 'datepicker' ? 'date' : type === 'timepicker' ? 'time' : 'datetime-local';
  const initialDateTime = typeof element.initial_date_time === 'number' ? new Date(element.initial_date_time * 1000).toISOString().slice(0, 16) : undefined;
  const initial = stringField(element, 'initial_date') ?? stringField(element, 'initial_time') ?? initialDateTime;
  return `<input${attrs({ ...dataAttrs(type, ids, mode), type: htmlType, value: initial, 'aria-label': plainText(element.placeholder) || ids.blockId })}>`;
}

/** The page uploads the chosen file at once, as Slack's client does; the form then carries its id. */
function fileInput(element: JsonRecord, ids: ElementIds, mode: ControlMode): string {
  const types = (Array.isArray(element.filetypes) ? element.filetypes : []).filter((t): t is string => typeof t === 'string');
  return `<input${attrs({ ...dataAttrs('file_input', ids, mode), type: 'file', accept: types.length > 0 ? types.map((t) => `.${t}`).join(',') : undefined, 'aria-label': ids.blockId })}>`;
}

function overflow(element: JsonRecord, ids: ElementIds): string {
  const options = optionTags(optionList(element), new Set());
  return `<select${attrs({ ...dataAttrs('overflow', ids, 'action'), class: 'control act overflow', 'aria-label': 'More actions' })}><option value="" selected>⋯</option>${options}</select>`;
}

/** One element as an HTML control; elements the sandbox cannot offer are shown, disabled, for what they are. */
export function elementHtml(raw: unknown, ids: ElementIds, mode: ControlMode, ctx: RenderContext): string {
  if (!isRecord(raw)) return '';
  const type = stringField(raw, 'type') ?? '';
  switch (type) {
    case 'button':
      return button(raw, ids, ctx);
    case 'static_select':
    case 'multi_static_select':
    case 'users_select':
    case 'multi_users_select':
    case 'external_select':
    case 'multi_external_select':
      return select(raw, type, ids, mode, ctx);
    case 'checkboxes':
    case 'radio_buttons':
      return choiceGroup(raw, type, ids, mode, ctx);
    case 'overflow':
      return overflow(raw, ids);
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'rich_text_input':
      return textInput(raw, type, ids, mode);
    case 'datepicker':
    case 'timepicker':
    case 'datetimepicker':
      return picker(raw, type, ids, mode);
    case 'image':
      return imageLink(raw);
    case 'file_input':
      return fileInput(raw, ids, mode);
    default:
      return `<span class="unsupported" title="The sandbox does not offer this element">${escapeHtml(type || 'element')}</span>`;
  }
}

/** Images are shown as links: the sandbox is offline and loads nothing from elsewhere. */
export function imageLink(raw: JsonRecord): string {
  const url = stringField(raw, 'image_url') ?? stringField(raw, 'url') ?? '';
  const alt = stringField(raw, 'alt_text') || 'image';
  if (!/^https?:/i.test(url)) return `<span class="image-link">🖼 ${escapeHtml(alt)}</span>`;
  return `<a${attrs({ class: 'image-link', href: url, target: '_blank', rel: 'noopener noreferrer' })}>🖼 ${escapeHtml(alt)}</a>`;
}
