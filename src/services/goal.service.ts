import type { Db } from '../db/client';
import { type Goal, type GoalField, type NewGoalInput, type Validated, validateNewGoal } from '../domain/goal';
import type { Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { findGoalById, insertGoal, listGoalsByOwner } from '../repositories/goal.repository';
import { findPersonById } from '../repositories/person.repository';

/** What happens after a goal changes, carried out elsewhere (a queued DM in production). */
export interface GoalEvents {
  goalCreated(goal: Goal): Promise<void>;
}

export interface GoalService {
  /** Today's date where the person is: the day their deadlines are measured against. */
  today(person: Person): string;
  create(actor: Person, input: NewGoalInput): Promise<Validated<Goal, GoalField>>;
  /** The goals the actor owns. */
  listOwn(actor: Person): Promise<Goal[]>;
  /** For system work (notifications), not for serving a person's request. */
  loadWithOwner(goalId: string): Promise<{ goal: Goal; owner: Person } | undefined>;
}

export function createGoalService(deps: { db: Db; clock: Clock; events: GoalEvents }): GoalService {
  const { db, clock, events } = deps;
  const today = (person: Person) => clock.now().setZone(person.timezone).toISODate() ?? '';
  return {
    today,
    async create(actor, input) {
      const checked = validateNewGoal(input, today(actor));
      if (!checked.ok) return checked;
      const goal = await insertGoal(db, {
        workspace_id: actor.workspaceId,
        owner_id: actor.id,
        title: checked.value.title,
        description: checked.value.description,
        category: checked.value.category,
        target_date: checked.value.targetDate,
      });
      await events.goalCreated(goal);
      return { ok: true, value: goal };
    },
    listOwn: (actor) => listGoalsByOwner(db, actor.id),
    async loadWithOwner(goalId) {
      const goal = await findGoalById(db, goalId);
      const owner = goal && (await findPersonById(db, goal.ownerId));
      return goal && owner ? { goal, owner } : undefined;
    },
  };
}
