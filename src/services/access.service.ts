import type { Db } from '../db/client';
import {
  type Action,
  AccessDeniedError,
  can,
  type Decision,
  type Grounds,
  type PolicyActor,
  type PolicyContext,
  type SubjectOf,
  type SubjectPerson,
} from '../domain/access-policy';
import { directReports, type ManagerOf, managerChain, reportTree } from '../domain/org-chart';
import type { Person } from '../domain/person';
import type { WorkspaceSettings } from '../domain/settings';
import { forgetPerRequest, perRequest } from '../lib/request-cache';
import { loadManagerOf } from '../repositories/org.repository';
import { findWorkspaceSettings } from '../repositories/settings.repository';

/**
 * Loads the facts the access policy needs and asks it; services call this, never the rules directly.
 * Within one Slack request the workspace settings and the org chart are read once each, however
 * many checks the request makes (src/lib/request-cache.ts); a service that changes either says so.
 */
export interface AccessService {
  /** A person with their manager chain, as the policy sees a subject. */
  subject(person: Pick<Person, 'id' | 'workspaceId'>): Promise<SubjectPerson>;
  /** Many people of one workspace as subjects, from one read of the org chart. */
  subjects(workspaceId: string, personIds: readonly string[]): Promise<Map<string, SubjectPerson>>;
  /** Who reports to someone directly, from the same read of the org chart. */
  reports(person: Pick<Person, 'id' | 'workspaceId'>): Promise<string[]>;
  /** Everyone below someone in the org chart, at any depth. */
  reportTree(person: Pick<Person, 'id' | 'workspaceId'>): Promise<string[]>;
  /** The workspace's settings; undefined for a workspace never recorded. */
  settings(workspaceId: string): Promise<WorkspaceSettings | undefined>;
  /** The settings of the actor's workspace that rules depend on. */
  context(workspaceId: string): Promise<PolicyContext>;
  decide<A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>): Promise<Decision>;
  /** Returns why access is granted, or throws AccessDeniedError. */
  authorize<A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>): Promise<Grounds>;
  /** The workspace's settings or org chart were just written: later reads in this request see the change. */
  changed(workspaceId: string, what: 'settings' | 'org'): void;
}

export function createAccessService(deps: { db: Db }): AccessService {
  const { db } = deps;
  const key = (what: 'settings' | 'org', workspaceId: string) => `${what}:${workspaceId}`;
  const chart = (workspaceId: string): Promise<ManagerOf> => perRequest(key('org', workspaceId), () => loadManagerOf(db, workspaceId));
  const settings = (workspaceId: string) => perRequest(key('settings', workspaceId), () => findWorkspaceSettings(db, workspaceId));
  const context = async (workspaceId: string): Promise<PolicyContext> => ({ skipLevelVisibility: (await settings(workspaceId))?.skipLevelVisibility ?? false });
  const decide = async <A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>) =>
    can(actor, action, subject, await context(actor.workspaceId));
  return {
    async subject(person) {
      return { id: person.id, workspaceId: person.workspaceId, managerChain: managerChain(person.id, await chart(person.workspaceId)) };
    },
    async subjects(workspaceId, personIds) {
      const managerOf = await chart(workspaceId);
      return new Map(personIds.map((id) => [id, { id, workspaceId, managerChain: managerChain(id, managerOf) }]));
    },
    reports: async (person) => directReports(person.id, await chart(person.workspaceId)),
    reportTree: async (person) => reportTree(person.id, await chart(person.workspaceId)),
    settings,
    context,
    decide,
    async authorize(actor, action, subject) {
      const decision = await decide(actor, action, subject);
      if (!decision.allowed) throw new AccessDeniedError(action, decision.reason);
      return decision.grounds;
    },
    changed: (workspaceId, what) => forgetPerRequest(key(what, workspaceId)),
  };
}
