import type { Db } from '../db/client';
import { GOAL_LEVELS, type Goal } from '../domain/goal';
import type { Person } from '../domain/person';
import { rollUp } from '../domain/progress';
import { findGoalById, listGoalsInWorkspace } from '../repositories/goal.repository';
import { loadAncestorIds, loadDescendantIds, loadProgressNodes, saveProgress } from '../repositories/goal-tree.repository';
import type { AccessService } from './access.service';
import type { GoalAccess } from './goal-access';

/** The plain refusal, the same whether the goal is hidden or gone, so neither can be probed. */
const CANNOT_SEE_GOAL = "You can't see that. Pick a goal from the list.";

/** The alignment tree: which goal may count towards which, and progress rolling up through it. */
export interface Alignment {
  /**
   * Why `parentId` cannot be the parent of the goal `goalId` (null: a goal being created) owned by
   * `owner`, or undefined when it can. Call it under the tree lock, in the writing transaction.
   */
  parentProblem(tx: Db, who: { actor: Person; owner: Person }, goalId: string | null, parentId: string): Promise<string | undefined>;
  /** Recomputes the progress of the changed goals and of every goal above them. */
  recompute(tx: Db, changed: readonly string[]): Promise<Map<string, number>>;
  /**
   * What a goal of `owner` may be aligned to, as `actor` picks it: goals both can see, never the
   * goal itself or one below it. Company goals first, then team, then individual ones.
   */
  candidates(who: { actor: Person; owner: Person }, goalId: string | null): Promise<Goal[]>;
}

const levelOrder = (goal: Goal) => GOAL_LEVELS.indexOf(goal.level);

/**
 * Recomputes the progress of the changed goals and of every goal above them, and stores it. Call it
 * under the goal-tree lock (lockGoalTree), in the transaction that made the change.
 */
export async function recomputeProgress(tx: Db, changed: readonly string[]): Promise<Map<string, number>> {
  const ids = new Set(changed);
  for (const id of changed) for (const ancestor of await loadAncestorIds(tx, id)) ids.add(ancestor);
  const nodes = await loadProgressNodes(tx, [...ids]);
  const progress = rollUp(nodes, changed);
  await saveProgress(tx, progress, nodes);
  return progress;
}

export function createAlignment(deps: { db: Db; access: AccessService; goalAccess: GoalAccess }): Alignment {
  const { db, access, goalAccess } = deps;

  /** Visible to the owner (whose goal counts towards it) and to whoever is making the change. */
  const visibleToBoth = async ({ actor, owner }: { actor: Person; owner: Person }, goals: readonly Goal[]) => {
    const forOwner = await goalAccess.visible(owner, goals);
    return actor.id === owner.id ? forOwner : goalAccess.visible(actor, forOwner);
  };

  return {
    async parentProblem(tx, who, goalId, parentId) {
      const parent = await findGoalById(tx, parentId);
      if (!parent || (await visibleToBoth(who, [parent])).length === 0) return CANNOT_SEE_GOAL;
      if (parent.status === 'archived') return 'That goal is archived. Pick another, or none.';
      if (!goalId) return undefined;
      if (parent.id === goalId) return 'A goal cannot be aligned to itself.';
      if ((await loadAncestorIds(tx, parent.id)).includes(goalId))
        return `“${parent.title}” is aligned under this goal already, so aligning this goal to it would make a loop.`;
      return undefined;
    },

    recompute: recomputeProgress,

    async candidates(who, goalId) {
      const { owner } = who;
      const [below, reports] = await Promise.all([goalId ? loadDescendantIds(db, goalId) : [], access.reportTree(owner)]);
      const excluded = new Set([goalId, ...below]);
      const pool = await listGoalsInWorkspace(db, owner.workspaceId, { privateOwners: [owner.id, ...reports], allPrivate: owner.isAdmin });
      const visible = await visibleToBoth(who, pool.filter((goal) => !excluded.has(goal.id)));
      return visible.sort((a, b) => levelOrder(a) - levelOrder(b) || a.title.localeCompare(b.title));
    },
  };
}
