import type { Db } from '../db/client';

export interface StoredPoint {
  text: string;
  /** Passage numbers. */
  passages: number[];
}

export interface StoredTranscript {
  participantId: string;
  uploadedBy: string | null;
  raw: string | null;
  passages: Array<{ n: number; speaker: string | null; text: string }>;
  summary: Record<string, StoredPoint[]>;
  source: 'model' | 'offline';
  fallback: string | null;
  keepManager: boolean;
  keepEmployee: boolean;
  acceptedAt: Date | null;
  rawDeletedAt: Date | null;
}

const parse = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

export async function findTranscript(db: Db, participantId: string): Promise<StoredTranscript | undefined> {
  const row = await db.selectFrom('review_transcript').selectAll().where('participant_id', '=', participantId).executeTakeFirst();
  if (!row) return undefined;
  return {
    participantId: row.participant_id,
    uploadedBy: row.uploaded_by,
    raw: row.raw,
    passages: parse(row.passages) as StoredTranscript['passages'],
    summary: parse(row.summary) as StoredTranscript['summary'],
    source: row.source,
    fallback: row.fallback,
    keepManager: row.keep_manager,
    keepEmployee: row.keep_employee,
    acceptedAt: row.accepted_at,
    rawDeletedAt: row.raw_deleted_at,
  };
}

/**
 * A new transcript, or one replacing the last while its summary is not accepted; false when it was
 * accepted meanwhile (a summary drafted while the other was accepted), and nothing is written.
 */
export async function saveTranscript(db: Db, t: Omit<StoredTranscript, 'keepManager' | 'keepEmployee' | 'acceptedAt' | 'rawDeletedAt'>, at: Date): Promise<boolean> {
  const values = {
    uploaded_by: t.uploadedBy,
    raw: t.raw,
    passages: JSON.stringify(t.passages),
    summary: JSON.stringify(t.summary),
    source: t.source,
    fallback: t.fallback,
    keep_manager: false,
    keep_employee: false,
    accepted_at: null,
    raw_deleted_at: null,
    created_at: at,
  };
  const written = await db
    .insertInto('review_transcript')
    .values({ participant_id: t.participantId, ...values })
    .onConflict((oc) => oc.column('participant_id').doUpdateSet(values).where('review_transcript.accepted_at', 'is', null))
    .returning('participant_id')
    .executeTakeFirst();
  return written !== undefined;
}

export async function updateTranscript(
  db: Db,
  participantId: string,
  update: { keep_manager?: boolean; keep_employee?: boolean; accepted_at?: Date; raw?: null; raw_deleted_at?: Date },
): Promise<void> {
  await db.updateTable('review_transcript').set(update).where('participant_id', '=', participantId).execute();
}

export async function deleteTranscript(db: Db, participantId: string): Promise<void> {
  await db.deleteFrom('review_transcript').where('participant_id', '=', participantId).execute();
}
