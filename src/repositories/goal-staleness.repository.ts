import { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { Goal } from '../domain/goal';
import { rowToGoal } from './goal.repository';

/** A goal's current staleness episode: from the detector first finding it stale until it is not. */
export interface StaleEpisode {
  id: string;
  goalId: string;
  startedAt: DateTime;
  /** When its nudge was settled (sent, or found undeliverable); null while one is owed. */
  nudgedAt: DateTime | null;
}

const OPEN_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track'] as const;

type EpisodeRow = { id: string; goal_id: string; started_at: Date; nudged_at: Date | null };
const rowToEpisode = (row: EpisodeRow): StaleEpisode => ({
  id: row.id,
  goalId: row.goal_id,
  startedAt: DateTime.fromJSDate(row.started_at, { zone: 'utc' }),
  nudgedAt: row.nudged_at && DateTime.fromJSDate(row.nudged_at, { zone: 'utc' }),
});

export interface StaleBounds {
  updatedBefore: Date;
  /** 'YYYY-MM-DD' */
  targetBefore: string;
}

/**
 * Open goals that may be stale (see staleCandidateBounds), with their episode if they have one,
 * a page at a time in id order. The two partial indexes of migration 0006 serve the two halves.
 */
export async function listStaleCandidates(
  db: Db,
  bounds: StaleBounds,
  page: { afterId: string | null; limit: number },
): Promise<Array<{ goal: Goal; episode: StaleEpisode | undefined }>> {
  const rows = await db
    .selectFrom('goal as g')
    .leftJoin('goal_staleness as s', 's.goal_id', 'g.id')
    .selectAll('g')
    .select(['s.id as episode_id', 's.started_at as episode_started_at', 's.nudged_at as episode_nudged_at'])
    .where('g.status', 'in', OPEN_STATUSES)
    .where((eb) => eb.or([eb('g.updated_at', '<=', bounds.updatedBefore), eb('g.target_date', '<', bounds.targetBefore)]))
    .$if(page.afterId !== null, (qb) => qb.where('g.id', '>', page.afterId ?? ''))
    .orderBy('g.id')
    .limit(page.limit)
    .execute();
  return rows.map(({ episode_id, episode_started_at, episode_nudged_at, ...goal }) => ({
    goal: rowToGoal(goal),
    episode:
      episode_id && episode_started_at
        ? rowToEpisode({ id: episode_id, goal_id: goal.id, started_at: episode_started_at, nudged_at: episode_nudged_at })
        : undefined,
  }));
}

/** Opens an episode for a goal that has none; returns the goal's episode either way. */
export async function openEpisode(db: Db, goal: Pick<Goal, 'id' | 'workspaceId'>, at: Date): Promise<StaleEpisode> {
  await db
    .insertInto('goal_staleness')
    .values({ goal_id: goal.id, workspace_id: goal.workspaceId, started_at: at })
    .onConflict((oc) => oc.column('goal_id').doNothing())
    .execute();
  const row = await db.selectFrom('goal_staleness').selectAll().where('goal_id', '=', goal.id).executeTakeFirstOrThrow();
  return rowToEpisode(row);
}

export async function findEpisode(db: Db, id: string): Promise<StaleEpisode | undefined> {
  const row = await db.selectFrom('goal_staleness').selectAll().where('id', '=', id).executeTakeFirst();
  return row && rowToEpisode(row);
}

export async function closeEpisode(db: Db, id: string): Promise<void> {
  await db.deleteFrom('goal_staleness').where('id', '=', id).execute();
}

/** Ends the episodes of goals that are no longer even candidates: closed, updated, re-dated, deleted. */
export async function closeEpisodesOutside(db: Db, bounds: StaleBounds): Promise<number> {
  const result = await db
    .deleteFrom('goal_staleness')
    .where('id', 'in', (qb) =>
      qb
        .selectFrom('goal_staleness as s')
        .innerJoin('goal as g', 'g.id', 's.goal_id')
        .select('s.id')
        .where((eb) =>
          eb.not(
            eb.and([
              eb('g.status', 'in', OPEN_STATUSES),
              // Spelled out with "is not null" so that a goal without a target date compares false, not null.
              eb.or([eb('g.updated_at', '<=', bounds.updatedBefore), eb.and([eb('g.target_date', 'is not', null), eb('g.target_date', '<', bounds.targetBefore)])]),
            ]),
          ),
        ),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function markEpisodeNudged(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('goal_staleness').set({ nudged_at: at }).where('id', '=', id).where('nudged_at', 'is', null).execute();
}
