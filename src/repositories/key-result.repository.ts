import { sql } from 'kysely';
import type { Db } from '../db/client';
import type { KeyResultRow } from '../db/schema';
import type { KeyResult, ValidKeyResult } from '../domain/key-result';

function rowToKeyResult(row: KeyResultRow): KeyResult {
  return {
    id: row.id,
    goalId: row.goal_id,
    position: row.position,
    title: row.title,
    kind: row.kind,
    start: row.start_value,
    target: row.target_value,
    current: row.current_value,
    unit: row.unit,
    weight: row.weight,
  };
}

/** Key results of the given goals, in their order within each goal. */
export async function listKeyResults(db: Db, goalIds: readonly string[]): Promise<Map<string, KeyResult[]>> {
  const byGoal = new Map<string, KeyResult[]>();
  if (goalIds.length === 0) return byGoal;
  const rows = await db.selectFrom('key_result').selectAll().where('goal_id', 'in', goalIds).orderBy('goal_id').orderBy('position').execute();
  for (const row of rows) byGoal.set(row.goal_id, [...(byGoal.get(row.goal_id) ?? []), rowToKeyResult(row)]);
  return byGoal;
}

/**
 * Makes a goal's key results what the form says, in its order: those not named are deleted, named
 * ones redefined (their current value kept unless their kind changed), new ones start at their
 * start value. Positions are
 * checked unique at commit, so reordering within the transaction is fine.
 */
export async function replaceKeyResults(tx: Db, goalId: string, keyResults: readonly ValidKeyResult[], at: Date): Promise<void> {
  const kept = keyResults.flatMap((kr) => (kr.id ? [kr.id] : []));
  await tx
    .deleteFrom('key_result')
    .where('goal_id', '=', goalId)
    .$if(kept.length > 0, (qb) => qb.where('id', 'not in', kept))
    .execute();
  for (const [position, kr] of keyResults.entries()) {
    const definition = { position, title: kr.title, kind: kr.kind, start_value: kr.start, target_value: kr.target, unit: kr.unit, weight: kr.weight };
    if (kr.id) {
      // Measured another way now: where it stood means nothing any more, so it starts again.
      const current = sql<number>`case when kind = ${kr.kind} then current_value else ${kr.start} end`;
      await tx
        .updateTable('key_result')
        .set({ ...definition, current_value: current, updated_at: at })
        .where('id', '=', kr.id)
        .where('goal_id', '=', goalId)
        .execute();
    } else {
      await tx.insertInto('key_result').values({ ...definition, goal_id: goalId, current_value: kr.start }).execute();
    }
  }
}

export async function setCurrentValues(tx: Db, goalId: string, values: ReadonlyMap<string, number>, at: Date): Promise<void> {
  for (const [id, value] of values) {
    await tx.updateTable('key_result').set({ current_value: value, updated_at: at }).where('id', '=', id).where('goal_id', '=', goalId).execute();
  }
}
