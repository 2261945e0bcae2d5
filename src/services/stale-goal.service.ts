import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import type { Goal } from '../domain/goal';
import { staleCandidateBounds, staleNudgeAt, staleReason, type StaleReason } from '../domain/goal-staleness';
import { isActive, type Person } from '../domain/person';
import { settingsKey, type WorkspaceSettings } from '../domain/settings';
import type { Clock } from '../lib/clock';
import { isSentMessageOf } from '../repositories/delivery.repository';
import { latestGoalEvents } from '../repositories/goal-event.repository';
import {
  closeEpisode,
  closeEpisodesOutside,
  findEpisode,
  listStaleCandidates,
  markEpisodeNudged,
  openEpisode,
  type StaleBounds,
} from '../repositories/goal-staleness.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import { findPersonalSettings, findWorkspaceSettings } from '../repositories/settings.repository';
import type { GoalDetail, GoalService } from './goal.service';
import { EARLY_TOLERANCE_MS } from '../domain/job-timing';

/** Carries a nudge to its time (a delayed job in production). Queueing one twice must be harmless. */
export interface StaleGoalQueue {
  nudge(episodeId: string, at: DateTime): Promise<void>;
}

/** A due nudge with what its message needs. */
export interface StaleNudgeWork {
  episodeId: string;
  detail: GoalDetail;
  reason: StaleReason;
}

/** A stale goal as the manager digest shows it. */
export interface StaleGoal {
  goal: Goal;
  owner: Person;
  reason: StaleReason;
}

export interface StaleGoalService {
  /**
   * Finds the stale goals, opens an episode for each goal that has just gone stale, ends those of
   * goals that no longer are, and queues the nudge every open episode still owes, for the owner's
   * next working moment. Idempotent: it is also the reconciler for nudges Redis lost.
   */
  detect(): Promise<{ stale: number; queued: number; closed: number }>;
  /** The nudge of an episode if it is owed now, else undefined (ended, sent, paused, muted, too early). */
  prepare(episodeId: string): Promise<StaleNudgeWork | undefined>;
  /** After the send (or a recipient who cannot receive it): the episode owes nothing more. */
  complete(episodeId: string): Promise<void>;
  /** The stale goals of the actor's direct reports, as far as the access policy lets the actor see them. */
  forManager(actor: Person): Promise<StaleGoal[]>;
  /** Whether the message at channel/ts is a stale-goal nudge sent to the actor: only those are updated in place. */
  isOwnNudge(actor: Person, message: { channel: string; ts: string }): Promise<boolean>;
}

/** The delivery kind of a nudge; its dedupe key is per episode. */
export const STALE_NUDGE_KIND = 'stale-goal';
export const staleNudgeKey = (episodeId: string) => `stale-goal-${episodeId}`;

const PAGE = 500;

export function createStaleGoalService(deps: { db: Db; clock: Clock; goals: GoalService; queue: StaleGoalQueue }): StaleGoalService {
  const { db, clock, goals, queue } = deps;

  /** The newest entry of each goal's history; a goal always has one (created), updated_at stands in otherwise. */
  const lastUpdates = async (list: readonly Goal[]): Promise<Map<string, DateTime>> => {
    const latest = await latestGoalEvents(db, list.map((goal) => goal.id));
    return new Map(list.map((goal) => [goal.id, latest.get(goal.id)?.at ?? goal.updatedAt]));
  };

  const settingsCache = () => {
    const cache = new Map<string, Promise<WorkspaceSettings | undefined>>();
    // Per Slack workspace too: an organization's may set their own working time.
    return (person: Person) => {
      const key = settingsKey(person);
      const found = cache.get(key) ?? findWorkspaceSettings(db, person.workspaceId, person.homeTeamId);
      cache.set(key, found);
      return found;
    };
  };

  /** When the owner may get the nudge, or undefined when they get none (muted it, no settings). */
  async function nudgeTime(owner: Person, rules: WorkspaceSettings | undefined, now: DateTime): Promise<DateTime | undefined> {
    const personal = await findPersonalSettings(db, owner.id);
    if (!rules || !personal || personal.mutedNudges.includes('goal')) return undefined;
    return staleNudgeAt(now, owner.timezone, personal.pausedUntil, rules);
  }

  async function detectPage(bounds: StaleBounds, afterId: string | null, now: DateTime, rulesOf: ReturnType<typeof settingsCache>) {
    const page = await listStaleCandidates(db, bounds, { afterId, limit: PAGE });
    const counts = { stale: 0, queued: 0, closed: 0, lastId: page.at(-1)?.goal.id ?? null };
    if (page.length === 0) return counts;
    const [owners, updates] = await Promise.all([
      findPeopleByIds(db, [...new Set(page.map(({ goal }) => goal.ownerId))]).then((people) => new Map(people.map((p) => [p.id, p]))),
      lastUpdates(page.map(({ goal }) => goal)),
    ]);
    for (const { goal, episode } of page) {
      const owner = owners.get(goal.ownerId);
      const today = owner ? (now.setZone(owner.timezone).toISODate() ?? '') : '';
      const reason = owner && staleReason(goal, updates.get(goal.id) ?? goal.updatedAt, now, today);
      if (!reason) {
        if (episode) {
          await closeEpisode(db, episode.id);
          counts.closed += 1;
        }
        continue;
      }
      counts.stale += 1;
      const current = episode ?? (await openEpisode(db, goal, now.toJSDate()));
      if (current.nudgedAt || !owner || !isActive(owner)) continue;
      const at = await nudgeTime(owner, await rulesOf(owner), now);
      if (!at) continue;
      await queue.nudge(current.id, at);
      counts.queued += 1;
    }
    return counts;
  }

  return {
    async detect() {
      const now = clock.now();
      const { updatedBefore, targetBefore } = staleCandidateBounds(now);
      const bounds = { updatedBefore: updatedBefore.toJSDate(), targetBefore };
      const totals = { stale: 0, queued: 0, closed: await closeEpisodesOutside(db, bounds) };
      const rulesOf = settingsCache();
      let afterId: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof detectPage>> = await detectPage(bounds, afterId, now, rulesOf);
        totals.stale += page.stale;
        totals.queued += page.queued;
        totals.closed += page.closed;
        afterId = page.lastId;
      } while (afterId !== null);
      return totals;
    },

    async prepare(episodeId) {
      const episode = await findEpisode(db, episodeId);
      if (!episode || episode.nudgedAt) return undefined;
      // As the owner sees it, or nothing when the owner may no longer edit it (deactivated, erased).
      const detail = await goals.loadForOwner(episode.goalId);
      if (!detail) return undefined;
      const now = clock.now();
      const { goal, owner } = detail;
      const reason = staleReason(goal, detail.history[0]?.at ?? goal.updatedAt, now, goals.today(owner));
      if (!reason) return void (await closeEpisode(db, episode.id));
      const at = await nudgeTime(owner, await findWorkspaceSettings(db, goal.workspaceId, owner.homeTeamId), now);
      // Muted, paused or out of hours since it was queued: the detector queues it again for its new time.
      if (!at || at.toMillis() - now.toMillis() > EARLY_TOLERANCE_MS) return undefined;
      return { episodeId, detail, reason };
    },

    async complete(episodeId) {
      await markEpisodeNudged(db, episodeId, clock.now().toJSDate());
    },

    async forManager(actor) {
      const now = clock.now();
      const team = await goals.team(actor);
      const all = team.flatMap(({ goals: list }) => list);
      const updates = await lastUpdates(all);
      return team.flatMap(({ person, goals: list }) =>
        list.flatMap((goal) => {
          const reason = staleReason(goal, updates.get(goal.id) ?? goal.updatedAt, now, goals.today(person));
          return reason ? [{ goal, owner: person, reason }] : [];
        }),
      );
    },

    isOwnNudge: (actor, message) => isSentMessageOf(db, { personId: actor.id, kind: STALE_NUDGE_KIND, ...message }),
  };
}
