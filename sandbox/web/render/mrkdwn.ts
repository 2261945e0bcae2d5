/**
 * Slack's mrkdwn and plain_text objects to HTML. The app escapes `&`, `<` and `>` in its text and
 * writes control sequences in angle brackets (`<@U123>`, `<https://x|label>`); those are taken out
 * first, the rest is decoded and HTML-escaped, formatting is applied, and the control sequences are
 * put back as links and mentions.
 */
import { emojify } from './emoji';
import { attrs, escapeHtml } from './html';

export interface MrkdwnContext {
  /** Display name for a user id, for `<@U…>` mentions. */
  userName(id: string): string | undefined;
}

const PLACEHOLDER = /\uE000(\d+)\uE000/g;

function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function controlSequence(inner: string, ctx: MrkdwnContext): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return `<span class="mention">@${escapeHtml(label ?? ctx.userName(id) ?? id)}</span>`;
  }
  if (target.startsWith('#')) return `<span class="mention">#${escapeHtml(label ?? target.slice(1))}</span>`;
  if (target.startsWith('!')) {
    const special = target.slice(1).split('^')[0] ?? '';
    if (special.startsWith('date')) return escapeHtml(decodeEntities(label ?? special));
    return `<span class="mention">@${escapeHtml(label ?? special)}</span>`;
  }
  if (/^(https?:|mailto:)/i.test(target)) {
    return `<a${attrs({ href: decodeEntities(target), target: '_blank', rel: 'noopener noreferrer' })}>${escapeHtml(decodeEntities(label ?? target))}</a>`;
  }
  return escapeHtml(`<${inner}>`);
}

/** Bold, italic, strike and inline code on already-escaped text (the markers survive escaping). */
function inlineFormat(escaped: string): string {
  return escaped
    .replace(/(^|[\s(])\*(?!\s)([^*\n]+?)\*(?=$|[\s).,!?:;])/g, '$1<strong>$2</strong>')
    .replace(/(^|[\s(])_(?!\s)([^_\n]+?)_(?=$|[\s).,!?:;])/g, '$1<em>$2</em>')
    .replace(/(^|[\s(])~(?!\s)([^~\n]+?)~(?=$|[\s).,!?:;])/g, '$1<del>$2</del>');
}

function formatLines(escaped: string): string {
  const lines = escaped.split('\n');
  const out: string[] = [];
  let quote: string[] = [];
  const flush = () => {
    if (quote.length > 0) out.push(`<blockquote>${quote.join('<br>')}</blockquote>`);
    quote = [];
  };
  for (const line of lines) {
    const quoted = /^&gt;\s?(.*)$/.exec(line);
    if (quoted) {
      quote.push(inlineFormat(quoted[1] ?? ''));
      continue;
    }
    flush();
    out.push(inlineFormat(line));
  }
  flush();
  return out.join('<br>').replace(/<\/blockquote><br>/g, '</blockquote>');
}

export function mrkdwnToHtml(text: string, ctx: MrkdwnContext): string {
  const controls: string[] = [];
  const stash = (html: string) => `\uE000${controls.push(html) - 1}\uE000`;
  // Control sequences, then code (whose content is shown as typed), before anything else.
  // The marker is a private-use character; one in the text itself would confuse the put-back.
  let work = text.replace(/\uE000/g, '').replace(/<([^<>\n]+)>/g, (_m, inner: string) => stash(controlSequence(inner, ctx)));
  work = work.replace(/```([\s\S]*?)```/g, (_m, code: string) => stash(`<pre>${escapeHtml(decodeEntities(code.replace(/^\n/, '')))}</pre>`));
  work = work.replace(/`([^`\n]+)`/g, (_m, code: string) => stash(`<code>${escapeHtml(decodeEntities(code))}</code>`));
  let html = formatLines(escapeHtml(emojify(decodeEntities(work))));
  // Code can hold control sequences (stashed first), so put back until none is left.
  for (let depth = 0; depth < 3 && html.includes('\uE000'); depth += 1) {
    html = html.replace(PLACEHOLDER, (_m, index: string) => controls[Number(index)] ?? '');
  }
  return html;
}

/** A text object: plain_text shown as typed (with emoji), mrkdwn formatted. */
export function textToHtml(text: unknown, ctx: MrkdwnContext): string {
  if (typeof text === 'string') return mrkdwnToHtml(text, ctx);
  if (typeof text !== 'object' || text === null) return '';
  const object = text as { type?: unknown; text?: unknown; emoji?: unknown };
  const value = typeof object.text === 'string' ? object.text : '';
  if (object.type === 'mrkdwn') return mrkdwnToHtml(value, ctx);
  return escapeHtml(object.emoji === false ? value : emojify(value)).replace(/\n/g, '<br>');
}

/** The plain words of a text object, for labels and options. */
export function plainText(text: unknown): string {
  if (typeof text === 'string') return text;
  if (typeof text !== 'object' || text === null) return '';
  const value = (text as { text?: unknown }).text;
  return typeof value === 'string' ? emojify(value) : '';
}
