import type { KnownBlock } from '@slack/types';
import { section } from './blocks';

/** A message Cadence posts or answers with, whatever it is about: the fallback text and its blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A plain warning: the answer when something cannot be done as asked. */
export function buildErrorMessage(text: string): SlackMessage {
  return { text, blocks: [section(`:warning: ${text}`)] };
}
