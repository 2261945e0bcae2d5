import type { ModalView } from '@slack/types';
import { GOAL_CATEGORIES, GOAL_LIMITS } from '../../domain/goal';
import { context, plain } from '../blocks';
import { CATEGORY_LABELS } from '../format';
import { CallbackId, GoalAction, GoalBlock } from '../ids';

const categoryOption = (category: (typeof GOAL_CATEGORIES)[number]) => ({
  text: plain(CATEGORY_LABELS[category]),
  value: category,
});

/** The "New goal" form. */
export function buildNewGoalModal(): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.NewGoal,
    title: plain('New goal'),
    submit: plain('Create goal'),
    close: plain('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: GoalBlock.Title,
        label: plain('Title'),
        element: {
          type: 'plain_text_input',
          action_id: GoalAction.Title,
          max_length: GOAL_LIMITS.titleMax,
          placeholder: plain('e.g. Cut p95 checkout latency to 300 ms'),
        },
      },
      {
        type: 'input',
        block_id: GoalBlock.Description,
        optional: true,
        label: plain('Description'),
        hint: plain('Why it matters and how you will know it is done.'),
        element: {
          type: 'plain_text_input',
          action_id: GoalAction.Description,
          multiline: true,
          max_length: GOAL_LIMITS.descriptionMax,
        },
      },
      {
        type: 'input',
        block_id: GoalBlock.TargetDate,
        optional: true,
        label: plain('Target date'),
        element: { type: 'datepicker', action_id: GoalAction.TargetDate },
      },
      {
        type: 'input',
        block_id: GoalBlock.Category,
        label: plain('Category'),
        element: {
          type: 'static_select',
          action_id: GoalAction.Category,
          options: GOAL_CATEGORIES.map(categoryOption),
          initial_option: categoryOption('performance'),
        },
      },
      context(':lock: Who sees this goal: you, your manager and your HR admins.'),
    ],
  };
}
