import type { Db } from '../db/client';
import { AccessDeniedError, can } from '../domain/access-policy';
import { type Goal, type GoalErrorKey, type GoalInput, type GoalLevel, isGoalId, type Validated } from '../domain/goal';
import type { GoalEvent } from '../domain/goal-history';
import type { KeyResult } from '../domain/key-result';
import type { Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { findGoalById, findGoalsByIds, listChildGoals, listGoalsByOwner, listGoalsByOwners, listSharedGoals } from '../repositories/goal.repository';
import { findGoalEvent, latestGoalEvents, listGoalEvents } from '../repositories/goal-event.repository';
import { listKeyResults } from '../repositories/key-result.repository';
import { findPeopleByIds, findPersonById } from '../repositories/person.repository';
import { findCompetencyNames } from '../repositories/review-template.repository';
import type { AccessService } from './access.service';
import { competenciesFor } from './competencies';
import { createGoalAccess } from './goal-access';
import { createAlignment } from './goal-alignment';
import { type AlignErrorKey, type AlignInput, createGoalWrites, type ExtendErrorKey, type ExtendInput, type ProgressErrorKey, type ProgressInput } from './goal-writes';

export type { AlignErrorKey, AlignInput, ExtendErrorKey, ExtendInput, ProgressErrorKey, ProgressInput } from './goal-writes';

/** What happens after a goal changes, carried out elsewhere (queued DMs in production). */
export interface GoalEvents {
  goalCreated(goal: Goal): Promise<void>;
  /** Someone other than the owner changed the goal (a manager): the owner hears of it. */
  goalChangedByOther(change: { eventId: number }): Promise<void>;
  /** A goal changed (and with it the goals above it): copies of them elsewhere need updating. */
  goalsChanged?(goalIds: readonly string[]): Promise<void>;
}

/** A goal as lists show it: with its key results and the newest entry of its history. */
export interface GoalCard {
  goal: Goal;
  keyResults: KeyResult[];
  lastChange: GoalEvent | undefined;
  /** The competency a development goal builds, by name. */
  competencyName?: string | undefined;
}

/** Someone's goals as the actor may see them: all of them, or only the public ones. */
export interface GoalListing {
  cards: GoalCard[];
  scope: 'all' | 'public';
  /** The actor may update these goals (their own, or a report's). */
  canEdit: boolean;
}

/** One goal in full, as one person may see it. */
export interface GoalDetail extends GoalCard {
  owner: Person;
  canEdit: boolean;
  /** Newest first, at most HISTORY_LIMIT entries. */
  history: GoalEvent[];
  /** What it is aligned to; 'hidden' when the viewer may not see that goal. */
  parent: Goal | 'hidden' | null;
  /** Aligned goals (not archived) the viewer may see, and how many others count towards it. */
  children: Goal[];
  hiddenChildren: number;
  /** Titles of the goals the history mentions (alignment changes), where the viewer may see them. */
  goalTitles: ReadonlyMap<string, string>;
}

export interface TeamMember {
  person: Person;
  goals: Goal[];
}

export interface SharedGoal {
  goal: Goal;
  owner: Person;
}

/** What the goal form offers: the levels the owner may use, the goals they may align to and the competencies for them. */
export interface GoalFormOptions {
  levels: GoalLevel[];
  parents: Goal[];
  competencies: Array<{ id: string; name: string }>;
}

const HISTORY_LIMIT = 10;

export interface GoalService {
  /** Today's date where the person is: the day their deadlines are measured against. */
  today(person: Person): string;
  /** The form's choices for a new goal of the actor's, or for editing `goalId`. */
  formOptions(actor: Person, goalId?: string): Promise<GoalFormOptions>;
  create(actor: Person, input: GoalInput): Promise<Validated<GoalDetail, GoalErrorKey>>;
  edit(actor: Person, goalId: string, input: GoalInput): Promise<Validated<GoalDetail, GoalErrorKey>>;
  /** New key result values, status and a note. */
  updateProgress(actor: Person, goalId: string, input: ProgressInput): Promise<Validated<GoalDetail, ProgressErrorKey>>;
  align(actor: Person, goalId: string, input: AlignInput): Promise<Validated<GoalDetail, AlignErrorKey>>;
  /** A new target date: not in the past on the owner's calendar, within five years. */
  extend(actor: Person, goalId: string, input: ExtendInput): Promise<Validated<GoalDetail, ExtendErrorKey>>;
  /** A goal as the actor may see it. Throws AccessDeniedError when they may not. */
  details(actor: Person, goalId: string): Promise<GoalDetail>;
  /** A goal the actor may change, for its forms. Throws AccessDeniedError when they may not. */
  forEdit(actor: Person, goalId: string): Promise<GoalDetail>;
  /** The owner's goals the actor may see. Throws AccessDeniedError rather than answer with an empty list. */
  listFor(actor: Person, owner: Person): Promise<GoalListing>;
  /** The goals the actor owns. */
  listOwn(actor: Person): Promise<GoalCard[]>;
  /** The actor's direct reports with the goals the actor may see; empty for someone without reports. */
  team(actor: Person): Promise<TeamMember[]>;
  /** Public company and team goals of other people. */
  shared(actor: Person): Promise<SharedGoal[]>;
  /** For system work (notifications): the goal as its owner sees it. */
  loadForOwner(goalId: string): Promise<GoalDetail | undefined>;
  /** For system work (notifications): one entry of a goal's history, with the goal as its owner sees it. */
  loadChangeForOwner(eventId: number): Promise<{ detail: GoalDetail; event: GoalEvent } | undefined>;
}

const denied = () => new AccessDeniedError('goal.view', 'not_permitted');

export function createGoalService(deps: { db: Db; clock: Clock; events: GoalEvents; access: AccessService }): GoalService {
  const { db, clock, events, access } = deps;
  const today = (person: Person) => clock.now().setZone(person.timezone).toISODate() ?? '';
  const goalAccess = createGoalAccess({ access });
  const alignment = createAlignment({ db, access, goalAccess });

  const cardsOf = async (goals: readonly Goal[]): Promise<GoalCard[]> => {
    const ids = goals.map((goal) => goal.id);
    const tagged = [...new Set(goals.flatMap((goal) => (goal.competencyId ? [goal.competencyId] : [])))];
    const [keyResults, latest, names] = await Promise.all([
      listKeyResults(db, ids),
      latestGoalEvents(db, ids),
      // Read only when a goal is tagged: untagged lists cost no statement more.
      tagged.length > 0 ? findCompetencyNames(db, tagged) : new Map<string, string>(),
    ]);
    return goals.map((goal) => ({
      goal,
      keyResults: keyResults.get(goal.id) ?? [],
      lastChange: latest.get(goal.id),
      competencyName: goal.competencyId ? names.get(goal.competencyId) : undefined,
    }));
  };

  /** A goal that exists, or the same refusal as for one the actor may not see (ids come from buttons anyone can craft). */
  const load = async (goalId: string): Promise<Goal> => {
    const goal = isGoalId(goalId) ? await findGoalById(db, goalId) : undefined;
    if (!goal) throw denied();
    return goal;
  };

  async function detailOf(viewer: Person, goal: Goal, canEdit: boolean): Promise<GoalDetail> {
    const [owner, [card], history, children, parent] = await Promise.all([
      findPersonById(db, goal.ownerId),
      cardsOf([goal]),
      listGoalEvents(db, goal.id, HISTORY_LIMIT),
      listChildGoals(db, goal.id),
      goal.parentId ? findGoalById(db, goal.parentId) : undefined,
    ]);
    if (!owner || !card) throw denied();
    const counted = children.filter((child) => child.status !== 'archived');
    const mentioned = history.flatMap((event) =>
      event.changes.flatMap((change) => (change.type === 'field' && change.field === 'parent' ? [change.from, change.to] : [])),
    );
    const ids = [...new Set(mentioned.filter((id): id is string => typeof id === 'string'))];
    const [visibleChildren, visibleParent, named] = await Promise.all([
      goalAccess.visible(viewer, counted),
      parent ? goalAccess.visible(viewer, [parent]) : [],
      findGoalsByIds(db, ids).then((goals) => goalAccess.visible(viewer, goals)),
    ]);
    return {
      ...card,
      owner,
      canEdit,
      history,
      parent: parent ? (visibleParent[0] ?? 'hidden') : null,
      children: visibleChildren,
      hiddenChildren: counted.length - visibleChildren.length,
      goalTitles: new Map(named.map((g) => [g.id, g.title])),
    };
  }

  const details = async (actor: Person, goalId: string) => {
    const goal = await load(goalId);
    await goalAccess.authorizeView(actor, goal);
    return detailOf(actor, goal, await goalAccess.canEdit(actor, goal));
  };

  const forEdit = async (actor: Person, goalId: string) => {
    const goal = await load(goalId);
    await goalAccess.authorizeEdit(actor, goal);
    return detailOf(actor, goal, true);
  };

  const listFor = async (actor: Person, owner: Person): Promise<GoalListing> => {
    const [subject, context] = await Promise.all([access.subject(owner), access.context(owner)]);
    // Whoever may see the owner's private goals sees them all; anyone else, goal by goal.
    const everything = can(actor, 'goal.view', { owner: subject, visibility: 'private' }, context);
    if (!everything.allowed && everything.reason !== 'not_permitted') throw new AccessDeniedError('goal.view', everything.reason);
    const canEdit = can(actor, 'goal.edit', { owner: subject, visibility: 'private' }, context).allowed;
    const goals = await listGoalsByOwner(db, owner.id);
    if (everything.allowed) return { cards: await cardsOf(goals), scope: 'all', canEdit };
    const visible = goals.filter((goal) => can(actor, 'goal.view', { owner: subject, visibility: goal.visibility }, context).allowed);
    // "No goals" would hide that private ones exist: refuse instead.
    if (visible.length === 0) throw new AccessDeniedError('goal.view', everything.reason);
    return { cards: await cardsOf(visible), scope: 'public', canEdit };
  };

  const writes = createGoalWrites({ db, clock, access, goalAccess, alignment, today, load, view: forEdit });

  const loadForOwner = async (goalId: string): Promise<GoalDetail | undefined> => {
    const goal = await findGoalById(db, goalId);
    const owner = goal && (await findPersonById(db, goal.ownerId));
    if (!goal || !owner) return undefined;
    try {
      return await forEdit(owner, goalId);
    } catch (error) {
      // Deactivated since: the owner receives nothing anyway.
      if (error instanceof AccessDeniedError) return undefined;
      throw error;
    }
  };

  /** A goal and every goal above it, whose progress a change rolls up into. */
  const withAncestors = async (goal: Goal): Promise<string[]> => {
    const ids = [goal.id];
    let parentId = goal.parentId;
    while (parentId && !ids.includes(parentId)) {
      ids.push(parentId);
      parentId = (await findGoalById(db, parentId))?.parentId ?? null;
    }
    return ids;
  };

  /** After a committed change: tells the owner when it was someone else's doing. */
  const afterChange = async <F extends string>(actor: Person, result: Validated<GoalDetail, F>): Promise<Validated<GoalDetail, F>> => {
    const latest = result.ok ? result.value.history[0] : undefined;
    if (result.ok && latest && latest.actor?.id === actor.id && actor.id !== result.value.goal.ownerId) {
      await events.goalChangedByOther({ eventId: latest.id });
    }
    if (result.ok && events.goalsChanged) await events.goalsChanged(await withAncestors(result.value.goal));
    return result;
  };

  return {
    today,
    async formOptions(actor, goalId) {
      const goal = goalId ? await load(goalId) : undefined;
      if (goal) await goalAccess.authorizeEdit(actor, goal);
      const owner = goal && goal.ownerId !== actor.id ? await findPersonById(db, goal.ownerId) : actor;
      if (!owner) throw denied();
      const [levels, parents, competencies] = await Promise.all([
        goalAccess.allowedLevels(actor, owner),
        alignment.candidates({ actor, owner }, goal?.id ?? null),
        competenciesFor(db, owner),
      ]);
      return { levels, parents, competencies: competencies.map(({ id, name }) => ({ id, name })) };
    },
    async create(actor, input) {
      const created = await writes.create(actor, input);
      if (created.ok) await events.goalCreated(created.value.goal);
      return created;
    },
    edit: async (actor, goalId, input) => afterChange(actor, await writes.edit(actor, goalId, input)),
    updateProgress: async (actor, goalId, input) => afterChange(actor, await writes.updateProgress(actor, goalId, input)),
    align: async (actor, goalId, input) => afterChange(actor, await writes.align(actor, goalId, input)),
    extend: async (actor, goalId, input) => afterChange(actor, await writes.extend(actor, goalId, input)),
    details,
    forEdit,
    listFor,
    listOwn: async (actor) => (await listFor(actor, actor)).cards,
    async team(actor) {
      const reportIds = await access.reports(actor);
      const [people, goals] = await Promise.all([findPeopleByIds(db, reportIds), listGoalsByOwners(db, reportIds)]);
      const visible = await goalAccess.visible(actor, goals);
      return people
        .filter((person) => !person.erased)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((person) => ({ person, goals: visible.filter((goal) => goal.ownerId === person.id) }));
    },
    async shared(actor) {
      const goals = await goalAccess.visible(actor, (await listSharedGoals(db, actor.workspaceId)).filter((goal) => goal.ownerId !== actor.id));
      const owners = new Map((await findPeopleByIds(db, [...new Set(goals.map((goal) => goal.ownerId))])).map((person) => [person.id, person]));
      return goals.flatMap((goal) => {
        const owner = owners.get(goal.ownerId);
        return owner ? [{ goal, owner }] : [];
      });
    },
    loadForOwner,
    async loadChangeForOwner(eventId) {
      const event = await findGoalEvent(db, eventId);
      const detail = event && (await loadForOwner(event.goalId));
      return event && detail ? { detail, event } : undefined;
    },
  };
}
