import type { Db } from '../db/client';

export interface ReviewAiDraftKey {
  participantId: string;
  role: 'self' | 'manager';
  authorId: string;
}

/** The drafted text per question id, for answers that still carry an AI draft. */
export async function listReviewAiDrafts(db: Db, key: ReviewAiDraftKey): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('review_ai_draft')
    .select(['question_id', 'text'])
    .where('participant_id', '=', key.participantId)
    .where('role', '=', key.role)
    .where('author_id', '=', key.authorId)
    .execute();
  return new Map(rows.map((r) => [r.question_id, r.text]));
}

/** Records (or replaces) the draft put into one question's answer. */
export async function saveReviewAiDraft(db: Db, key: ReviewAiDraftKey, questionId: string, text: string, at: Date): Promise<void> {
  await db
    .insertInto('review_ai_draft')
    .values({ participant_id: key.participantId, role: key.role, author_id: key.authorId, question_id: questionId, text, created_at: at })
    .onConflict((oc) => oc.columns(['participant_id', 'role', 'author_id', 'question_id']).doUpdateSet({ text, created_at: at }))
    .execute();
}

export async function deleteReviewAiDrafts(db: Db, key: ReviewAiDraftKey, questionIds: readonly string[]): Promise<void> {
  if (questionIds.length === 0) return;
  await db
    .deleteFrom('review_ai_draft')
    .where('participant_id', '=', key.participantId)
    .where('role', '=', key.role)
    .where('author_id', '=', key.authorId)
    .where('question_id', 'in', questionIds)
    .execute();
}
