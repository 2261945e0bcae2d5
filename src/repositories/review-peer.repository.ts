import { DateTime } from 'luxon';
import type { Db } from '../db/client';

export interface PeerNominationRow {
  participantId: string;
  peerIds: string[];
  nominatedBy: string | null;
  nominatedAt: DateTime;
  approvedBy: string | null;
  approvedAt: DateTime | null;
  requestId: string | null;
}

export async function findPeerNomination(db: Db, participantId: string): Promise<PeerNominationRow | undefined> {
  const row = await db.selectFrom('review_peer_nomination').selectAll().where('participant_id', '=', participantId).executeTakeFirst();
  return (
    row && {
      participantId: row.participant_id,
      peerIds: row.peer_ids,
      nominatedBy: row.nominated_by,
      nominatedAt: DateTime.fromJSDate(row.nominated_at, { zone: 'utc' }),
      approvedBy: row.approved_by,
      approvedAt: row.approved_at ? DateTime.fromJSDate(row.approved_at, { zone: 'utc' }) : null,
      requestId: row.request_id,
    }
  );
}

/** How many of these participants have peers nominated, and how many of those were approved (asked through 360 feedback). */
export async function countPeerNominations(db: Db, participantIds: readonly string[]): Promise<{ nominated: number; approved: number }> {
  if (participantIds.length === 0) return { nominated: 0, approved: 0 };
  const row = await db
    .selectFrom('review_peer_nomination')
    .select((eb) => [eb.fn.countAll<string>().as('nominated'), eb.fn.count<string>('request_id').as('approved')])
    .where('participant_id', 'in', [...participantIds])
    .executeTakeFirstOrThrow();
  return { nominated: Number(row.nominated), approved: Number(row.approved) };
}

/** Which of these participants have peers nominated. */
export async function listNominatedParticipants(db: Db, participantIds: readonly string[]): Promise<Set<string>> {
  if (participantIds.length === 0) return new Set();
  const rows = await db.selectFrom('review_peer_nomination').select('participant_id').where('participant_id', 'in', [...participantIds]).execute();
  return new Set(rows.map((row) => row.participant_id));
}

/** The 360 requests made of these participants' approved nominations. */
export async function listPeerRequestIds(db: Db, participantIds: readonly string[]): Promise<string[]> {
  if (participantIds.length === 0) return [];
  const rows = await db.selectFrom('review_peer_nomination').select('request_id').where('participant_id', 'in', [...participantIds]).where('request_id', 'is not', null).execute();
  return rows.flatMap((row) => (row.request_id ? [row.request_id] : []));
}

/** Records the nominated peers; a nomination already approved is left as it is. */
export async function savePeerNomination(db: Db, input: { participantId: string; peerIds: readonly string[]; nominatedBy: string }, at: Date): Promise<void> {
  const values = { peer_ids: [...input.peerIds], nominated_by: input.nominatedBy, nominated_at: at };
  await db
    .insertInto('review_peer_nomination')
    .values({ participant_id: input.participantId, ...values })
    .onConflict((oc) => oc.column('participant_id').doUpdateSet(values).where('review_peer_nomination.approved_at', 'is', null))
    .execute();
}

/** Claims the approval before the 360 request is made, so two approvals make one request; false when claimed before. */
export async function claimPeerApproval(db: Db, participantId: string, approvedBy: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('review_peer_nomination')
    .set({ approved_by: approvedBy, approved_at: at })
    .where('participant_id', '=', participantId)
    .where('approved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPeerRequest(db: Db, participantId: string, requestId: string): Promise<void> {
  await db.updateTable('review_peer_nomination').set({ request_id: requestId }).where('participant_id', '=', participantId).execute();
}

/** Gives a claim back when the 360 engine refused the request. */
export async function releasePeerApproval(db: Db, participantId: string): Promise<void> {
  await db.updateTable('review_peer_nomination').set({ approved_by: null, approved_at: null }).where('participant_id', '=', participantId).where('request_id', 'is', null).execute();
}
