import { z } from 'zod';
import type { GoalField, NewGoalInput } from '../../domain/goal';
import { GoalAction, GoalBlock } from '../ids';

const text = z.object({ value: z.string().nullish() }).optional();
const date = z.object({ selected_date: z.string().nullish() }).optional();
const select = z.object({ selected_option: z.object({ value: z.string() }).nullish() }).optional();

const stateSchema = z.object({
  [GoalBlock.Title]: z.object({ [GoalAction.Title]: text }).optional(),
  [GoalBlock.Description]: z.object({ [GoalAction.Description]: text }).optional(),
  [GoalBlock.TargetDate]: z.object({ [GoalAction.TargetDate]: date }).optional(),
  [GoalBlock.Category]: z.object({ [GoalAction.Category]: select }).optional(),
});

/** Reads the new-goal form's state; rules are the domain's job (validateNewGoal). */
export function parseNewGoalState(values: unknown): NewGoalInput {
  const state = stateSchema.parse(values);
  return {
    title: state[GoalBlock.Title]?.[GoalAction.Title]?.value ?? '',
    description: state[GoalBlock.Description]?.[GoalAction.Description]?.value ?? null,
    targetDate: state[GoalBlock.TargetDate]?.[GoalAction.TargetDate]?.selected_date ?? null,
    category: state[GoalBlock.Category]?.[GoalAction.Category]?.selected_option?.value ?? null,
  };
}

/** Where each field's error shows in the modal. */
export const goalFieldBlocks: Record<GoalField, string> = {
  title: GoalBlock.Title,
  description: GoalBlock.Description,
  targetDate: GoalBlock.TargetDate,
  category: GoalBlock.Category,
};
