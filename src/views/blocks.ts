import type { ContextBlock, DividerBlock, HeaderBlock, PlainTextElement, SectionBlock } from '@slack/types';

/** Slack's limits for the text we put in blocks (see PLATFORM.md). */
export const LIMITS = { sectionText: 3000, header: 150, plainLabel: 2000, messageBlocks: 50 } as const;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Look-alikes for mrkdwn's markers. Slack has no escape for them, and a zero-width space beside a
 * marker counts as a word boundary there, so it would enable formatting rather than prevent it.
 */
const MARKER_LOOKALIKES: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };

/** Escapes text for a mrkdwn code block, which shows it as typed: only entities, and a ``` that would end it. */
export function escapeCode(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/`(?=``)/g, '\u02cb');
}

/**
 * Escapes user-typed text for mrkdwn so it reads as typed: `&`, `<` and `>` as entities (no
 * mentions or links), a `>` starting a line not quoting, and formatting markers that could open or
 * close bold, italic, strike or code replaced by look-alikes. A marker inside a word (snake_case,
 * 2*3) formats nothing and stays as typed; a backtick opens code anywhere, so it never stays.
 */
export function escapeMrkdwn(text: string): string {
  const inWord = (at: number) => /[\p{L}\p{N}]/u.test(text[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(text[at + 1] ?? '');
  return text
    .replace(/[*_~`]/g, (marker, at: number) => (marker !== '`' && inWord(at) ? marker : (MARKER_LOOKALIKES[marker] ?? marker)))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/^>/gm, '\u200b>')
    .replace(/>/g, '&gt;');
}

export const plain = (text: string): PlainTextElement => ({ type: 'plain_text', text, emoji: true });

export const header = (text: string): HeaderBlock => ({ type: 'header', text: plain(truncate(text, LIMITS.header)) });

export const section = (markdown: string): SectionBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(markdown, LIMITS.sectionText) },
});

export const context = (...markdown: string[]): ContextBlock => ({
  type: 'context',
  elements: markdown.map((text) => ({ type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) })),
});

export const divider = (): DividerBlock => ({ type: 'divider' });

/** Maps a domain's per-field errors onto the modal blocks that show them (response_action: errors). */
export function fieldErrorsToBlocks<F extends string>(
  errors: Partial<Record<F, string>>,
  blockOf: Record<F, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of Object.keys(blockOf) as F[]) {
    const message = errors[field];
    if (message) out[blockOf[field]] = message;
  }
  return out;
}
