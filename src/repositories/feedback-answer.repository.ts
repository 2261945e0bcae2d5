import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { FeedbackAnswerRow } from '../db/schema';
import { type FeedbackAnswer, isRating, type Rating } from '../domain/feedback';

/**
 * What peers wrote, and the subject's self-rating. Deliberately unable to say who wrote an answer:
 * the table has no person column and these queries never touch the record of who answered. The only
 * handle on one answer is the hash of an edit key that only its author's open confirmation holds.
 */

// The column's check constraint allows only 1..5 or null; this tells TypeScript as much.
/** Fisher–Yates with a cryptographic source: the order must not be guessable either. */
function shuffle<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

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

/** An answer as stored: what was written, and the hash of the key that may still change it. */
export interface StoredAnswer {
  editKeyHash: string | null;
  answer: FeedbackAnswer;
}

export async function listStoredAnswers(tx: Db, requestId: string): Promise<StoredAnswer[]> {
  const rows = await tx
    .selectFrom('feedback_answer')
    .select(['edit_key_hash', 'ratings', 'comments', 'custom_answer', 'strengths', 'suggestions'])
    .where('request_id', '=', requestId)
    .execute();
  return rows.map((row) => ({ editKeyHash: row.edit_key_hash, answer: rowToAnswer(row) }));
}

/**
 * Replaces every answer of a request, in a random order and in one statement of the caller's
 * transaction. Every row then carries the same transaction id and a position chosen by chance, so
 * neither says which answer came when, and which answerer wrote it.
 */
export async function replaceAnswers(tx: Db, requestId: string, answers: readonly StoredAnswer[]): Promise<void> {
  await tx.deleteFrom('feedback_answer').where('request_id', '=', requestId).execute();
  if (answers.length === 0) return;
  await tx
    .insertInto('feedback_answer')
    .values(shuffle(answers).map(({ editKeyHash, answer }) => ({ request_id: requestId, edit_key_hash: editKeyHash, ...columnsOf(answer) })))
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

/**
 * Holds a lock on one request across several transactions of one connection, so an answer's two
 * transactions (who answered, then what was written) cannot be split by the request settling.
 * Settling takes the same lock inside its transaction (`lockRequestSettling`).
 */
export async function withRequestLock<T>(db: Db, requestId: string, work: (conn: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtextextended(${requestId}, 0))`.execute(conn);
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(hashtextextended(${requestId}, 0))`.execute(conn);
    }
  });
}

export async function lockRequestSettling(tx: Db, requestId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${requestId}, 0))`.execute(tx);
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
