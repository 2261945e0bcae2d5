import type { Db } from '../db/client';
import type { Person } from '../domain/person';
import { type Competency, competencyAppliesTo } from '../domain/review-template';
import { loadManagerOf } from '../repositories/org.repository';
import { loadTitles } from '../repositories/person.repository';
import { listCompetencies } from '../repositories/review-template.repository';

/** The competencies of the framework that are for `person`: the workspace's, their teams' and their role's. */
export async function competenciesFor(db: Db, person: Pick<Person, 'id' | 'workspaceId'>): Promise<Competency[]> {
  const all = await listCompetencies(db, person.workspaceId);
  if (all.every((c) => c.teamManagerId === null && c.role === null)) return all;
  const [managerOf, titleOf] = await Promise.all([loadManagerOf(db, person.workspaceId), loadTitles(db, person.workspaceId)]);
  return all.filter((c) => competencyAppliesTo(c, person.id, { managerOf, titleOf }));
}

/** Why a goal of `owner` cannot be tagged with `competencyId`, or undefined when it can. */
export async function competencyProblem(db: Db, owner: Pick<Person, 'id' | 'workspaceId'>, competencyId: string): Promise<string | undefined> {
  const mine = await competenciesFor(db, owner);
  return mine.some((c) => c.id === competencyId) ? undefined : 'Pick a competency from the list: that one is not part of this person’s framework.';
}
