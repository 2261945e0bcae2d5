import type { ContextBlock, DividerBlock, HeaderBlock, PlainTextElement, SectionBlock } from '@slack/types';

/** Slack's limits for the text we put in blocks (see PLATFORM.md). */
export const LIMITS = { sectionText: 3000, header: 150, plainLabel: 2000, messageBlocks: 50 } as const;

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Escapes what mrkdwn would otherwise read as markup or mentions in user-typed text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
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
