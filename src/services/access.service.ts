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
import type { Person } from '../domain/person';
import { loadManagerChain, loadManagerOf } from '../repositories/org.repository';
import { findWorkspaceSettings } from '../repositories/settings.repository';

/** Loads the facts the access policy needs and asks it; services call this, never the rules directly. */
export interface AccessService {
  /** A person with their manager chain, as the policy sees a subject. */
  subject(person: Pick<Person, 'id' | 'workspaceId'>): Promise<SubjectPerson>;
  /** Many people of one workspace as subjects, from one read of the org chart. */
  subjects(workspaceId: string, personIds: readonly string[]): Promise<Map<string, SubjectPerson>>;
  /** The settings of the actor's workspace that rules depend on. */
  context(workspaceId: string): Promise<PolicyContext>;
  decide<A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>): Promise<Decision>;
  /** Returns why access is granted, or throws AccessDeniedError. */
  authorize<A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>): Promise<Grounds>;
}

export function createAccessService(deps: { db: Db }): AccessService {
  const { db } = deps;
  const context = async (workspaceId: string): Promise<PolicyContext> => {
    const settings = await findWorkspaceSettings(db, workspaceId);
    return { skipLevelVisibility: settings?.skipLevelVisibility ?? false };
  };
  const decide = async <A extends Action>(actor: PolicyActor, action: A, subject: SubjectOf<A>) =>
    can(actor, action, subject, await context(actor.workspaceId));
  return {
    async subject(person) {
      return { id: person.id, workspaceId: person.workspaceId, managerChain: await loadManagerChain(db, person.id) };
    },
    async subjects(workspaceId, personIds) {
      const managerOf = await loadManagerOf(db, workspaceId);
      const chainOf = (id: string) => {
        const chain: string[] = [];
        // Stops at a loop, as loadManagerChain does, should one ever slip into the data.
        for (let next = managerOf.get(id); next && next !== id && !chain.includes(next); next = managerOf.get(next)) chain.push(next);
        return chain;
      };
      return new Map(personIds.map((id) => [id, { id, workspaceId, managerChain: chainOf(id) }]));
    },
    context,
    decide,
    async authorize(actor, action, subject) {
      const decision = await decide(actor, action, subject);
      if (!decision.allowed) throw new AccessDeniedError(action, decision.reason);
      return decision.grounds;
    },
  };
}
