import type { Db } from '../db/client';
import { AccessDeniedError, can } from '../domain/access-policy';
import { type Goal, type GoalField, type NewGoalInput, type Validated, validateNewGoal } from '../domain/goal';
import type { Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { findGoalById, insertGoal, listGoalsByOwner } from '../repositories/goal.repository';
import { findPersonById } from '../repositories/person.repository';
import type { AccessService } from './access.service';

/** What happens after a goal changes, carried out elsewhere (a queued DM in production). */
export interface GoalEvents {
  goalCreated(goal: Goal): Promise<void>;
}

/** Someone's goals as the actor may see them: all of them, or only the public ones. */
export interface GoalListing {
  goals: Goal[];
  scope: 'all' | 'public';
}

export interface GoalService {
  /** Today's date where the person is: the day their deadlines are measured against. */
  today(person: Person): string;
  create(actor: Person, input: NewGoalInput): Promise<Validated<Goal, GoalField>>;
  /** The owner's goals the actor may see. Throws AccessDeniedError rather than answer with an empty list. */
  listFor(actor: Person, owner: Person): Promise<GoalListing>;
  /** The goals the actor owns. */
  listOwn(actor: Person): Promise<Goal[]>;
  /** For system work (notifications), not for serving a person's request. */
  loadWithOwner(goalId: string): Promise<{ goal: Goal; owner: Person } | undefined>;
}

export function createGoalService(deps: { db: Db; clock: Clock; events: GoalEvents; access: AccessService }): GoalService {
  const { db, clock, events, access } = deps;
  const today = (person: Person) => clock.now().setZone(person.timezone).toISODate() ?? '';

  const listFor = async (actor: Person, owner: Person): Promise<GoalListing> => {
    const [subject, context] = await Promise.all([access.subject(owner), access.context(actor.workspaceId)]);
    // Whoever may see the owner's private goals sees them all; anyone else, goal by goal.
    const everything = can(actor, 'goal.view', { owner: subject, visibility: 'private' }, context);
    if (!everything.allowed && everything.reason !== 'not_permitted') throw new AccessDeniedError('goal.view', everything.reason);
    const goals = await listGoalsByOwner(db, owner.id);
    if (everything.allowed) return { goals, scope: 'all' };
    const visible = goals.filter((goal) => can(actor, 'goal.view', { owner: subject, visibility: goal.visibility }, context).allowed);
    // "No goals" would hide that private ones exist: refuse instead.
    if (visible.length === 0) throw new AccessDeniedError('goal.view', everything.reason);
    return { goals: visible, scope: 'public' };
  };

  return {
    today,
    async create(actor, input) {
      await access.authorize(actor, 'goal.edit', { owner: await access.subject(actor), visibility: 'private' });
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
    listFor,
    listOwn: async (actor) => (await listFor(actor, actor)).goals,
    async loadWithOwner(goalId) {
      const goal = await findGoalById(db, goalId);
      const owner = goal && (await findPersonById(db, goal.ownerId));
      return goal && owner ? { goal, owner } : undefined;
    },
  };
}
