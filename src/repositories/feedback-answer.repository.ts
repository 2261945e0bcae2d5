import type { Db } from '../db/client';
import type { FeedbackAnswerRow } from '../db/schema';
import { type FeedbackAnswer, isRating, type Rating } from '../domain/feedback';

/**
 * What peers wrote, and the subject's self-rating. Deliberately unable to say who wrote an answer:
 * the table has no person column and these queries never touch the record of who answered. The only
 * handle on one answer is the hash of an edit key that exists in its author's Slack DM alone.
 */

// The column's check constraint allows only 1..5 or null; this tells TypeScript as much.
const toRatings = (values: ReadonlyArray<number | null>): Array<Rating | null> => values.map((v) => (isRating(v) ? v : null));

function rowToAnswer(row: Pick<FeedbackAnswerRow, 'ratings' | 'comments' | 'custom_answer' | 'strengths' | 'suggestions'>): FeedbackAnswer {
  return {
    ratings: toRatings(row.ratings),
    comments: row.comments,
    customAnswer: row.custom_answer,
    strengths: row.strengths,
    suggestions: row.suggestions,
  };
}

const columnsOf = (answer: FeedbackAnswer) => ({
  ratings: answer.ratings,
  comments: answer.comments,
  custom_answer: answer.customAnswer,
  strengths: answer.strengths,
  suggestions: answer.suggestions,
});

export async function insertAnswer(tx: Db, requestId: string, editKeyHash: string, answer: FeedbackAnswer): Promise<void> {
  await tx
    .insertInto('feedback_answer')
    .values({ request_id: requestId, edit_key_hash: editKeyHash, ...columnsOf(answer) })
    .execute();
}

/** The answer an edit key opens, with the request it belongs to. */
export async function findAnswerByKey(db: Db, editKeyHash: string): Promise<{ requestId: string; answer: FeedbackAnswer } | undefined> {
  const row = await db
    .selectFrom('feedback_answer')
    .select(['request_id', 'ratings', 'comments', 'custom_answer', 'strengths', 'suggestions'])
    .where('edit_key_hash', '=', editKeyHash)
    .executeTakeFirst();
  return row && { requestId: row.request_id, answer: rowToAnswer(row) };
}

export async function updateAnswer(tx: Db, editKeyHash: string, answer: FeedbackAnswer): Promise<boolean> {
  const result = await tx.updateTable('feedback_answer').set(columnsOf(answer)).where('edit_key_hash', '=', editKeyHash).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every answer to a request, content only. The order carries nothing: summaries shuffle it anyway. */
export async function listAnswers(db: Db, requestId: string): Promise<FeedbackAnswer[]> {
  const rows = await db
    .selectFrom('feedback_answer')
    .select(['ratings', 'comments', 'custom_answer', 'strengths', 'suggestions'])
    .where('request_id', '=', requestId)
    .execute();
  return rows.map(rowToAnswer);
}

export async function countAnswers(db: Db, requestIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(requestIds.map((id) => [id, 0]));
  if (requestIds.length === 0) return counts;
  const rows = await db
    .selectFrom('feedback_answer')
    .select((eb) => ['request_id', eb.fn.countAll<number>().as('n')])
    .where('request_id', 'in', requestIds)
    .groupBy('request_id')
    .execute();
  for (const row of rows) counts.set(row.request_id, row.n);
  return counts;
}

/** Answers that will never be shown (too few came in) are not kept. */
export async function deleteAnswers(tx: Db, requestId: string): Promise<void> {
  await tx.deleteFrom('feedback_answer').where('request_id', '=', requestId).execute();
}

export async function upsertSelfRating(tx: Db, requestId: string, ratings: ReadonlyArray<Rating | null>): Promise<void> {
  await tx
    .insertInto('feedback_self_rating')
    .values({ request_id: requestId, ratings: [...ratings] })
    .onConflict((oc) => oc.column('request_id').doUpdateSet({ ratings: [...ratings] }))
    .execute();
}

export async function findSelfRating(db: Db, requestId: string): Promise<Array<Rating | null> | undefined> {
  const row = await db.selectFrom('feedback_self_rating').select('ratings').where('request_id', '=', requestId).executeTakeFirst();
  return row && toRatings(row.ratings);
}

export async function listSelfRated(db: Db, requestIds: readonly string[]): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set();
  const rows = await db.selectFrom('feedback_self_rating').select('request_id').where('request_id', 'in', requestIds).execute();
  return new Set(rows.map((row) => row.request_id));
}
