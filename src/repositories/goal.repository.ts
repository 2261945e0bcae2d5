import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { GoalRow, GoalUpdate, NewGoalRow } from '../db/schema';
import type { Goal } from '../domain/goal';

export function rowToGoal(row: GoalRow): Goal {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ownerId: row.owner_id,
    title: row.title,
    description: row.description,
    category: row.category,
    level: row.level,
    parentId: row.parent_id,
    weight: row.weight,
    targetDate: row.target_date,
    status: row.status,
    visibility: row.visibility,
    progress: row.progress,
    competencyId: row.competency_id,
    createdAt: DateTime.fromJSDate(row.created_at, { zone: 'utc' }),
    updatedAt: DateTime.fromJSDate(row.updated_at, { zone: 'utc' }),
  };
}

export async function insertGoal(db: Db, goal: NewGoalRow): Promise<Goal> {
  const row = await db.insertInto('goal').values(goal).returningAll().executeTakeFirstOrThrow();
  return rowToGoal(row);
}

export async function updateGoal(db: Db, id: string, changes: GoalUpdate): Promise<Goal> {
  const row = await db.updateTable('goal').set(changes).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return rowToGoal(row);
}

export async function findGoalById(db: Db, id: string): Promise<Goal | undefined> {
  const row = await db.selectFrom('goal').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToGoal(row);
}

/** Reads the goal for a change, locked until the transaction ends. */
export async function findGoalForUpdate(tx: Db, id: string): Promise<Goal | undefined> {
  const row = await tx.selectFrom('goal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  return row && rowToGoal(row);
}

export async function findGoalsByIds(db: Db, ids: readonly string[]): Promise<Goal[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('goal').selectAll().where('id', 'in', ids).execute();
  return rows.map(rowToGoal);
}

/** Goals the given people own, archived ones left out: the ones due soonest first, undated last. */
export async function listGoalsByOwners(db: Db, ownerIds: readonly string[]): Promise<Goal[]> {
  if (ownerIds.length === 0) return [];
  const rows = await db
    .selectFrom('goal')
    .selectAll()
    .where('owner_id', 'in', ownerIds)
    .where('status', '!=', 'archived')
    .orderBy('target_date', (ob) => ob.asc().nullsLast())
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map(rowToGoal);
}

export const listGoalsByOwner = (db: Db, ownerId: string): Promise<Goal[]> => listGoalsByOwners(db, [ownerId]);

/** Public company and team goals of a workspace: what everyone may see and align to. Company goals first. */
export async function listSharedGoals(db: Db, workspaceId: string): Promise<Goal[]> {
  const rows = await db
    .selectFrom('goal')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('visibility', '=', 'public')
    .where('level', '!=', 'individual')
    .where('status', '!=', 'archived')
    .orderBy('level')
    .orderBy('target_date', (ob) => ob.asc().nullsLast())
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map(rowToGoal);
}

/**
 * Goals of a workspace that might be visible to someone: every public one and the private ones
 * of `privateOwners` (or every private one when `allPrivate`). The access policy has the last word.
 */
export async function listGoalsInWorkspace(db: Db, workspaceId: string, scope: { privateOwners: readonly string[]; allPrivate: boolean }): Promise<Goal[]> {
  const rows = await db
    .selectFrom('goal')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '!=', 'archived')
    .$if(!scope.allPrivate, (qb) =>
      qb.where((eb) =>
        scope.privateOwners.length > 0 ? eb.or([eb('visibility', '=', 'public'), eb('owner_id', 'in', scope.privateOwners)]) : eb('visibility', '=', 'public'),
      ),
    )
    .orderBy('title')
    .execute();
  return rows.map(rowToGoal);
}

/** Goals aligned to a goal, archived ones included (their owners may still want to see them). */
export async function listChildGoals(db: Db, parentId: string): Promise<Goal[]> {
  const rows = await db.selectFrom('goal').selectAll().where('parent_id', '=', parentId).orderBy('created_at').execute();
  return rows.map(rowToGoal);
}

/** Everything someone owns, archived goals included: what a data export must show. */
export async function listAllGoalsByOwner(db: Db, ownerId: string): Promise<Goal[]> {
  const rows = await db.selectFrom('goal').selectAll().where('owner_id', '=', ownerId).orderBy('created_at').execute();
  return rows.map(rowToGoal);
}

/** Deletes someone's goals; returns the parents (other people's goals) whose progress now needs recomputing. */
export async function deleteGoalsByOwner(db: Db, ownerId: string): Promise<{ deleted: number; parents: string[] }> {
  const rows = await db.deleteFrom('goal').where('owner_id', '=', ownerId).returning('parent_id').execute();
  const parents = new Set(rows.flatMap((row) => (row.parent_id ? [row.parent_id] : [])));
  const remaining = await findGoalsByIds(db, [...parents]);
  return { deleted: rows.length, parents: remaining.map((goal) => goal.id) };
}
