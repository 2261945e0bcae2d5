import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { AccessDeniedError } from '../domain/access-policy';
import type { GoalService } from '../services/goal.service';
import type { CadenceContext } from '../slack/context';
import { buildNoticeModal } from '../views/access';
import { CANNOT_SEE } from '../views/goal/goal.messages';
import { addKeyResultRow, draftFromState, type GoalDraft, removeKeyResultRow } from '../views/goal/goal-form.draft';
import { buildGoalFormModal } from '../views/goal/goal-form.modal';

/** How a button inside the goal form changes it: add a key result row, remove one, or just redraw. */
export type DraftChange = (draft: GoalDraft, value: string | undefined) => GoalDraft;

export const addRow: DraftChange = (draft) => addKeyResultRow(draft);
export const removeRow: DraftChange = (draft, value) => removeKeyResultRow(draft, Number(value));
/** A key result's kind or the target date changed: redraw with the inputs and tips that follow from it. */
export const redraw: DraftChange = (draft) => draft;

/**
 * Rebuilds the goal form in place (views.update) from what has been typed so far: Slack modals
 * cannot add inputs on the client. Nothing is stored until the form is submitted.
 */
export function goalFormChange(deps: { goals: GoalService }, change: DraftChange): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return async ({ ack, action, body, client, context }) => {
    await ack();
    const actor = context.actor;
    const view = body.view;
    if (!actor || view?.type !== 'modal') return;
    const draft = change(draftFromState(view.state.values, view.private_metadata), 'value' in action ? action.value : undefined);
    let rebuilt: ModalView;
    try {
      rebuilt = buildGoalFormModal(draft, { ...(await deps.goals.formOptions(actor, draft.goalId ?? undefined)), today: deps.goals.today(actor) });
    } catch (error) {
      // No longer theirs to edit (a manager who is not one any more): say so rather than redraw.
      if (!(error instanceof AccessDeniedError)) throw error;
      rebuilt = buildNoticeModal('Goal', CANNOT_SEE);
    }
    await client.views.update({ view_id: view.id, hash: view.hash, view: rebuilt });
  };
}
