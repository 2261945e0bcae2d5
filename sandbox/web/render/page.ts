/**
 * The page's regions as HTML: the shell served at `/`, and the parts the script swaps in when
 * something changes (people, clock, conversation, Home tab, modal).
 */
import { DateTime } from 'luxon';
import type { EphemeralMessage, SlackMessage, SlackView } from '../../emulator/types';
import type { Feedback } from '../modal-feedback';
import { blocksHtml } from './blocks';
import type { RenderContext } from './elements';
import { attrs, escapeHtml } from './html';
import { plainText, textToHtml } from './mrkdwn';

export interface PersonCard {
  id: string;
  /** The full name, `Alex Morgan`. */
  name: string;
  /** The handle a mention can use, `alex`. */
  handle: string;
  email?: string;
  title: string;
  role: string;
  tz: string;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => part[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
}

function city(tz: string): string {
  return (tz.split('/').pop() ?? tz).replace(/_/g, ' ');
}

export function peopleHtml(people: readonly PersonCard[], me: string, now: DateTime): string {
  return people
    .map((p) => {
      const local = now.setZone(p.tz);
      return `<button${attrs({ type: 'button', class: `person${p.id === me ? ' current' : ''}`, 'data-person': p.id, 'aria-current': p.id === me ? 'true' : undefined })}>
  <span class="avatar">${escapeHtml(initials(p.name))}</span>
  <span class="person-text"><span class="person-name">${escapeHtml(p.name)}${p.id === me ? ' <span class="you">you</span>' : ''}</span>
  <span class="person-role">${escapeHtml(p.role)} · ${escapeHtml(p.title)}</span>
  ${p.email ? `<span class="person-email">${escapeHtml(p.email)}</span>` : ''}
  <span class="person-time">${escapeHtml(local.toFormat('ccc HH:mm'))} in ${escapeHtml(city(p.tz))}</span></span>
</button>`;
    })
    .join('');
}

export interface ClockInfo {
  now: DateTime;
  offsetMs: number;
  next?: { at: DateTime; what: string };
}

function aheadText(offsetMs: number): string {
  if (offsetMs < 60_000) return 'Running at real time.';
  const ahead = DateTime.fromMillis(0).plus(offsetMs).diff(DateTime.fromMillis(0), ['days', 'hours', 'minutes']);
  const parts = [
    ahead.days ? `${ahead.days} d` : '',
    ahead.hours ? `${ahead.hours} h` : '',
    Math.floor(ahead.minutes) ? `${Math.floor(ahead.minutes)} min` : '',
  ].filter(Boolean);
  return `${parts.join(' ')} ahead of real time.`;
}

export function clockHtml(clock: ClockInfo, tz: string): string {
  const local = clock.now.setZone(tz);
  const next = clock.next
    ? `Next: <strong>${escapeHtml(clock.next.what)}</strong> at ${escapeHtml(clock.next.at.setZone(tz).toFormat('ccc d LLL, HH:mm'))}`
    : 'Nothing is scheduled yet.';
  return `<div class="clock-now" data-now="${escapeHtml(clock.now.toISO())}">${escapeHtml(local.toFormat('cccc d LLLL, HH:mm'))}</div>
<div class="clock-zone">your time, ${escapeHtml(city(tz))} · ${escapeHtml(aheadText(clock.offsetMs))}</div>
<div class="clock-next" data-has-next="${clock.next ? 'true' : 'false'}">${next}</div>`;
}

type Entry = { kind: 'message'; message: SlackMessage } | { kind: 'ephemeral'; message: EphemeralMessage };

export interface ConversationInput {
  messages: readonly SlackMessage[];
  ephemerals: readonly EphemeralMessage[];
  botUserId: string;
  me: PersonCard;
  tz: string;
  today: DateTime;
  ctx: RenderContext;
}

function tsToDateTime(ts: string, tz: string): DateTime {
  return DateTime.fromMillis(Math.floor(Number(ts) * 1000), { zone: tz });
}

function dayLabel(day: DateTime, today: DateTime): string {
  if (day.hasSame(today, 'day')) return 'Today';
  if (day.hasSame(today.minus({ days: 1 }), 'day')) return 'Yesterday';
  return day.toFormat('cccc d LLLL');
}

function messageBody(message: { text: string; blocks?: readonly unknown[] }, ctx: RenderContext): string {
  if (message.blocks && message.blocks.length > 0) return blocksHtml(message.blocks, { ctx });
  return `<div class="blk section"><div class="section-main"><div class="section-text">${textToHtml({ type: 'mrkdwn', text: message.text }, ctx)}</div></div></div>`;
}

/** The thread a message replies in, if it is a reply (a thread's first message has thread_ts = ts). */
function parentTs(message: { ts: string; thread_ts?: string }): string | undefined {
  return message.thread_ts && message.thread_ts !== message.ts ? message.thread_ts : undefined;
}

function entryHtml(entry: Entry, input: ConversationInput, replies: readonly Entry[] = [], orphan = false): string {
  const { message } = entry;
  const fromBot = entry.kind === 'ephemeral' || entry.message.user === input.botUserId;
  const when = tsToDateTime(message.ts, input.tz).toFormat('HH:mm');
  const name = fromBot ? 'Cadence' : input.me.name;
  const badge = fromBot ? '<span class="app-badge">APP</span>' : '';
  const edited = entry.kind === 'message' && entry.message.edited ? '<span class="edited">(edited)</span>' : '';
  const onlyYou = entry.kind === 'ephemeral' ? '<div class="only-you">👁 Only visible to you</div>' : '';
  // A reply whose thread's first message is gone still says where it was written.
  const thread = orphan ? '<div class="in-thread">↳ reply in thread</div>' : '';
  const body = messageBody(message, input.ctx);
  // Slack offers a thread on every message that is not itself a reply or only visible to you.
  const canReply = entry.kind === 'message' && !parentTs(message);
  const replyButton = canReply ? `<button${attrs({ type: 'button', class: 'reply-btn', 'data-reply': message.ts })}>Reply in thread</button>` : '';
  const count = replies.length === 1 ? '1 reply' : `${replies.length} replies`;
  const threadHtml =
    replies.length > 0
      ? `<div class="thread" aria-label="Thread"><div class="thread-count">${count}</div>${replies.map((reply) => entryHtml(reply, input)).join('')}</div>`
      : '';
  return `<article${attrs({ class: `msg${entry.kind === 'ephemeral' ? ' ephemeral' : ''}${fromBot ? ' from-bot' : ' from-me'}`, 'data-source': 'message', 'data-channel': message.channel, 'data-ts': message.ts })}>
  <div class="avatar${fromBot ? ' bot' : ''}">${fromBot ? 'C' : escapeHtml(initials(input.me.name))}</div>
  <div class="msg-main">${onlyYou}<div class="msg-head"><span class="msg-author">${escapeHtml(name)}</span>${badge}<time>${escapeHtml(when)}</time>${edited}${replyButton}</div>${thread}<div class="msg-body surface">${body}</div>${threadHtml}</div>
</article>`;
}

/** The conversation as Slack's DM shows it, with each thread's replies under its first message. */
export function conversationHtml(input: ConversationInput): string {
  const entries: Entry[] = [
    ...input.messages.map((message): Entry => ({ kind: 'message', message })),
    ...input.ephemerals.map((message): Entry => ({ kind: 'ephemeral', message })),
  ].sort((a, b) => Number(a.message.ts) - Number(b.message.ts));
  const roots = new Set(entries.filter((e) => !parentTs(e.message)).map((e) => e.message.ts));
  const replies = new Map<string, Entry[]>();
  for (const entry of entries) {
    const parent = parentTs(entry.message);
    if (parent && roots.has(parent)) replies.set(parent, [...(replies.get(parent) ?? []), entry]);
  }
  const intro = `<div class="conversation-intro"><div class="avatar bot big">C</div><div><h2>Cadence</h2>
<p>This is your direct message with Cadence. Slash commands you type below are sent to Cadence from here, and its answers appear in this conversation.</p></div></div>`;
  let lastDay = '';
  const parts = entries
    .filter((entry) => {
      const parent = parentTs(entry.message);
      return !parent || !roots.has(parent);
    })
    .map((entry) => {
      const day = tsToDateTime(entry.message.ts, input.tz).startOf('day');
      const label = day.toISODate() ?? '';
      const separator = label !== lastDay ? `<div class="day"><span>${escapeHtml(dayLabel(day, input.today))}</span></div>` : '';
      lastDay = label;
      return separator + entryHtml(entry, input, replies.get(entry.message.ts), parentTs(entry.message) !== undefined);
    });
  return intro + parts.join('');
}

export function homeHtml(view: SlackView | undefined, ctx: RenderContext): string {
  if (!view) return '<div class="placeholder">Opening Cadence’s Home tab…</div>';
  return `<div class="surface" data-source="home">${blocksHtml(view.blocks, { ctx })}</div>`;
}

export interface ModalRegion {
  /** Changes whenever the page must redraw the modal (new view, update, new feedback). */
  key: string;
  viewId: string;
  html: string;
}

export function modalHtml(stack: readonly SlackView[], feedback: Feedback | undefined, ctx: RenderContext): ModalRegion | null {
  const view = stack.at(-1);
  if (!view) return null;
  const title = plainText(view.title) || 'Cadence';
  const submit = view.submit ? `<button type="submit" form="modal-form" class="btn btn-primary" data-submit>${escapeHtml(plainText(view.submit))}</button>` : '';
  const close = escapeHtml(plainText(view.close) || (view.submit ? 'Cancel' : 'Close'));
  const back = stack.length > 1 ? '<button type="button" class="icon-btn" data-close aria-label="Back">‹</button>' : '';
  const banner = feedback?.banner ? `<div class="banner" role="alert">${escapeHtml(feedback.banner)}</div>` : '';
  const depth = stack.length > 1 ? `<span class="depth">${stack.length} of ${stack.length}</span>` : '';
  const html = `<div class="modal-backdrop"><div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-view-id="${escapeHtml(view.id)}">
  <div class="modal-head">${back}<span class="app-icon small">C</span><h2 id="modal-title">${escapeHtml(title)}</h2>${depth}<button type="button" class="icon-btn" data-close aria-label="Close">×</button></div>
  ${banner}
  <form id="modal-form" class="modal-body surface" data-source="modal" novalidate>${blocksHtml(view.blocks, { ctx, errors: feedback?.errors ?? {} })}</form>
  <div class="modal-foot"><button type="button" class="btn" data-close>${close}</button>${submit}</div>
</div></div>`;
  const feedbackKey = feedback ? JSON.stringify(feedback) : '';
  return { key: `${view.id}:${view.hash}:${stack.length}:${feedbackKey}`, viewId: view.id, html };
}
