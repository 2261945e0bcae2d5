import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { FeedbackNoteRow } from '../db/schema';
import type { FeedbackNote } from '../domain/feedback-note';

function rowToNote(row: FeedbackNoteRow): FeedbackNote {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    authorId: row.author_id,
    recipientId: row.recipient_id,
    body: row.body,
    sharedWithId: row.shared_with_id,
    createdAt: DateTime.fromJSDate(row.created_at, { zone: 'utc' }),
  };
}

export async function insertNote(
  db: Db,
  note: { workspaceId: string; authorId: string; recipientId: string; body: string; sharedWithId: string | null; createdAt: Date },
): Promise<FeedbackNote> {
  const row = await db
    .insertInto('feedback_note')
    .values({
      workspace_id: note.workspaceId,
      author_id: note.authorId,
      recipient_id: note.recipientId,
      body: note.body,
      shared_with_id: note.sharedWithId,
      created_at: note.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return rowToNote(row);
}

export async function findNote(db: Db, id: string): Promise<FeedbackNote | undefined> {
  const row = await db.selectFrom('feedback_note').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToNote(row);
}

/** Notes someone received, newest first. */
export async function listNotesTo(db: Db, recipientId: string, limit: number): Promise<FeedbackNote[]> {
  const rows = await db.selectFrom('feedback_note').selectAll().where('recipient_id', '=', recipientId).orderBy('created_at', 'desc').limit(limit).execute();
  return rows.map(rowToNote);
}

/** Notes someone wrote or received, oldest first (for a data export). */
export async function listNotesInvolving(db: Db, personId: string): Promise<FeedbackNote[]> {
  const rows = await db
    .selectFrom('feedback_note')
    .selectAll()
    .where((eb) => eb.or([eb('author_id', '=', personId), eb('recipient_id', '=', personId)]))
    .orderBy('created_at')
    .execute();
  return rows.map(rowToNote);
}

export async function markNoteNotified(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('feedback_note').set({ notified_at: at }).where('id', '=', id).where('notified_at', 'is', null).execute();
}

/** Notes whose DMs have not gone out yet, oldest first. */
export async function listUnnotifiedNotes(db: Db, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('feedback_note').select('id').where('notified_at', 'is', null).orderBy('created_at').limit(limit).execute();
  return rows.map((row) => row.id);
}

export async function deleteNotesInvolving(tx: Db, personId: string): Promise<number> {
  const result = await tx
    .deleteFrom('feedback_note')
    .where((eb) => eb.or([eb('author_id', '=', personId), eb('recipient_id', '=', personId)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
