import { DateTime } from 'luxon';
import { type KeyResultField, type KeyResultInput, MAX_KEY_RESULTS, type ValidKeyResult, validateKeyResult, validateWeight } from './key-result';

export const GOAL_CATEGORIES = ['performance', 'development', 'stretch'] as const;
export type GoalCategory = (typeof GOAL_CATEGORIES)[number];

export const GOAL_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred', 'archived'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Company goals are set by HR admins, team goals by people who lead a team; everyone has individual goals. */
export const GOAL_LEVELS = ['company', 'team', 'individual'] as const;
export type GoalLevel = (typeof GOAL_LEVELS)[number];

/** Public goals are visible to the whole workspace; private ones to the owner, their managers and HR admins. */
export const GOAL_VISIBILITIES = ['private', 'public'] as const;
export type GoalVisibility = (typeof GOAL_VISIBILITIES)[number];

export const GOAL_LIMITS = { titleMax: 150, descriptionMax: 3000, noteMax: 3000, yearsAhead: 5 } as const;

export interface Goal {
  id: string;
  workspaceId: string;
  ownerId: string;
  title: string;
  description: string | null;
  category: GoalCategory;
  level: GoalLevel;
  /** The goal this one is aligned to (counts towards). */
  parentId: string | null;
  /** How much it counts among the goals aligned to the same parent. */
  weight: number;
  /** A calendar day ('YYYY-MM-DD'), meaningful in the owner's timezone. */
  targetDate: string | null;
  status: GoalStatus;
  visibility: GoalVisibility;
  /** 0..100, derived from key results or aligned goals (domain/progress.ts). */
  progress: number;
  /** A development goal's competency (of the review framework); null: untagged. */
  competencyId: string | null;
  createdAt: DateTime;
  updatedAt: DateTime;
}

/**
 * What someone typed into the goal form, before any rule is applied. Fields a caller leaves out
 * take their defaults on create (an individual, private goal of weight 1 with no key results)
 * and stay as they are on edit.
 */
export interface GoalInput {
  title: string;
  description: string | null;
  category: string | null;
  targetDate: string | null;
  level?: string | null;
  visibility?: string | null;
  /** The goal to align to; null for none. */
  parentId?: string | null;
  weight?: string | null;
  keyResults?: readonly KeyResultInput[];
  /** Why it changed, for the history. */
  note?: string | null;
  /** The competency a development goal builds; null for none. */
  competencyId?: string | null;
}

export interface ValidGoal {
  title: string;
  description: string | null;
  category: GoalCategory;
  level: GoalLevel;
  visibility: GoalVisibility;
  targetDate: string | null;
  parentId: string | null;
  weight: number;
  keyResults: ValidKeyResult[];
  note: string | null;
  /** Undefined: left as it is (a caller that does not set it). */
  competencyId: string | null | undefined;
}

export type GoalField = 'title' | 'description' | 'category' | 'level' | 'visibility' | 'targetDate' | 'parent' | 'weight' | 'keyResults' | 'note' | 'competency';
/** A goal field, or one field of the key result at that position in the form. */
export type GoalErrorKey = GoalField | `kr.${number}.${KeyResultField}`;

export type FieldErrors<F extends string> = Partial<Record<F, string>>;
export type Validated<T, F extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

/** What the rules depend on besides the input. */
export interface GoalRulesContext {
  /** The calendar day in the owner's own timezone, so "not in the past" means what they see. */
  today: string;
  /** The levels the owner may hold a goal at (the access policy decides). */
  allowedLevels: readonly GoalLevel[];
  /** When editing: the goal as it is. A date or level it already has is not questioned again. */
  current?: Pick<Goal, 'targetDate' | 'level'>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Goal ids come back from buttons and forms anyone can craft: check the shape before a query does. */
export const isGoalId = (value: string): boolean => UUID.test(value);

function oneOf<T extends string>(values: readonly T[], value: string | null | undefined): T | undefined {
  return (values as readonly string[]).includes(value ?? '') ? (value as T) : undefined;
}

const LEVEL_REFUSED: Record<GoalLevel, string> = {
  company: 'Only HR admins can own company goals.',
  team: 'Team goals belong to people who lead a team. Pick Individual, or ask your manager to own it.',
  individual: 'This goal cannot be an individual goal.',
};

function validateTitle(raw: string): { title: string; error?: string } {
  const title = raw.trim();
  if (title.length === 0) return { title, error: 'Give your goal a title.' };
  if (title.length > GOAL_LIMITS.titleMax) return { title, error: `Keep the title to ${GOAL_LIMITS.titleMax} characters or fewer (this one has ${title.length}).` };
  return { title };
}

/** A target date: a real day, not before the owner's today, within GOAL_LIMITS.yearsAhead; a date the goal has already is let be. */
export function validateTargetDate(raw: string | null, context: Pick<GoalRulesContext, 'today' | 'current'>): { targetDate: string | null; error?: string } {
  const targetDate = raw?.trim() || null;
  if (!targetDate || targetDate === context.current?.targetDate) return { targetDate };
  const target = DateTime.fromISO(targetDate, { zone: 'utc' });
  const start = DateTime.fromISO(context.today, { zone: 'utc' });
  const latest = start.plus({ years: GOAL_LIMITS.yearsAhead });
  if (!target.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(targetDate)) return { targetDate, error: 'Pick a valid date.' };
  if (target < start) return { targetDate, error: 'The target date is in the past. Pick today or a later day.' };
  if (target > latest) return { targetDate, error: `Pick a target date within ${GOAL_LIMITS.yearsAhead} years (by ${latest.toISODate()}).` };
  return { targetDate };
}

/** A note for the history: optional, trimmed, bounded. */
export function validateNote(raw: string | null | undefined): { note: string | null; error?: string } {
  const note = raw?.trim() || null;
  if (note && note.length > GOAL_LIMITS.noteMax) return { note, error: `Keep the note to ${GOAL_LIMITS.noteMax.toLocaleString('en-US')} characters or fewer.` };
  return { note };
}

/**
 * The rules a goal must meet, on create and on edit. Whether the parent exists, is visible to
 * the owner and makes no loop needs the database: the service checks that after these.
 */
export function validateGoal(input: GoalInput, context: GoalRulesContext): Validated<ValidGoal, GoalErrorKey> {
  const errors: FieldErrors<GoalErrorKey> = {};
  const { title, error: titleError } = validateTitle(input.title);
  if (titleError) errors.title = titleError;

  const description = input.description?.trim() || null;
  if (description && description.length > GOAL_LIMITS.descriptionMax)
    errors.description = `Keep the description to ${GOAL_LIMITS.descriptionMax.toLocaleString('en-US')} characters or fewer.`;

  const category = oneOf(GOAL_CATEGORIES, input.category);
  if (!category) errors.category = `Choose a category: ${GOAL_CATEGORIES.join(', ')}.`;

  const level = input.level == null ? (context.current?.level ?? 'individual') : oneOf(GOAL_LEVELS, input.level);
  if (!level) errors.level = `Choose a level: ${GOAL_LEVELS.join(', ')}.`;
  else if (level !== context.current?.level && !context.allowedLevels.includes(level)) errors.level = LEVEL_REFUSED[level];

  const visibility = input.visibility == null ? 'private' : oneOf(GOAL_VISIBILITIES, input.visibility);
  if (!visibility) errors.visibility = 'Choose who can see this goal.';

  const { targetDate, error: dateError } = validateTargetDate(input.targetDate, context);
  if (dateError) errors.targetDate = dateError;

  const parentId = input.parentId?.trim() || null;
  if (parentId && !isGoalId(parentId)) errors.parent = 'Pick the goal to align to from the list.';

  const competencyId = input.competencyId === undefined ? undefined : input.competencyId?.trim() || null;
  if (competencyId && !UUID.test(competencyId)) errors.competency = 'Pick the competency from the list.';

  const weight = validateWeight(input.weight ?? null);
  if ('error' in weight) errors.weight = weight.error;

  const keyResults: ValidKeyResult[] = [];
  const krInputs = input.keyResults ?? [];
  if (krInputs.length > MAX_KEY_RESULTS) errors.keyResults = `A goal has at most ${MAX_KEY_RESULTS} key results; remove ${krInputs.length - MAX_KEY_RESULTS}.`;
  krInputs.forEach((kr, index) => {
    const checked = validateKeyResult(kr);
    if (checked.ok) keyResults.push(checked.value);
    else for (const [field, message] of Object.entries(checked.errors)) errors[`kr.${index}.${field as KeyResultField}`] = message;
  });

  const { note, error: noteError } = validateNote(input.note);
  if (noteError) errors.note = noteError;

  if (Object.keys(errors).length > 0 || !category || !level || !visibility || 'error' in weight) return { ok: false, errors };
  return { ok: true, value: { title, description, category, level, visibility, targetDate, parentId, weight: weight.value, keyResults, note, competencyId } };
}
