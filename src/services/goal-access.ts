import { AccessDeniedError, can, type SubjectPerson } from '../domain/access-policy';
import { GOAL_LEVELS, type Goal, type GoalLevel } from '../domain/goal';
import type { Person } from '../domain/person';
import type { AccessService } from './access.service';

/** The access policy applied to goals, for one request. */
export interface GoalAccess {
  /** The goals among `goals` that `viewer` may see, in the same order. */
  visible(viewer: Person, goals: readonly Goal[]): Promise<Goal[]>;
  canView(viewer: Person, goal: Goal): Promise<boolean>;
  canEdit(viewer: Person, goal: Goal): Promise<boolean>;
  /** Throws AccessDeniedError unless the viewer may see the goal. */
  authorizeView(viewer: Person, goal: Goal): Promise<void>;
  /** Throws AccessDeniedError unless the actor may change the goal. */
  authorizeEdit(actor: Person, goal: Goal): Promise<void>;
  /** The levels `actor` may give a goal owned by `owner`. */
  allowedLevels(actor: Person, owner: Person): Promise<GoalLevel[]>;
}

export function createGoalAccess(deps: { access: AccessService }): GoalAccess {
  const { access } = deps;
  const subjectOf = (goal: Goal): Promise<SubjectPerson> => access.subject({ id: goal.ownerId, workspaceId: goal.workspaceId });

  const decide = async (viewer: Person, action: 'goal.view' | 'goal.edit', goal: Goal) =>
    access.decide(viewer, action, { owner: await subjectOf(goal), visibility: goal.visibility });

  const authorize = async (viewer: Person, action: 'goal.view' | 'goal.edit', goal: Goal) => {
    const decision = await decide(viewer, action, goal);
    if (!decision.allowed) throw new AccessDeniedError(action, decision.reason);
  };

  return {
    async visible(viewer, goals) {
      // Goals of several workspaces never mix here; anything else is refused by the policy anyway.
      const ownerIds = [...new Set(goals.map((goal) => goal.ownerId))];
      const [contexts, owners] = await Promise.all([
        // Each owner's policy (their home workspace's): read once per request, however many owners.
        Promise.all(ownerIds.map(async (id) => [id, await access.context({ id, workspaceId: viewer.workspaceId })] as const)).then((pairs) => new Map(pairs)),
        access.subjects(viewer.workspaceId, ownerIds),
      ]);
      return goals.filter((goal) => {
        const owner = owners.get(goal.ownerId);
        const context = contexts.get(goal.ownerId);
        const subject = owner && { ...owner, workspaceId: goal.workspaceId };
        return !!subject && !!context && can(viewer, 'goal.view', { owner: subject, visibility: goal.visibility }, context).allowed;
      });
    },
    canView: async (viewer, goal) => (await decide(viewer, 'goal.view', goal)).allowed,
    canEdit: async (viewer, goal) => (await decide(viewer, 'goal.edit', goal)).allowed,
    authorizeView: (viewer, goal) => authorize(viewer, 'goal.view', goal),
    authorizeEdit: (actor, goal) => authorize(actor, 'goal.edit', goal),
    async allowedLevels(actor, owner) {
      const [subject, reports] = await Promise.all([access.subject(owner), access.reports(owner)]);
      const decisions = await Promise.all(
        GOAL_LEVELS.map((level) => access.decide(actor, 'goal.set_level', { owner: subject, level, ownerLeadsTeam: reports.length > 0 })),
      );
      return GOAL_LEVELS.filter((_, index) => decisions[index]?.allowed);
    },
  };
}
