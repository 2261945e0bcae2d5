import type { Db } from '../db/client';
import { AUDIT_ACTIONS, type AuditAction, type AuditEvent } from '../domain/audit';
import { displayName, type Person } from '../domain/person';
import type { PersonRef } from '../domain/person-export';
import type { Clock } from '../lib/clock';
import { insertAuditEvents, listAuditEvents } from '../repositories/audit.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import type { AccessService } from './access.service';

/** An audit event with the people in it named; `actor` null is Cadence itself. */
export interface AuditEntry {
  at: AuditEvent['at'];
  action: string;
  /** What the action means, in words ("set a manager"). */
  description: string;
  actor: PersonRef | null;
  subject: PersonRef | null;
  /** For an org change: the subject's manager after it and before it (null: none). */
  manager?: PersonRef | null;
  previousManager?: PersonRef | null;
  detail: Record<string, unknown>;
}

/** An export is posted in Slack messages, so it is bounded; the newest entries come first. */
export const AUDIT_EXPORT_MAX = 2000;

export interface AuditService {
  /** The newest entries, for an admin to read. */
  recent(actor: Person, limit: number): Promise<AuditEntry[]>;
  /** Up to AUDIT_EXPORT_MAX newest entries; the export itself is recorded. */
  export(actor: Person): Promise<AuditEntry[]>;
}

/** An id an org change's detail holds: a person, null for "nobody", undefined when not said. */
function detailPerson(detail: Record<string, unknown>, key: string): string | null | undefined {
  const value = detail[key];
  return typeof value === 'string' || value === null ? value : undefined;
}

/** Names the people in audit events with one query: actor, subject, and an org change's managers. */
export async function nameAuditEvents(db: Db, events: readonly AuditEvent[]): Promise<AuditEntry[]> {
  const ids = events.flatMap((event) => [event.actorId, event.subjectId, detailPerson(event.detail, 'managerId'), detailPerson(event.detail, 'previousManagerId')]);
  const known = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  const byId = new Map((await findPeopleByIds(db, known)).map((person) => [person.id, { slackUserId: person.slackUserId, name: displayName(person) }]));
  const ref = (id: string | null) => (id === null ? null : (byId.get(id) ?? null));
  const optionalRef = (id: string | null | undefined) => (id === undefined ? undefined : ref(id));
  return events.map((event) => {
    const manager = optionalRef(detailPerson(event.detail, 'managerId'));
    const previousManager = optionalRef(detailPerson(event.detail, 'previousManagerId'));
    return {
      at: event.at,
      action: event.action,
      // Entries written by a later release may name actions this one does not know.
      description: Object.hasOwn(AUDIT_ACTIONS, event.action) ? AUDIT_ACTIONS[event.action as AuditAction] : event.action,
      actor: ref(event.actorId),
      subject: ref(event.subjectId),
      ...(manager !== undefined ? { manager } : {}),
      ...(previousManager !== undefined ? { previousManager } : {}),
      detail: event.detail,
    };
  });
}

export function createAuditService(deps: { db: Db; clock: Clock; access: AccessService }): AuditService {
  const { db, clock, access } = deps;
  return {
    async recent(actor, limit) {
      await access.authorize(actor, 'audit.read', { workspaceId: actor.workspaceId });
      return nameAuditEvents(db, await listAuditEvents(db, actor.workspaceId, limit));
    },
    async export(actor) {
      await access.authorize(actor, 'audit.read', { workspaceId: actor.workspaceId });
      const events = await listAuditEvents(db, actor.workspaceId, AUDIT_EXPORT_MAX);
      await insertAuditEvents(
        db,
        [{ workspaceId: actor.workspaceId, actorId: actor.id, action: 'audit.exported', detail: { entries: events.length } }],
        clock.now().toJSDate(),
      );
      return nameAuditEvents(db, events);
    },
  };
}
