import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '../db/client';
import type { GoalChange, GoalEvent, NewGoalEvent } from '../domain/goal-history';
import { KEY_RESULT_KINDS } from '../domain/key-result';
import { ERASED_NAME } from '../domain/person';

const value = z.union([z.string(), z.number(), z.null()]);
const changeSchema: z.ZodType<GoalChange> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('field'),
    field: z.enum(['title', 'description', 'category', 'level', 'visibility', 'targetDate', 'weight', 'parent', 'status', 'progress']),
    from: value,
    to: value,
  }),
  z.object({ type: z.literal('kr_value'), title: z.string(), kind: z.enum(KEY_RESULT_KINDS), unit: z.string().nullable(), from: z.number(), to: z.number() }),
  z.object({ type: z.literal('kr_added'), title: z.string() }),
  z.object({ type: z.literal('kr_removed'), title: z.string() }),
  z.object({
    type: z.literal('kr_edited'),
    title: z.string(),
    changes: z.array(z.object({ field: z.enum(['title', 'kind', 'start', 'target', 'unit', 'weight']), from: value, to: value })),
  }),
]);

/** Entries a later version wrote in a shape this one does not know are left out, not fatal. */
function parseChanges(stored: unknown): GoalChange[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((change) => {
    const parsed = changeSchema.safeParse(change);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function insertGoalEvent(tx: Db, event: NewGoalEvent, at: Date): Promise<void> {
  await tx
    .insertInto('goal_event')
    .values({
      goal_id: event.goalId,
      workspace_id: event.workspaceId,
      actor_id: event.actorId,
      kind: event.kind,
      changes: JSON.stringify(event.changes),
      note: event.note,
      created_at: at,
    })
    .execute();
}

function selectEvents(db: Db) {
  return db
    .selectFrom('goal_event as e')
    .leftJoin('person as p', 'p.id', 'e.actor_id')
    .select([
      'e.id',
      'e.goal_id',
      'e.actor_id',
      'e.kind',
      'e.changes',
      'e.note',
      'e.created_at',
      'p.slack_user_id',
      'p.name',
      'p.real_name',
      'p.erased_at',
    ]);
}

type EventRow = Awaited<ReturnType<ReturnType<typeof selectEvents>['execute']>>[number];

function rowToEvent(row: EventRow): GoalEvent {
  const erased = row.erased_at !== null;
  return {
    id: row.id,
    goalId: row.goal_id,
    actor:
      row.actor_id && row.slack_user_id !== null && row.name !== null
        ? { id: row.actor_id, slackUserId: row.slack_user_id, name: erased ? ERASED_NAME : row.name, realName: erased ? null : row.real_name, erased }
        : null,
    kind: row.kind,
    changes: parseChanges(row.changes),
    note: row.note,
    at: DateTime.fromJSDate(row.created_at, { zone: 'utc' }),
  };
}

/** A goal's history, newest first. */
export async function listGoalEvents(db: Db, goalId: string, limit: number): Promise<GoalEvent[]> {
  const rows = await selectEvents(db).where('e.goal_id', '=', goalId).orderBy('e.id', 'desc').limit(limit).execute();
  return rows.map(rowToEvent);
}

export async function findGoalEvent(db: Db, id: number): Promise<GoalEvent | undefined> {
  const row = await selectEvents(db).where('e.id', '=', id).executeTakeFirst();
  return row && rowToEvent(row);
}

/** The newest entry of each goal's history. */
export async function latestGoalEvents(db: Db, goalIds: readonly string[]): Promise<Map<string, GoalEvent>> {
  if (goalIds.length === 0) return new Map();
  const rows = await selectEvents(db)
    .where('e.id', 'in', (qb) =>
      qb
        .selectFrom('goal_event')
        .select(sql<number>`max(id)`.as('id'))
        .where('goal_id', 'in', goalIds)
        .groupBy('goal_id'),
    )
    .execute();
  return new Map(rows.map((row) => [row.goal_id, rowToEvent(row)]));
}

/** Every entry of the given goals' histories, oldest first: for a data export. */
export async function listGoalEventsOf(db: Db, goalIds: readonly string[]): Promise<GoalEvent[]> {
  if (goalIds.length === 0) return [];
  const rows = await selectEvents(db).where('e.goal_id', 'in', goalIds).orderBy('e.id').execute();
  return rows.map(rowToEvent);
}
