import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { FeedbackInvitationRow, FeedbackRequestRow } from '../db/schema';
import type { FeedbackInvitation, FeedbackRequest, FeedbackRequestStatus, InvitationStatus } from '../domain/feedback';

/**
 * Requests and participation: who was asked and whether they responded. Nothing here reads or
 * writes what anyone wrote; that lives in feedback-answer.repository.ts, and no query joins the two.
 */

const utc = (date: Date) => DateTime.fromJSDate(date, { zone: 'utc' });

function rowToRequest(row: FeedbackRequestRow): FeedbackRequest {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    subjectId: row.subject_id,
    requesterId: row.requester_id,
    focusAreas: row.focus_areas,
    customQuestion: row.custom_question,
    note: row.note,
    dueOn: row.due_on,
    dueAt: utc(row.due_at),
    status: row.status,
    createdAt: utc(row.created_at),
    settledAt: row.settled_at && utc(row.settled_at),
    threshold: row.anonymity_threshold,
  };
}

function rowToInvitation(row: FeedbackInvitationRow): FeedbackInvitation {
  return {
    id: row.id,
    requestId: row.request_id,
    peerId: row.peer_id,
    status: row.status,
    declineReason: row.decline_reason,
    invitedAt: utc(row.invited_at),
  };
}

export interface NewFeedbackRequest {
  workspaceId: string;
  subjectId: string;
  requesterId: string;
  focusAreas: readonly string[];
  customQuestion: string | null;
  note: string | null;
  dueOn: string;
  dueAt: Date;
  createdAt: Date;
  threshold: number;
}

/** Undefined when the subject already has an open request (one at a time, by a unique index). */
export async function insertRequest(tx: Db, request: NewFeedbackRequest): Promise<FeedbackRequest | undefined> {
  const row = await tx
    .insertInto('feedback_request')
    .values({
      workspace_id: request.workspaceId,
      subject_id: request.subjectId,
      requester_id: request.requesterId,
      focus_areas: [...request.focusAreas],
      custom_question: request.customQuestion,
      note: request.note,
      due_on: request.dueOn,
      due_at: request.dueAt,
      created_at: request.createdAt,
      anonymity_threshold: request.threshold,
    })
    .onConflict((oc) => oc.column('subject_id').where('status', '=', 'open').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row && rowToRequest(row);
}

export async function findRequest(db: Db, id: string): Promise<FeedbackRequest | undefined> {
  const row = await db.selectFrom('feedback_request').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToRequest(row);
}

/**
 * The request, locked until the transaction ends: `update` for whoever settles or reschedules it,
 * `share` for answers, which must not slip in while it is being released or closed.
 */
export async function lockRequest(tx: Db, id: string, mode: 'update' | 'share'): Promise<FeedbackRequest | undefined> {
  const query = tx.selectFrom('feedback_request').selectAll().where('id', '=', id);
  const row = await (mode === 'update' ? query.forUpdate() : query.forShare()).executeTakeFirst();
  return row && rowToRequest(row);
}

export async function findOpenRequestAbout(db: Db, subjectId: string): Promise<FeedbackRequest | undefined> {
  const row = await db.selectFrom('feedback_request').selectAll().where('subject_id', '=', subjectId).where('status', '=', 'open').executeTakeFirst();
  return row && rowToRequest(row);
}

/** Requests about these people, newest first. */
export async function listRequestsAbout(db: Db, subjectIds: readonly string[], limit: number): Promise<FeedbackRequest[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db
    .selectFrom('feedback_request')
    .selectAll()
    .where('subject_id', 'in', subjectIds)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(rowToRequest);
}

/** Every request someone is the subject or the requester of, oldest first (for a data export). */
export async function listRequestsInvolving(db: Db, personId: string): Promise<FeedbackRequest[]> {
  const rows = await db
    .selectFrom('feedback_request')
    .selectAll()
    .where((eb) => eb.or([eb('subject_id', '=', personId), eb('requester_id', '=', personId)]))
    .orderBy('created_at')
    .execute();
  return rows.map(rowToRequest);
}

/** Moves an open request to its outcome; undefined when it was settled already. */
export async function settleRequest(tx: Db, id: string, status: Exclude<FeedbackRequestStatus, 'open'>, at: Date): Promise<FeedbackRequest | undefined> {
  const row = await tx
    .updateTable('feedback_request')
    .set({ status, settled_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
  return row && rowToRequest(row);
}

export async function moveDue(tx: Db, id: string, dueOn: string, dueAt: Date): Promise<void> {
  await tx.updateTable('feedback_request').set({ due_on: dueOn, due_at: dueAt }).where('id', '=', id).execute();
}

export async function deleteRequestsAbout(tx: Db, subjectId: string): Promise<number> {
  const result = await tx.deleteFrom('feedback_request').where('subject_id', '=', subjectId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function insertInvitations(tx: Db, requestId: string, peerIds: readonly string[], at: Date): Promise<FeedbackInvitation[]> {
  if (peerIds.length === 0) return [];
  const rows = await tx
    .insertInto('feedback_invitation')
    .values(peerIds.map((peerId) => ({ request_id: requestId, peer_id: peerId, invited_at: at })))
    .returningAll()
    .execute();
  return rows.map(rowToInvitation);
}

export async function listInvitations(db: Db, requestId: string): Promise<FeedbackInvitation[]> {
  const rows = await db.selectFrom('feedback_invitation').selectAll().where('request_id', '=', requestId).orderBy('invited_at').execute();
  return rows.map(rowToInvitation);
}

/** Invitations of many requests at once, by request id. */
export async function listInvitationsOf(db: Db, requestIds: readonly string[]): Promise<Map<string, FeedbackInvitation[]>> {
  const byRequest = new Map<string, FeedbackInvitation[]>(requestIds.map((id) => [id, []]));
  if (requestIds.length === 0) return byRequest;
  const rows = await db.selectFrom('feedback_invitation').selectAll().where('request_id', 'in', requestIds).execute();
  for (const row of rows) byRequest.get(row.request_id)?.push(rowToInvitation(row));
  return byRequest;
}

export async function findInvitation(db: Db, requestId: string, peerId: string): Promise<FeedbackInvitation | undefined> {
  const row = await db.selectFrom('feedback_invitation').selectAll().where('request_id', '=', requestId).where('peer_id', '=', peerId).executeTakeFirst();
  return row && rowToInvitation(row);
}

export async function findInvitationById(db: Db, id: string): Promise<FeedbackInvitation | undefined> {
  const row = await db.selectFrom('feedback_invitation').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToInvitation(row);
}

/** Records a response; only from one of `from`, so a double click or a race records it once. */
export async function respondToInvitation(
  tx: Db,
  id: string,
  change: { status: InvitationStatus; declineReason: string | null },
  from: readonly InvitationStatus[],
): Promise<FeedbackInvitation | undefined> {
  const row = await tx
    .updateTable('feedback_invitation')
    .set({ status: change.status, decline_reason: change.declineReason })
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
  return row && rowToInvitation(row);
}

/** Open requests a person was asked to answer and has not, oldest due first. */
export async function listOpenInvitationsFor(db: Db, peerId: string, limit: number): Promise<Array<{ invitation: FeedbackInvitation; request: FeedbackRequest }>> {
  const rows = await db
    .selectFrom('feedback_invitation as i')
    .innerJoin('feedback_request as r', 'r.id', 'i.request_id')
    .selectAll('r')
    .select(['i.id as invitation_id', 'i.peer_id', 'i.status as invitation_status', 'i.decline_reason', 'i.invited_at'])
    .where('i.peer_id', '=', peerId)
    .where('i.status', '=', 'pending')
    .where('r.status', '=', 'open')
    .orderBy('r.due_at')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    request: rowToRequest(row),
    invitation: rowToInvitation({
      id: row.invitation_id,
      request_id: row.id,
      peer_id: row.peer_id,
      status: row.invitation_status,
      decline_reason: row.decline_reason,
      invited_at: row.invited_at,
    }),
  }));
}

/** Everything someone was asked to answer, with whom it was about (for a data export). */
export async function listInvitationsOfPeer(db: Db, peerId: string): Promise<Array<{ invitation: FeedbackInvitation; subjectId: string }>> {
  const rows = await db
    .selectFrom('feedback_invitation as i')
    .innerJoin('feedback_request as r', 'r.id', 'i.request_id')
    .selectAll('i')
    .select('r.subject_id')
    .where('i.peer_id', '=', peerId)
    .orderBy('i.invited_at')
    .execute();
  return rows.map((row) => ({ invitation: rowToInvitation(row), subjectId: row.subject_id }));
}

export async function deleteInvitationsOfPeer(tx: Db, peerId: string): Promise<void> {
  await tx.deleteFrom('feedback_invitation').where('peer_id', '=', peerId).execute();
}

/** Who may read the summary: fixed with the request, so a later org-chart change opens nothing. */
export async function insertReaders(tx: Db, requestId: string, personIds: readonly string[]): Promise<void> {
  const unique = [...new Set(personIds)];
  if (unique.length === 0) return;
  await tx
    .insertInto('feedback_reader')
    .values(unique.map((person_id) => ({ request_id: requestId, person_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function listReaders(db: Db, requestId: string): Promise<string[]> {
  const rows = await db.selectFrom('feedback_reader').select('person_id').where('request_id', '=', requestId).execute();
  return rows.map((row) => row.person_id);
}

/** Requests about these people whose summary the reader may read. */
export async function listReadableRequestIds(db: Db, readerId: string, requestIds: readonly string[]): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('feedback_reader')
    .select('request_id')
    .where('person_id', '=', readerId)
    .where('request_id', 'in', requestIds)
    .execute();
  return new Set(rows.map((row) => row.request_id));
}

/** Summaries shared about a subject since a moment, each with everyone its request asked. */
export async function listReleasedAbout(db: Db, subjectId: string, since: Date): Promise<Array<{ request: FeedbackRequest; askedIds: string[] }>> {
  const rows = await db
    .selectFrom('feedback_request')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('status', '=', 'released')
    .where('settled_at', '>=', since)
    .orderBy('settled_at', 'desc')
    .execute();
  const invitations = await listInvitationsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ request: rowToRequest(row), askedIds: (invitations.get(row.id) ?? []).map((i) => i.peerId) }));
}
