import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { AccessDeniedError } from '../domain/access-policy';
import type { Logger } from '../lib/logger';
import type { GoalService } from '../services/goal.service';
import type { CadenceContext } from '../slack/context';
import { actionListener } from '../slack/listener';
import { buildNoticeModal } from '../views/access';
import { addKeyResultRow, draftFromState, type GoalDraft, removeKeyResultRow } from '../views/goal/goal-form.draft';
import { buildGoalFormModal } from '../views/goal/goal-form.modal';
import { CANNOT_SEE } from '../views/goal/goal.messages';

/** How a button inside the goal form changes it: add a key result row, remove one, or just redraw. */
export type DraftChange = (draft: GoalDraft, value: string | undefined) => GoalDraft;

export const addRow: DraftChange = (draft) => addKeyResultRow(draft);
export const removeRow: DraftChange = (draft, value) => removeKeyResultRow(draft, Number(value));
/** A key result's kind or the target date changed: redraw with the inputs and tips that follow from it. */
export const redraw: DraftChange = (draft) => draft;

/**
 * Rebuilds the goal form in place (views.update) from what has been typed so far: Slack modals
 * cannot add inputs on the client. Nothing is stored until the form is submitted. A form that is
 * no longer theirs to edit (a manager who is not one any more) says so rather than redraw.
 */
export function goalFormChange(deps: { goals: GoalService; logger: Logger }, change: DraftChange): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return actionListener({
    name: 'update the goal form',
    logger: deps.logger,
    notices: { title: 'Goal' },
    async handle(actor, { value, body }) {
      const view = body.view;
      if (view?.type !== 'modal') return { nothing: true };
      const draft = change(draftFromState(view.state.values, view.private_metadata), value);
      try {
        const options = await deps.goals.formOptions(actor, draft.goalId ?? undefined);
        return { modal: buildGoalFormModal(draft, { ...options, today: deps.goals.today(actor) }), place: 'replace' };
      } catch (error) {
        if (!(error instanceof AccessDeniedError)) throw error;
        return { modal: buildNoticeModal('Goal', CANNOT_SEE), place: 'replace' };
      }
    },
  });
}
