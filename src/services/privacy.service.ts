import type { Db } from '../db/client';
import type { Validated } from '../domain/goal';
import { displayName, type Person } from '../domain/person';
import type { PersonExport, PersonRef } from '../domain/person-export';
import type { Clock } from '../lib/clock';
import { insertAuditEvents, listAuditEventsInvolving } from '../repositories/audit.repository';
import { deleteAssistantDataOf } from '../repositories/assistant.repository';
import { deleteCheckinDataOf, listCheckinsOf, listPeriodNotesOf } from '../repositories/checkin.repository';
import { deleteDeliveriesTo, listDeliveriesTo } from '../repositories/delivery.repository';
import { deleteGoalsByOwner, listAllGoalsByOwner } from '../repositories/goal.repository';
import { listGoalEventsOf } from '../repositories/goal-event.repository';
import { lockGoalTree } from '../repositories/goal-tree.repository';
import { listKeyResults } from '../repositories/key-result.repository';
import {
  deleteLinksOfReport,
  deleteProposalsInvolving,
  endLinksInvolving,
  listLinksInvolving,
  listProposalsInvolving,
} from '../repositories/org.repository';
import { erasePersonRow, findPeopleByIds, findPersonTitle } from '../repositories/person.repository';
import { findPersonalSettings } from '../repositories/settings.repository';
import type { AccessService } from './access.service';
import { nameAuditEvents } from './audit.service';
import { collectFeedbackExport, eraseFeedbackOf } from './feedback-privacy';
import { recomputeProgress } from './goal-alignment';
import { collectReviewExport, eraseReviewsOf } from './review-privacy';
import type { PeopleService } from './people.service';

export interface Erasure {
  /** The person as they were, so the admin can be told whom they erased. */
  person: Person;
  goals: number;
}

export interface PrivacyService {
  /** Everything Cadence holds about someone, for an admin; the export is audited. */
  exportPerson(actor: Person, slackUserId: string | null): Promise<Validated<{ person: Person; data: PersonExport }, 'person'>>;
  /**
   * Removes someone's personal content for good, for an admin. The person stays as a nameless
   * placeholder so audit entries and anonymous aggregates keep adding up.
   */
  erasePerson(actor: Person, slackUserId: string | null): Promise<Validated<Erasure, 'person'>>;
}

const iso = (date: { toISO(): string | null }) => date.toISO() ?? '';

export function createPrivacyService(deps: { db: Db; clock: Clock; access: AccessService; people: PeopleService }): PrivacyService {
  const { db, clock, access, people } = deps;

  const pick = async (actor: Person, slackUserId: string | null) =>
    slackUserId ? people.resolve(actor.workspaceId, slackUserId) : undefined;

  async function collect(person: Person): Promise<PersonExport> {
    const [settings, links, proposals, goals, deliveries, events, checkins, checkinNotes, title] = await Promise.all([
      findPersonalSettings(db, person.id),
      listLinksInvolving(db, person.id),
      listProposalsInvolving(db, person.id),
      listAllGoalsByOwner(db, person.id),
      listDeliveriesTo(db, person.id),
      listAuditEventsInvolving(db, person.id),
      listCheckinsOf(db, person.id),
      listPeriodNotesOf(db, person.id),
      findPersonTitle(db, person.id),
    ]);
    const goalIds = goals.map((g) => g.id);
    const [keyResults, history] = await Promise.all([listKeyResults(db, goalIds), listGoalEventsOf(db, goalIds)]);
    const others = [...links.flatMap((l) => [l.personId, l.managerId]), ...proposals.flatMap((p) => [p.personId, p.managerId])];
    const byId = new Map((await findPeopleByIds(db, [...new Set(others)])).map((p) => [p.id, p]));
    const ref = (id: string): PersonRef => {
      const other = byId.get(id);
      return other ? { slackUserId: other.slackUserId, name: displayName(other) } : { slackUserId: '', name: 'unknown' };
    };
    const period = (link: (typeof links)[number]) => ({ from: iso(link.from), to: link.to && iso(link.to), source: link.source });
    return {
      exportedAt: iso(clock.now().toUTC()),
      person: {
        slackUserId: person.slackUserId,
        name: person.name,
        realName: person.realName,
        email: person.email,
        title,
        timezone: person.timezone,
        isAdmin: person.isAdmin,
        deactivated: person.deactivated,
        erased: person.erased,
      },
      settings: settings ?? { checkin: { weekday: null, time: null, everyWeeks: null }, pausedUntil: null, mutedNudges: [], aiOptOut: false },
      reportsTo: links.filter((l) => l.personId === person.id).map((l) => ({ manager: ref(l.managerId), ...period(l) })),
      managed: links.filter((l) => l.managerId === person.id).map((l) => ({ report: ref(l.personId), ...period(l) })),
      managerProposals: proposals.map((p) => ({
        proposedManager: ref(p.managerId),
        proposedBy: ref(p.personId),
        status: p.status,
        createdAt: iso(p.createdAt),
        decidedAt: p.decidedAt && iso(p.decidedAt),
      })),
      goals: goals.map((g) => ({
        title: g.title,
        description: g.description,
        category: g.category,
        status: g.status,
        visibility: g.visibility,
        level: g.level,
        targetDate: g.targetDate,
        progress: g.progress,
        createdAt: iso(g.createdAt),
        keyResults: (keyResults.get(g.id) ?? []).map((kr) => ({
          title: kr.title,
          kind: kr.kind,
          start: kr.start,
          target: kr.target,
          current: kr.current,
          unit: kr.unit,
          weight: kr.weight,
        })),
        history: history
          .filter((event) => event.goalId === g.id)
          .map((event) => ({
            at: iso(event.at),
            kind: event.kind,
            by: event.actor && { slackUserId: event.actor.slackUserId, name: displayName(event.actor) },
            changes: event.changes,
            note: event.note,
          })),
      })),
      messages: deliveries.map((d) => ({
        kind: d.kind,
        status: d.status,
        createdAt: d.createdAt.toISOString(),
        sentAt: d.sentAt && d.sentAt.toISOString(),
      })),
      checkins: checkins.map((c) => ({
        period: c.period,
        wins: c.wins,
        blockers: c.blockers,
        confidence: c.confidence,
        mood: c.mood,
        moodShared: c.moodShared,
        createdAt: iso(c.createdAt),
        updatedAt: iso(c.updatedAt),
      })),
      checkinNotes,
      auditLog: (await nameAuditEvents(db, events)).map((entry) => ({
        at: iso(entry.at),
        action: entry.action,
        actor: entry.actor,
        subject: entry.subject,
        detail: entry.detail,
      })),
      feedback: await collectFeedbackExport(db, person.id),
      reviews: await collectReviewExport(db, person.id),
    };
  }

  return {
    async exportPerson(actor, slackUserId) {
      const person = await pick(actor, slackUserId);
      if (!person) return { ok: false, errors: { person: 'Pick the person whose data you want.' } };
      await access.authorize(actor, 'person.export', await access.subject(person));
      const data = await collect(person);
      await insertAuditEvents(
        db,
        [{ workspaceId: actor.workspaceId, actorId: actor.id, action: 'person.exported', subjectId: person.id }],
        clock.now().toJSDate(),
      );
      return { ok: true, value: { person, data } };
    },

    async erasePerson(actor, slackUserId) {
      const person = await pick(actor, slackUserId);
      if (!person) return { ok: false, errors: { person: 'Pick the person whose data you want to delete.' } };
      if (person.id === actor.id) return { ok: false, errors: { person: 'You cannot delete your own data; ask another HR admin.' } };
      if (person.erased) return { ok: false, errors: { person: 'Their personal data has already been deleted.' } };
      await access.authorize(actor, 'person.erase', await access.subject(person));
      const goals = await db.transaction().execute(async (tx) => {
        const at = clock.now().toJSDate();
        await lockGoalTree(tx, person.workspaceId);
        const removed = await deleteGoalsByOwner(tx, person.id);
        // Their goals no longer count towards the goals they were aligned to.
        await recomputeProgress(tx, removed.parents);
        // Their reports keep the history of having reported to them, under the placeholder's name.
        await endLinksInvolving(tx, person.id, at);
        await deleteLinksOfReport(tx, person.id);
        await deleteProposalsInvolving(tx, person.id);
        await deleteDeliveriesTo(tx, person.id);
        await eraseFeedbackOf(tx, person.id);
        await eraseReviewsOf(tx, person.id);
        await deleteCheckinDataOf(tx, person.id);
        await deleteAssistantDataOf(tx, person.id);
        await erasePersonRow(tx, person.id, at);
        await insertAuditEvents(
          tx,
          [{ workspaceId: actor.workspaceId, actorId: actor.id, action: 'person.erased', subjectId: person.id, detail: { goals: removed.deleted } }],
          at,
        );
        return removed.deleted;
      });
      access.changed(person.workspaceId, 'org');
      return { ok: true, value: { person, goals } };
    },
  };
}
