import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { GoalRow, NewGoalRow } from '../db/schema';
import type { Goal } from '../domain/goal';

export function rowToGoal(row: GoalRow): Goal {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ownerId: row.owner_id,
    title: row.title,
    description: row.description,
    category: row.category,
    targetDate: row.target_date,
    status: row.status,
    visibility: row.visibility,
    createdAt: DateTime.fromJSDate(row.created_at, { zone: 'utc' }),
  };
}

export async function insertGoal(db: Db, goal: NewGoalRow): Promise<Goal> {
  const row = await db.insertInto('goal').values(goal).returningAll().executeTakeFirstOrThrow();
  return rowToGoal(row);
}

export async function findGoalById(db: Db, id: string): Promise<Goal | undefined> {
  const row = await db.selectFrom('goal').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToGoal(row);
}

/** Goals someone owns, the ones due soonest first and those without a date last. */
export async function listGoalsByOwner(db: Db, ownerId: string): Promise<Goal[]> {
  const rows = await db
    .selectFrom('goal')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('status', '!=', 'archived')
    .orderBy('target_date', (ob) => ob.asc().nullsLast())
    .orderBy('created_at', 'asc')
    .execute();
  return rows.map(rowToGoal);
}

/** Everything someone owns, archived goals included: what a data export must show. */
export async function listAllGoalsByOwner(db: Db, ownerId: string): Promise<Goal[]> {
  const rows = await db.selectFrom('goal').selectAll().where('owner_id', '=', ownerId).orderBy('created_at').execute();
  return rows.map(rowToGoal);
}

export async function deleteGoalsByOwner(db: Db, ownerId: string): Promise<number> {
  const result = await db.deleteFrom('goal').where('owner_id', '=', ownerId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
