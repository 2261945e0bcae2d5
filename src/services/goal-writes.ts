import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import { type FieldErrors, type Goal, type GoalErrorKey, type GoalInput, isGoalId, type Validated, type ValidGoal, validateGoal, validateNote, validateTargetDate } from '../domain/goal';
import { diffGoalFields, diffKeyResults, fieldChange, type GoalChange, type GoalEventKind, valueChanges } from '../domain/goal-history';
import { validateWeight } from '../domain/key-result';
import { takesReportedProgress } from '../domain/progress';
import { type ProgressErrorKey, type ProgressInput, validateProgress } from '../domain/progress-update';
import type { Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { findGoalForUpdate, insertGoal, updateGoal } from '../repositories/goal.repository';
import { insertGoalEvent } from '../repositories/goal-event.repository';
import { countAlignedGoals, lockGoalTree } from '../repositories/goal-tree.repository';
import { listKeyResults, replaceKeyResults, setCurrentValues } from '../repositories/key-result.repository';
import { findPersonById } from '../repositories/person.repository';
import type { AccessService } from './access.service';
import { competencyProblem } from './competencies';
import type { GoalAccess } from './goal-access';
import type { Alignment } from './goal-alignment';
import type { GoalDetail } from './goal.service';

export type { ProgressErrorKey, ProgressInput } from '../domain/progress-update';

export interface AlignInput {
  /** Null: aligned to nothing. */
  parentId: string | null;
  weight: string | null;
  note: string | null;
}
export type AlignErrorKey = 'parent' | 'weight' | 'note';

/** A new target date for a goal, and why (Extend on a stale-goal nudge). */
export interface ExtendInput {
  targetDate: string | null;
  note: string | null;
}
export type ExtendErrorKey = 'targetDate' | 'note';

type Refused<F extends string> = { ok: false; errors: FieldErrors<F> };

/** The goal's own columns as the form sets them, on create and on edit. */
const goalColumns = (valid: ValidGoal) => ({
  title: valid.title,
  description: valid.description,
  category: valid.category,
  level: valid.level,
  visibility: valid.visibility,
  target_date: valid.targetDate,
  parent_id: valid.parentId,
  weight: valid.weight,
  ...(valid.competencyId !== undefined ? { competency_id: valid.competencyId } : {}),
});

interface Deps {
  db: Db;
  clock: Clock;
  access: AccessService;
  goalAccess: GoalAccess;
  alignment: Alignment;
  today(person: Person): string;
  load(goalId: string): Promise<Goal>;
  /** The goal as the actor sees it once the change is committed. */
  view(actor: Person, goalId: string): Promise<GoalDetail>;
}

/**
 * Every change to goals: validated first, then written with the key results, the progress of every
 * goal above, and the history entry, in one transaction under the workspace's goal-tree lock.
 */
export function createGoalWrites(deps: Deps) {
  const { db, clock, access, goalAccess, alignment, today, load, view } = deps;

  const ownerOf = async (goal: Goal): Promise<Person> => {
    const owner = await findPersonById(db, goal.ownerId);
    if (!owner) throw new AccessDeniedError('goal.edit', 'not_permitted');
    return owner;
  };

  /** Reads the goal again under the lock: what the change applies to is what is stored now. */
  const lockedGoal = async (tx: Db, goal: Goal): Promise<Goal> => {
    await lockGoalTree(tx, goal.workspaceId);
    const fresh = await findGoalForUpdate(tx, goal.id);
    if (!fresh) throw new AccessDeniedError('goal.edit', 'not_permitted');
    return fresh;
  };

  /** Recomputes progress from `changed` upwards; returns the goal's own progress now. */
  const recompute = async (tx: Db, goal: Goal, changed: readonly string[]): Promise<number> =>
    (await alignment.recompute(tx, changed)).get(goal.id) ?? goal.progress;

  const record = async (tx: Db, actor: Person, goal: Goal, kind: GoalEventKind, changes: GoalChange[], note: string | null, at: Date) => {
    if (changes.length === 0 && !note) return;
    await insertGoalEvent(tx, { goalId: goal.id, workspaceId: goal.workspaceId, actorId: actor.id, kind, changes, note }, at);
    await updateGoal(tx, goal.id, { updated_at: at });
  };

  return {
    async create(actor: Person, input: GoalInput): Promise<Validated<GoalDetail, GoalErrorKey>> {
      await access.authorize(actor, 'goal.edit', { owner: await access.subject(actor), visibility: 'private' });
      const checked = validateGoal(input, { today: today(actor), allowedLevels: await goalAccess.allowedLevels(actor, actor) });
      if (!checked.ok) return checked;
      const valid = checked.value;
      const created = await db.transaction().execute(async (tx): Promise<Refused<GoalErrorKey> | { goalId: string }> => {
        await lockGoalTree(tx, actor.workspaceId);
        const problem = valid.parentId ? await alignment.parentProblem(tx, { actor, owner: actor }, null, valid.parentId) : undefined;
        if (problem) return { ok: false, errors: { parent: problem } };
        const untagged = valid.competencyId ? await competencyProblem(tx, actor, valid.competencyId) : undefined;
        if (untagged) return { ok: false, errors: { competency: untagged } };
        const at = clock.now().toJSDate();
        const goal = await insertGoal(tx, { ...goalColumns(valid), workspace_id: actor.workspaceId, owner_id: actor.id, created_at: at, updated_at: at });
        await replaceKeyResults(tx, goal.id, valid.keyResults, at);
        await alignment.recompute(tx, [goal.id]);
        await insertGoalEvent(tx, { goalId: goal.id, workspaceId: goal.workspaceId, actorId: actor.id, kind: 'created', changes: [], note: valid.note }, at);
        return { goalId: goal.id };
      });
      if ('errors' in created) return created;
      return { ok: true, value: await view(actor, created.goalId) };
    },

    async edit(actor: Person, goalId: string, input: GoalInput): Promise<Validated<GoalDetail, GoalErrorKey>> {
      const goal = await load(goalId);
      await goalAccess.authorizeEdit(actor, goal);
      const owner = await ownerOf(goal);
      const checked = validateGoal(input, { today: today(owner), allowedLevels: await goalAccess.allowedLevels(actor, owner), current: goal });
      if (!checked.ok) return checked;
      const valid = checked.value;
      const edited = await db.transaction().execute(async (tx): Promise<Refused<GoalErrorKey> | undefined> => {
        const fresh = await lockedGoal(tx, goal);
        const before = (await listKeyResults(tx, [goal.id])).get(goal.id) ?? [];
        const errors: FieldErrors<GoalErrorKey> = {};
        valid.keyResults.forEach((kr, index) => {
          // Removed by someone else since the form opened: saving it would resurrect nothing.
          if (kr.id && !before.some((b) => b.id === kr.id)) errors[`kr.${index}.title`] = 'This key result was removed meanwhile. Remove it here too, or add it again.';
        });
        const moved = valid.parentId !== fresh.parentId;
        const problem = moved && valid.parentId ? await alignment.parentProblem(tx, { actor, owner }, goal.id, valid.parentId) : undefined;
        if (problem) errors.parent = problem;
        const retagged = valid.competencyId && valid.competencyId !== fresh.competencyId;
        const untagged = retagged && valid.competencyId ? await competencyProblem(tx, owner, valid.competencyId) : undefined;
        if (untagged) errors.competency = untagged;
        if (Object.keys(errors).length > 0) return { ok: false, errors };

        const at = clock.now().toJSDate();
        const changes = [...diffGoalFields(fresh, valid), ...diffKeyResults(before, valid.keyResults)];
        await updateGoal(tx, goal.id, goalColumns(valid));
        await replaceKeyResults(tx, goal.id, valid.keyResults, at);
        const progress = await recompute(tx, fresh, moved && fresh.parentId ? [goal.id, fresh.parentId] : [goal.id]);
        changes.push(...fieldChange('progress', fresh.progress, progress));
        await record(tx, actor, fresh, moved ? 'aligned' : 'edited', changes, valid.note, at);
        return undefined;
      });
      return edited ?? { ok: true, value: await view(actor, goal.id) };
    },

    async updateProgress(actor: Person, goalId: string, input: ProgressInput): Promise<Validated<GoalDetail, ProgressErrorKey>> {
      const goal = await load(goalId);
      await goalAccess.authorizeEdit(actor, goal);
      const updated = await db.transaction().execute(async (tx): Promise<Refused<ProgressErrorKey> | undefined> => {
        const fresh = await lockedGoal(tx, goal);
        const keyResults = (await listKeyResults(tx, [goal.id])).get(goal.id) ?? [];
        const aligned = (await countAlignedGoals(tx, [goal.id])).get(goal.id) ?? 0;
        const checked = validateProgress(keyResults, input, takesReportedProgress(keyResults.length, aligned));
        if (!checked.ok) return checked;
        const { status, note, values, percent } = checked.value;

        const at = clock.now().toJSDate();
        const changes = valueChanges(keyResults, values);
        await setCurrentValues(tx, goal.id, values, at);
        if (status !== fresh.status) await updateGoal(tx, goal.id, { status });
        // A completed goal is at 100 whatever was reported; the percent it had is kept for a reopening.
        if (percent !== null && status !== 'completed') await updateGoal(tx, goal.id, { reported_progress: percent });
        const progress = await recompute(tx, fresh, [goal.id]);
        // Progress on a goal left at "not started" means it has started: the status would be stale at once.
        const finalStatus = status === 'not_started' && fresh.status === 'not_started' && progress > 0 ? 'on_track' : status;
        if (finalStatus !== status) await updateGoal(tx, goal.id, { status: finalStatus });
        changes.push(...fieldChange('status', fresh.status, finalStatus), ...fieldChange('progress', fresh.progress, progress));
        await record(tx, actor, fresh, 'progress', changes, note, at);
        return undefined;
      });
      return updated ?? { ok: true, value: await view(actor, goal.id) };
    },

    async extend(actor: Person, goalId: string, input: ExtendInput): Promise<Validated<GoalDetail, ExtendErrorKey>> {
      const goal = await load(goalId);
      await goalAccess.authorizeEdit(actor, goal);
      const owner = await ownerOf(goal);
      const errors: FieldErrors<ExtendErrorKey> = {};
      // No `current`: the date it has now is the one that passed, so it is checked like any other.
      const { targetDate, error: dateError } = validateTargetDate(input.targetDate, { today: today(owner) });
      if (dateError) errors.targetDate = dateError;
      else if (!targetDate) errors.targetDate = 'Pick the new target date.';
      const { note, error: noteError } = validateNote(input.note);
      if (noteError) errors.note = noteError;
      if (Object.keys(errors).length > 0 || !targetDate) return { ok: false, errors };

      await db.transaction().execute(async (tx) => {
        const fresh = await lockedGoal(tx, goal);
        await updateGoal(tx, goal.id, { target_date: targetDate });
        await record(tx, actor, fresh, 'edited', fieldChange('targetDate', fresh.targetDate, targetDate), note, clock.now().toJSDate());
      });
      return { ok: true, value: await view(actor, goal.id) };
    },

    async align(actor: Person, goalId: string, input: AlignInput): Promise<Validated<GoalDetail, AlignErrorKey>> {
      const goal = await load(goalId);
      await goalAccess.authorizeEdit(actor, goal);
      const owner = await ownerOf(goal);
      const errors: FieldErrors<AlignErrorKey> = {};
      const parentId = input.parentId?.trim() || null;
      if (parentId && !isGoalId(parentId)) errors.parent = 'Pick the goal to align to from the list.';
      const weight = validateWeight(input.weight);
      if ('error' in weight) errors.weight = weight.error;
      const { note, error: noteError } = validateNote(input.note);
      if (noteError) errors.note = noteError;
      if (Object.keys(errors).length > 0 || 'error' in weight) return { ok: false, errors };

      const aligned = await db.transaction().execute(async (tx): Promise<Refused<AlignErrorKey> | undefined> => {
        const fresh = await lockedGoal(tx, goal);
        const moved = parentId !== fresh.parentId;
        const problem = moved && parentId ? await alignment.parentProblem(tx, { actor, owner }, goal.id, parentId) : undefined;
        if (problem) return { ok: false, errors: { parent: problem } };
        const at = clock.now().toJSDate();
        await updateGoal(tx, goal.id, { parent_id: parentId, weight: weight.value });
        const changes = [...fieldChange('parent', fresh.parentId, parentId), ...fieldChange('weight', fresh.weight, weight.value)];
        // The goal's own progress does not move; its old and new parents' (and theirs above) may.
        await alignment.recompute(tx, moved && fresh.parentId ? [goal.id, fresh.parentId] : [goal.id]);
        await record(tx, actor, fresh, 'aligned', changes, note, at);
        return undefined;
      });
      return aligned ?? { ok: true, value: await view(actor, goal.id) };
    },
  };
}
