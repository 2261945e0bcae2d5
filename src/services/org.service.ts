import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { NewAuditEvent } from '../domain/audit';
import type { FieldErrors, Validated } from '../domain/goal';
import { loopIfManaged, type ManagerLinkSource, type ManagerProposal } from '../domain/org-chart';
import { type ImportProblem, planOrgImport } from '../domain/org-import';
import { displayName, isActive, type Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { insertAuditEvents } from '../repositories/audit.repository';
import {
  countManaged,
  decideProposal,
  findPendingProposal,
  findProposal,
  insertProposal,
  listProposalsAwaiting,
  loadManagerOf,
  lockOrgChart,
  replaceManager,
  withdrawPendingProposals,
} from '../repositories/org.repository';
import { findPeopleByIds, findPersonById, listAdmins, listPeople } from '../repositories/person.repository';
import type { AccessService } from './access.service';
import type { PeopleService } from './people.service';

/** What happens after the org chart changes hands, carried out elsewhere (queued DMs). */
export interface OrgEvents {
  managerProposed(proposal: ManagerProposal): Promise<void>;
  proposalAnswered(proposal: ManagerProposal): Promise<void>;
  /** These people have a new manager (or none): what was planned on the old manager's calendar is planned again. */
  managersChanged(workspaceId: string, personIds: readonly string[]): Promise<void>;
}

/** Where a person stands in the org chart, for their Home tab. */
export interface OrgOverview {
  manager: Person | undefined;
  /** A manager they named who has not answered yet. */
  proposedManager: Person | undefined;
  reports: Person[];
  /** People waiting for this person to confirm being their manager. */
  awaitingAnswer: Array<{ proposal: ManagerProposal; person: Person }>;
}

export interface OrgSummary {
  activePeople: number;
  withManager: number;
  admins: number;
}

export type ProposalAnswer =
  | { outcome: 'confirmed' | 'rejected'; proposal: ManagerProposal; person: Person }
  /** Answered before, withdrawn, or superseded by an admin's edit. */
  | { outcome: 'closed'; proposal: ManagerProposal; person: Person }
  /** The org chart changed since, so confirming would now close a loop. */
  | { outcome: 'loop'; proposal: ManagerProposal; person: Person };

export type ManagerChangeField = 'person' | 'manager';
export type ImportResult = { ok: true; changed: number; unchanged: number } | { ok: false; problems: ImportProblem[] };

export interface OrgService {
  overview(actor: Person): Promise<OrgOverview>;
  summary(actor: Person): Promise<OrgSummary>;
  /** The actor names their manager; the manager is asked to confirm. */
  proposeManager(actor: Person, managerSlackId: string | null): Promise<Validated<{ proposal: ManagerProposal; manager: Person }, 'manager'>>;
  answerProposal(actor: Person, proposalId: string, accept: boolean): Promise<ProposalAnswer>;
  /** An admin sets (or with null, removes) someone's manager. */
  setManager(
    actor: Person,
    personSlackId: string | null,
    managerSlackId: string | null,
  ): Promise<Validated<{ person: Person; manager: Person | null }, ManagerChangeField>>;
  /**
   * Cadence itself sets someone's manager while setting up a workspace (the sandbox's story):
   * checked like an admin's change, audited as Cadence's.
   */
  setUpManager(
    workspaceId: string,
    personSlackId: string,
    managerSlackId: string,
  ): Promise<Validated<{ person: Person; manager: Person | null }, ManagerChangeField>>;
  /** An admin applies a pasted `email,manager_email` CSV, whole or not at all. */
  importChart(actor: Person, csv: string): Promise<ImportResult>;
  /** For system work (notifications), not for serving a person's request. */
  loadProposal(proposalId: string): Promise<{ proposal: ManagerProposal; person: Person; manager: Person } | undefined>;
}

/**
 * A manager reads their reports' check-ins and feedback summaries, so an HR admin who could name
 * themself anyone's manager could read anyone's. It takes a second admin, or the report's own request.
 */
const SELF_APPOINTED =
  'You cannot make yourself someone’s manager: ask another HR admin to set it, or ask them to name you as their manager from their Home tab.';

export function createOrgService(deps: { db: Db; clock: Clock; access: AccessService; people: PeopleService; events: OrgEvents }): OrgService {
  const { db, clock, access, people, events } = deps;
  const now = () => clock.now().toJSDate();

  /** Why someone cannot take part in the org chart, or undefined when they can. */
  const unfit = (person: Person): string | undefined => {
    if (person.isBot) return `${displayName(person)} is a bot, not a person.`;
    if (!isActive(person)) return `${displayName(person)} is deactivated in Slack.`;
    return undefined;
  };

  const describeLoop = async (loop: string[]) => {
    const byId = new Map((await findPeopleByIds(db, loop)).map((person) => [person.id, displayName(person)]));
    return loop.map((id) => byId.get(id) ?? 'someone').join(' → ');
  };

  const workspaceOnly = (actor: Person) => ({ workspaceId: actor.workspaceId });

  /** One person's manager set or removed, validated and audited; `actorId` null is Cadence itself. */
  const changeManager = async (
    by: { workspaceId: string; actorId: string | null; source: ManagerLinkSource; via: 'admin' | 'setup' },
    personSlackId: string | null,
    managerSlackId: string | null,
  ): Promise<Validated<{ person: Person; manager: Person | null }, ManagerChangeField>> => {
    const person = personSlackId ? await people.resolve(by.workspaceId, personSlackId) : undefined;
    const manager = managerSlackId ? await people.resolve(by.workspaceId, managerSlackId) : null;
    if ((personSlackId && !person) || manager === undefined) {
      const unknown = 'Pick someone in this workspace: Slack does not know that person.';
      return { ok: false, errors: { ...(personSlackId && !person ? { person: unknown } : {}), ...(manager === undefined ? { manager: unknown } : {}) } };
    }
    const errors: FieldErrors<ManagerChangeField> = {
      person: person ? unfit(person) : 'Pick the person whose manager you are setting.',
      manager:
        manager && person?.id === manager.id
          ? 'Someone cannot be their own manager.'
          : manager && manager.id === by.actorId
            ? SELF_APPOINTED
            : manager
              ? unfit(manager)
              : undefined,
    };
    if (!person || errors.person || errors.manager) return { ok: false, errors };

    const outcome = await db.transaction().execute(async (tx) => {
      await lockOrgChart(tx, by.workspaceId);
      const managerOf = await loadManagerOf(tx, by.workspaceId);
      const loop = manager && loopIfManaged(person.id, manager.id, managerOf);
      if (loop) return { error: `That would make a loop: ${await describeLoop(loop)}.` };
      const previous = managerOf.get(person.id) ?? null;
      if (previous === (manager?.id ?? null)) return { unchanged: true };
      const at = now();
      await replaceManager(tx, { workspaceId: by.workspaceId, personId: person.id, managerId: manager?.id ?? null, source: by.source, setBy: by.actorId, at });
      // An admin's decision settles the question a pending proposal was asking.
      await withdrawPendingProposals(tx, person.id, at);
      await insertAuditEvents(
        tx,
        [
          {
            workspaceId: by.workspaceId,
            actorId: by.actorId,
            action: manager ? 'org.manager_set' : 'org.manager_removed',
            subjectId: person.id,
            detail: { managerId: manager?.id ?? null, previousManagerId: previous, source: by.via },
          },
        ],
        at,
      );
      return { unchanged: false };
    });
    access.changed(by.workspaceId, 'org');
    if ('error' in outcome) return { ok: false, errors: { manager: outcome.error } };
    if (!outcome.unchanged) await events.managersChanged(by.workspaceId, [person.id]);
    return { ok: true, value: { person, manager } };
  };

  return {
    async overview(actor) {
      const subject = await access.subject(actor);
      await access.authorize(actor, 'org.view', subject);
      const [managerId] = subject.managerChain;
      const [pending, reportIds, awaiting] = await Promise.all([
        findPendingProposal(db, actor.id),
        access.reports(actor),
        listProposalsAwaiting(db, actor.id),
      ]);
      const ids = [managerId, pending?.managerId, ...reportIds, ...awaiting.map((p) => p.personId)].filter((id): id is string => !!id);
      const byId = new Map((await findPeopleByIds(db, ids)).map((person) => [person.id, person]));
      return {
        manager: managerId ? byId.get(managerId) : undefined,
        proposedManager: pending && byId.get(pending.managerId),
        reports: reportIds.flatMap((id) => byId.get(id) ?? []),
        awaitingAnswer: awaiting.flatMap((proposal) => {
          const person = byId.get(proposal.personId);
          return person ? [{ proposal, person }] : [];
        }),
      };
    },

    async summary(actor) {
      await access.authorize(actor, 'org.edit', workspaceOnly(actor));
      const [everyone, withManager, admins] = await Promise.all([
        listPeople(db, actor.workspaceId),
        countManaged(db, actor.workspaceId),
        listAdmins(db, actor.workspaceId),
      ]);
      return { activePeople: everyone.filter(isActive).length, withManager, admins: admins.filter(isActive).length };
    },

    async proposeManager(actor, managerSlackId) {
      await access.authorize(actor, 'manager.propose', await access.subject(actor));
      if (!managerSlackId) return { ok: false, errors: { manager: 'Pick your manager.' } };
      if (managerSlackId === actor.slackUserId) return { ok: false, errors: { manager: 'You cannot be your own manager. Pick the person you report to.' } };
      const manager = await people.resolve(actor.workspaceId, managerSlackId);
      if (!manager) return { ok: false, errors: { manager: 'Pick someone in this workspace: Slack does not know that person.' } };
      const problem = unfit(manager);
      if (problem) return { ok: false, errors: { manager: problem } };

      const proposed = await db.transaction().execute(async (tx) => {
        await lockOrgChart(tx, actor.workspaceId);
        const managerOf = await loadManagerOf(tx, actor.workspaceId);
        if (managerOf.get(actor.id) === manager.id) return { error: `${displayName(manager)} is already your manager.` };
        const loop = loopIfManaged(actor.id, manager.id, managerOf);
        if (loop) return { error: `${displayName(manager)} reports to you (${await describeLoop(loop)}), so cannot be your manager.` };
        await withdrawPendingProposals(tx, actor.id, now());
        return { proposal: await insertProposal(tx, { workspaceId: actor.workspaceId, personId: actor.id, managerId: manager.id }) };
      });
      if ('error' in proposed) return { ok: false, errors: { manager: proposed.error } };
      await events.managerProposed(proposed.proposal);
      return { ok: true, value: { proposal: proposed.proposal, manager } };
    },

    async answerProposal(actor, proposalId, accept) {
      const proposal = await findProposal(db, proposalId);
      const person = proposal && (await findPersonById(db, proposal.personId));
      if (!proposal || !person) throw new AccessDeniedError('manager.answer', 'not_permitted');
      await access.authorize(actor, 'manager.answer', { person: await access.subject(person), proposedManagerId: proposal.managerId });

      const answer = await db.transaction().execute(async (tx): Promise<ProposalAnswer> => {
        await lockOrgChart(tx, proposal.workspaceId);
        const at = now();
        const loop = accept ? loopIfManaged(person.id, actor.id, await loadManagerOf(tx, proposal.workspaceId)) : undefined;
        const decided = await decideProposal(tx, proposal.id, loop ? 'withdrawn' : accept ? 'confirmed' : 'rejected', at);
        if (!decided) return { outcome: 'closed', proposal: (await findProposal(tx, proposal.id)) ?? proposal, person };
        if (loop) return { outcome: 'loop', proposal: decided, person };
        if (accept) {
          await replaceManager(tx, { workspaceId: proposal.workspaceId, personId: person.id, managerId: actor.id, source: 'proposal', setBy: actor.id, at });
        }
        await insertAuditEvents(
          tx,
          [
            {
              workspaceId: proposal.workspaceId,
              actorId: actor.id,
              action: accept ? 'org.proposal_confirmed' : 'org.proposal_rejected',
              subjectId: person.id,
              detail: { proposalId: proposal.id },
            },
          ],
          at,
        );
        return { outcome: accept ? 'confirmed' : 'rejected', proposal: decided, person };
      });
      access.changed(proposal.workspaceId, 'org');
      if (answer.outcome === 'confirmed') await events.managersChanged(proposal.workspaceId, [person.id]);
      if (answer.outcome === 'confirmed' || answer.outcome === 'rejected') await events.proposalAnswered(answer.proposal);
      return answer;
    },

    async setManager(actor, personSlackId, managerSlackId) {
      await access.authorize(actor, 'org.edit', workspaceOnly(actor));
      return changeManager({ workspaceId: actor.workspaceId, actorId: actor.id, source: 'admin', via: 'admin' }, personSlackId, managerSlackId);
    },

    async setUpManager(workspaceId, personSlackId, managerSlackId) {
      return changeManager({ workspaceId, actorId: null, source: 'import', via: 'setup' }, personSlackId, managerSlackId);
    },

    async importChart(actor, csv) {
      await access.authorize(actor, 'org.edit', workspaceOnly(actor));
      let changedIds: string[] = [];
      const result = await db.transaction().execute(async (tx): Promise<ImportResult> => {
        await lockOrgChart(tx, actor.workspaceId);
        const [directory, managerOf] = await Promise.all([listPeople(tx, actor.workspaceId), loadManagerOf(tx, actor.workspaceId)]);
        const plan = planOrgImport(csv, directory, managerOf, actor.id);
        if (!plan.ok) return plan;
        const at = now();
        const source: ManagerLinkSource = 'import';
        const audit: NewAuditEvent[] = [];
        for (const change of plan.changes) {
          await replaceManager(tx, { workspaceId: actor.workspaceId, ...change, source, setBy: actor.id, at });
          await withdrawPendingProposals(tx, change.personId, at);
          audit.push({
            workspaceId: actor.workspaceId,
            actorId: actor.id,
            action: change.managerId ? 'org.manager_set' : 'org.manager_removed',
            subjectId: change.personId,
            detail: { managerId: change.managerId, previousManagerId: managerOf.get(change.personId) ?? null, source },
          });
        }
        audit.push({
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: 'org.imported',
          detail: { changed: plan.changes.length, unchanged: plan.unchanged },
        });
        await insertAuditEvents(tx, audit, at);
        changedIds = plan.changes.map((c) => c.personId);
        return { ok: true, changed: plan.changes.length, unchanged: plan.unchanged };
      });
      access.changed(actor.workspaceId, 'org');
      if (changedIds.length > 0) await events.managersChanged(actor.workspaceId, changedIds);
      return result;
    },

    async loadProposal(proposalId) {
      const proposal = await findProposal(db, proposalId);
      if (!proposal) return undefined;
      const [person, manager] = await Promise.all([findPersonById(db, proposal.personId), findPersonById(db, proposal.managerId)]);
      return person && manager ? { proposal, person, manager } : undefined;
    },
  };
}
