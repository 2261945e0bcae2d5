import type { Db } from '../db/client';
import { DELIVERY_PROBLEM_DAYS } from '../domain/delivery-problems';
import type { Person } from '../domain/person';
import { countDeliveryProblems, listDeliveryProblems, type DeliveryProblem } from '../repositories/delivery.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import type { AccessService } from './access.service';

const LISTED = 40;

export interface DeliveryProblemEntry extends Omit<DeliveryProblem, 'personId'> {
  recipient: Person | undefined;
}

/** For HR admins: which DMs could not be delivered, to whom and why; never what they said. */
export interface DeliveryProblemsService {
  count(actor: Person): Promise<number>;
  recent(actor: Person): Promise<DeliveryProblemEntry[]>;
}

export function createDeliveryProblemsService(deps: { db: Db; access: AccessService }): DeliveryProblemsService {
  const { db, access } = deps;
  const allowed = (actor: Person) => access.authorize(actor, 'deliveries.view', { workspaceId: actor.workspaceId });
  return {
    async count(actor) {
      await allowed(actor);
      return countDeliveryProblems(db, actor.workspaceId, DELIVERY_PROBLEM_DAYS);
    },
    async recent(actor) {
      await allowed(actor);
      const problems = await listDeliveryProblems(db, actor.workspaceId, DELIVERY_PROBLEM_DAYS, LISTED);
      const people = new Map((await findPeopleByIds(db, [...new Set(problems.map((p) => p.personId))])).map((p) => [p.id, p]));
      return problems.map(({ personId, ...problem }) => ({ ...problem, recipient: people.get(personId) }));
    },
  };
}
