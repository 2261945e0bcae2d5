/** Every callback_id, block_id and action_id, once, so builders, parsers and listeners agree. */
export const CallbackId = {
  NewGoal: 'goal_new',
} as const;

export const GoalBlock = {
  Title: 'goal_title',
  Description: 'goal_description',
  TargetDate: 'goal_target_date',
  Category: 'goal_category',
} as const;

export const GoalAction = {
  Title: 'title',
  Description: 'description',
  TargetDate: 'target_date',
  Category: 'category',
} as const;

export const HomeAction = {
  NewGoal: 'home_new_goal',
} as const;
