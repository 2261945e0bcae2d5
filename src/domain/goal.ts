import { DateTime } from 'luxon';

export const GOAL_CATEGORIES = ['performance', 'development', 'stretch'] as const;
export type GoalCategory = (typeof GOAL_CATEGORIES)[number];

export const GOAL_STATUSES = ['not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred', 'archived'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

/** Public goals are visible to the whole workspace; private ones to the owner, their managers and HR admins. */
export type GoalVisibility = 'public' | 'private';

export const GOAL_LIMITS = { titleMax: 150, descriptionMax: 3000, yearsAhead: 5 } as const;

export interface Goal {
  id: string;
  workspaceId: string;
  ownerId: string;
  title: string;
  description: string | null;
  category: GoalCategory;
  /** A calendar day ('YYYY-MM-DD'), meaningful in the owner's timezone. */
  targetDate: string | null;
  status: GoalStatus;
  visibility: GoalVisibility;
  createdAt: DateTime;
}

/** What someone typed into the new-goal form, before any rule is applied. */
export interface NewGoalInput {
  title: string;
  description: string | null;
  category: string | null;
  targetDate: string | null;
}

export interface ValidNewGoal {
  title: string;
  description: string | null;
  category: GoalCategory;
  targetDate: string | null;
}

export type GoalField = keyof NewGoalInput;
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export type Validated<T, F extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

function isCategory(value: string | null): value is GoalCategory {
  return (GOAL_CATEGORIES as readonly string[]).includes(value ?? '');
}

/**
 * The rules a new goal must meet. `today` is the calendar day in the owner's own timezone,
 * so "not in the past" means what the owner sees on their calendar.
 */
export function validateNewGoal(input: NewGoalInput, today: string): Validated<ValidNewGoal, GoalField> {
  const errors: FieldErrors<GoalField> = {};
  const title = input.title.trim();
  if (title.length === 0) errors.title = 'Give your goal a title.';
  else if (title.length > GOAL_LIMITS.titleMax)
    errors.title = `Keep the title to ${GOAL_LIMITS.titleMax} characters or fewer (this one has ${title.length}).`;

  const description = input.description?.trim() || null;
  if (description && description.length > GOAL_LIMITS.descriptionMax)
    errors.description = `Keep the description to ${GOAL_LIMITS.descriptionMax.toLocaleString('en-US')} characters or fewer.`;

  if (!isCategory(input.category)) errors.category = `Choose a category: ${GOAL_CATEGORIES.join(', ')}.`;

  const targetDate = input.targetDate?.trim() || null;
  if (targetDate) {
    const target = DateTime.fromISO(targetDate, { zone: 'utc' });
    const start = DateTime.fromISO(today, { zone: 'utc' });
    const latest = start.plus({ years: GOAL_LIMITS.yearsAhead });
    if (!target.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(targetDate)) errors.targetDate = 'Pick a valid date.';
    else if (target < start) errors.targetDate = 'The target date is in the past. Pick today or a later day.';
    else if (target > latest)
      errors.targetDate = `Pick a target date within ${GOAL_LIMITS.yearsAhead} years (by ${latest.toISODate()}).`;
  }

  if (Object.keys(errors).length > 0 || !isCategory(input.category)) return { ok: false, errors };
  return { ok: true, value: { title, description, category: input.category, targetDate } };
}
