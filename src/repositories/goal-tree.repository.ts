import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { ProgressNode } from '../domain/progress';
import { listKeyResults } from './key-result.repository';

/**
 * Serialises changes to a workspace's goals until the transaction ends: a change recomputes the
 * progress of every goal above it, and two changes under one parent must not each compute it from
 * the other's stale value.
 */
export async function lockGoalTree(tx: Db, workspaceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`goal-tree:${workspaceId}`}))`.execute(tx);
}

/** A goal's ancestors, nearest first (bounded, in case a loop ever slipped in). */
export async function loadAncestorIds(db: Db, goalId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive chain (id, depth) as (
      select parent_id, 1 from goal where id = ${goalId} and parent_id is not null
      union all
      select g.parent_id, chain.depth + 1
      from goal g join chain on g.id = chain.id
      where g.parent_id is not null and chain.depth < 50
    )
    select id from chain order by depth`.execute(db);
  const chain: string[] = [];
  for (const { id } of result.rows) {
    if (id === goalId || chain.includes(id)) break;
    chain.push(id);
  }
  return chain;
}

/** Every goal aligned below a goal, at any depth. */
export async function loadDescendantIds(db: Db, goalId: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive tree (id, depth) as (
      select id, 1 from goal where parent_id = ${goalId}
      union
      select g.id, tree.depth + 1 from goal g join tree on g.parent_id = tree.id where tree.depth < 50
    )
    select distinct id from tree where id <> ${goalId}`.execute(db);
  return result.rows.map((row) => row.id);
}

/**
 * What recomputing `ids` needs: those goals with their key results, and every goal aligned to one
 * of them with its stored progress (their own key results do not matter here).
 */
export async function loadProgressNodes(db: Db, ids: readonly string[]): Promise<ProgressNode[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('goal')
    .select(['id', 'parent_id', 'status', 'weight', 'progress', 'reported_progress'])
    .where((eb) => eb.or([eb('id', 'in', ids), eb('parent_id', 'in', ids)]))
    .execute();
  const keyResults = await listKeyResults(db, ids);
  return rows.map((row) => ({
    id: row.id,
    parentId: row.parent_id,
    status: row.status,
    weight: row.weight,
    progress: row.progress,
    reportedProgress: row.reported_progress,
    keyResults: keyResults.get(row.id) ?? [],
  }));
}

/** Stores recomputed progress, touching only the goals whose value moved. */
export async function saveProgress(tx: Db, progress: ReadonlyMap<string, number>, nodes: readonly ProgressNode[]): Promise<void> {
  const stored = new Map(nodes.map((node) => [node.id, node.progress]));
  for (const [id, value] of progress) {
    if (stored.get(id) !== value) await tx.updateTable('goal').set({ progress: value }).where('id', '=', id).execute();
  }
}

/** How many goals that count towards each of `ids` are aligned to it (archived ones do not). */
export async function countAlignedGoals(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('goal')
    .select(['parent_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('parent_id', 'in', ids)
    .where('status', '<>', 'archived')
    .groupBy('parent_id')
    .execute();
  return new Map(rows.flatMap((row) => (row.parent_id ? [[row.parent_id, Number(row.count)] as const] : [])));
}
