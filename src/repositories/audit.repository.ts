import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { AuditEventRow } from '../db/schema';
import type { AuditEvent, NewAuditEvent } from '../domain/audit';

function rowToAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    actorId: row.actor_id,
    action: row.action,
    subjectId: row.subject_id,
    detail: row.detail,
    at: DateTime.fromJSDate(row.created_at, { zone: 'utc' }),
  };
}

export async function insertAuditEvents(db: Db, events: readonly NewAuditEvent[], at: Date): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_event')
    .values(
      events.map((event) => ({
        workspace_id: event.workspaceId,
        actor_id: event.actorId,
        action: event.action,
        subject_id: event.subjectId ?? null,
        detail: JSON.stringify(event.detail ?? {}),
        created_at: at,
      })),
    )
    .execute();
}

/** A workspace's log, newest first. */
export async function listAuditEvents(db: Db, workspaceId: string, limit: number): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(rowToAuditEvent);
}

/** Entries in which the person acted or was acted upon, oldest first. */
export async function listAuditEventsInvolving(db: Db, personId: string): Promise<AuditEvent[]> {
  const rows = await db
    .selectFrom('audit_event')
    .selectAll()
    .where((eb) => eb.or([eb('actor_id', '=', personId), eb('subject_id', '=', personId)]))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(rowToAuditEvent);
}
