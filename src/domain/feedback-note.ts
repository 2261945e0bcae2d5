import type { DateTime } from 'luxon';
import type { Validated } from './goal';

export const NOTE_LIMITS = { bodyMax: 2000 } as const;

/**
 * Continuous feedback: signed, private to the person it is for, or also shared with the manager
 * they had when it was given (a later manager does not inherit it).
 */
export interface FeedbackNote {
  id: string;
  workspaceId: string;
  authorId: string;
  recipientId: string;
  body: string;
  /** The manager it was shared with, or null when it is private to the recipient. */
  sharedWithId: string | null;
  createdAt: DateTime;
}

export type NoteField = 'recipient' | 'body';

export function validateNoteBody(body: string | null): Validated<string, 'body'> {
  const trimmed = body?.trim() ?? '';
  if (trimmed.length === 0) return { ok: false, errors: { body: 'Write your feedback.' } };
  if (trimmed.length > NOTE_LIMITS.bodyMax)
    return { ok: false, errors: { body: `Keep it to ${NOTE_LIMITS.bodyMax.toLocaleString('en-US')} characters or fewer (this has ${trimmed.length.toLocaleString('en-US')}).` } };
  return { ok: true, value: trimmed };
}
