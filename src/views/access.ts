import type { ModalView } from '@slack/types';
import { plain, section } from './blocks';

/** The plain answer to a request the access policy refused. */
export const NOT_ALLOWED = "You can't do that.";

/** A modal that only tells something (a refusal, a result). */
export function buildNoticeModal(title: string, text: string): ModalView {
  return { type: 'modal', title: plain(title), close: plain('Close'), blocks: [section(text)] };
}
