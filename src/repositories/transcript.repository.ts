import type { Db } from '../db/client';
import type { TranscriptDecision } from '../db/schema';
import type { TranscriptSegment } from '../domain/transcript';

export interface TranscriptRow {
  id: string;
  workspaceId: string;
  participantId: string;
  source: 'upload' | 'fireflies' | 'granola';
  title: string;
  segments: TranscriptSegment[];
  metAt: Date | null;
  employeeDecision: TranscriptDecision | null;
  managerDecision: TranscriptDecision | null;
  createdAt: Date;
}

const columns = ['id', 'workspace_id', 'participant_id', 'source', 'title', 'segments', 'met_at', 'employee_decision', 'manager_decision', 'created_at'] as const;

function toRow(row: {
  id: string;
  workspace_id: string;
  participant_id: string;
  source: 'upload' | 'fireflies' | 'granola';
  title: string;
  segments: unknown;
  met_at: Date | null;
  employee_decision: TranscriptDecision | null;
  manager_decision: TranscriptDecision | null;
  created_at: Date;
}): TranscriptRow {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    participantId: row.participant_id,
    source: row.source,
    title: row.title,
    segments: row.segments as TranscriptSegment[],
    metAt: row.met_at,
    employeeDecision: row.employee_decision,
    managerDecision: row.manager_decision,
    createdAt: row.created_at,
  };
}

/** Stores a transcript once per source and meeting; undefined when that meeting is already here. */
export async function insertTranscript(
  db: Db,
  row: {
    workspaceId: string;
    participantId: string;
    source: TranscriptRow['source'];
    externalId: string | null;
    title: string;
    segments: readonly TranscriptSegment[];
    metAt: Date | null;
    employeeDecision: TranscriptDecision | null;
    managerDecision: TranscriptDecision | null;
    createdBy: string | null;
    at: Date;
  },
): Promise<TranscriptRow | undefined> {
  const inserted = await db
    .insertInto('transcript')
    .values({
      workspace_id: row.workspaceId,
      participant_id: row.participantId,
      source: row.source,
      external_id: row.externalId,
      title: row.title,
      segments: JSON.stringify(row.segments),
      met_at: row.metAt,
      employee_decision: row.employeeDecision,
      manager_decision: row.managerDecision,
      created_by: row.createdBy,
      created_at: row.at,
    })
    .onConflict((oc) => oc.constraint('transcript_once').doNothing())
    .returning(columns)
    .executeTakeFirst();
  return inserted && toRow(inserted);
}

export async function findTranscript(db: Db, id: string): Promise<TranscriptRow | undefined> {
  const row = await db.selectFrom('transcript').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toRow(row);
}

/** The transcript, locked until the transaction ends: two decisions on it are taken one after the other. */
export async function lockTranscript(tx: Db, id: string): Promise<TranscriptRow | undefined> {
  const row = await tx.selectFrom('transcript').select(columns).where('id', '=', id).forUpdate().executeTakeFirst();
  return row && toRow(row);
}

export async function listTranscriptsOf(db: Db, participantIds: readonly string[]): Promise<TranscriptRow[]> {
  if (participantIds.length === 0) return [];
  const rows = await db.selectFrom('transcript').select(columns).where('participant_id', 'in', participantIds).orderBy('created_at').execute();
  return rows.map(toRow);
}

export async function setDecision(db: Db, id: string, side: 'employee' | 'manager', decision: TranscriptDecision): Promise<TranscriptRow | undefined> {
  const row = await db
    .updateTable('transcript')
    .set(side === 'employee' ? { employee_decision: decision } : { manager_decision: decision })
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row && toRow(row);
}

/** Review conversations of a workspace's running cycles booked between `from` and `to`. */
export async function listConversationsBetween(db: Db, workspaceId: string, from: Date, to: Date): Promise<Array<{ participantId: string; personId: string; conversationAt: Date }>> {
  const rows = await db
    .selectFrom('review_participant as p')
    .innerJoin('review_cycle as c', 'c.id', 'p.cycle_id')
    .select(['p.id', 'p.person_id', 'p.conversation_at'])
    .where('c.workspace_id', '=', workspaceId)
    .where('c.status', '=', 'active')
    .where('p.conversation_at', '>=', from)
    .where('p.conversation_at', '<=', to)
    .execute();
  return rows.flatMap((row) => (row.conversation_at ? [{ participantId: row.id, personId: row.person_id, conversationAt: row.conversation_at }] : []));
}

/** The transcript's words go once a summary holds them: from then on the summary's rule decides how long they stay. */
export async function clearSegments(db: Db, id: string): Promise<void> {
  await db.updateTable('transcript').set({ segments: JSON.stringify([]) }).where('id', '=', id).execute();
}
