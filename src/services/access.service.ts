import type { Db } from '../db/client';
import {
  type Action,
  AccessDeniedError,
  aboutWhom,
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
import { type AccessPolicySettings, policyFor, withTeamSettings, type WorkspaceSettings } from '../domain/settings';
import { forgetPerRequest, perRequest } from '../lib/request-cache';
import { loadManagerOf } from '../repositories/org.repository';
import { findTeamSettings, findWorkspaceSettings, listTeamPoliciesByPerson } from '../repositories/settings.repository';

/**
 * Loads the facts the access policy needs and asks it; services call this, never the rules directly.
 * Within one Slack request the workspace settings and the org chart are read once each, however
 * many checks the request makes (src/lib/request-cache.ts); a service that changes either says so.
 * A decision follows the policy of the person the subject is about: under an org-wide install's
 * per-workspace scope, that of their home Slack workspace (read once per request too).
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
  /** The settings that apply to a person: with their Slack workspace's own cadence, working time and policy when the org chose those. */
  settingsFor(person: Pick<Person, 'workspaceId' | 'homeTeamId'>): Promise<WorkspaceSettings | undefined>;
  /** What the rules depend on for subjects about this person: their home Slack workspace's policy, or the organization's. */
  context(about: Pick<Person, 'id' | 'workspaceId'>): Promise<PolicyContext>;
  decide<A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>): Promise<Decision>;
  /** Returns why access is granted, or throws AccessDeniedError. */
  authorize<A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>): Promise<Grounds>;
  /** The workspace's settings (or one Slack workspace's own) or org chart were just written: later reads in this request see the change. */
  changed(workspaceId: string, what: 'settings' | 'org', teamId?: string): void;
}

export function createAccessService(deps: { db: Db }): AccessService {
  const { db } = deps;
  const key = (what: 'settings' | 'org', workspaceId: string) => `${what}:${workspaceId}`;
  const chart = (workspaceId: string): Promise<ManagerOf> => perRequest(key('org', workspaceId), () => loadManagerOf(db, workspaceId));
  const settings = (workspaceId: string) => perRequest(key('settings', workspaceId), () => findWorkspaceSettings(db, workspaceId));
  const teamKey = (workspaceId: string, teamId: string) => `${key('settings', workspaceId)}|${teamId}`;
  const teamSettings = (workspaceId: string, teamId: string) => perRequest(teamKey(workspaceId, teamId), () => findTeamSettings(db, workspaceId, teamId));
  const policiesKey = (workspaceId: string) => `${key('settings', workspaceId)}|policies`;
  const teamPolicies = (workspaceId: string) => perRequest(policiesKey(workspaceId), () => listTeamPoliciesByPerson(db, workspaceId));
  /** The access policy over records about a person: their home Slack workspace's own, or the organization's. */
  const policy = async (about: Pick<Person, 'id' | 'workspaceId'>): Promise<AccessPolicySettings | undefined> => {
    const organization = await settings(about.workspaceId);
    if (!organization) return undefined;
    // One set of settings: no need to know where anyone is at home.
    if (organization.scope !== 'team') return policyFor(organization, undefined);
    return policyFor(organization, (await teamPolicies(about.workspaceId)).get(about.id));
  };
  const contextOf = (found: AccessPolicySettings | undefined): PolicyContext => ({ skipLevelVisibility: found?.skipLevelVisibility ?? false });
  const context = async (about: Pick<Person, 'id' | 'workspaceId'>) => contextOf(await policy(about));
  const decide = async <A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>) => {
    // Someone of another workspace is refused whatever its policy: the actor's is read instead.
    const about = aboutWhom(subject);
    const found = about && about.workspaceId === actor.workspaceId ? await policy(about) : await settings(actor.workspaceId);
    return can(actor, action, subject, contextOf(found));
  };
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
    async settingsFor(person) {
      const organization = await settings(person.workspaceId);
      if (!organization || !person.homeTeamId || organization.scope !== 'team') return organization;
      return withTeamSettings(organization, await teamSettings(person.workspaceId, person.homeTeamId));
    },
    context,
    decide,
    async authorize(actor, action, subject) {
      const decision = await decide(actor, action, subject);
      if (!decision.allowed) throw new AccessDeniedError(action, decision.reason);
      return decision.grounds;
    },
    changed(workspaceId, what, teamId) {
      forgetPerRequest(key(what, workspaceId));
      if (what === 'settings') forgetPerRequest(policiesKey(workspaceId));
      if (teamId !== undefined) forgetPerRequest(teamKey(workspaceId, teamId));
    },
  };
}
