import type { KnownBlock, ModalView } from '@slack/types';
import type { Person } from '../../domain/person';
import type { GoalListing } from '../../services/goal.service';
import { context, plain } from '../blocks';
import { draftButton } from '../ai/draft.modal';
import { AiAction, CallbackId } from '../ids';
import { mention } from '../people/people.format';
import { goalCard } from './goal-card';
import type { GoalViewContext } from './goal.format';

/** A report's goals, for their manager, with a button on each to update it. */
export function buildReportGoalsModal(person: Person, listing: GoalListing, view: GoalViewContext, options: { offerPrep?: boolean } = {}): ModalView {
  const blocks: KnownBlock[] = [context(`Goals of ${mention(person)} (${listing.cards.length})`)];
  if (options.offerPrep) blocks.push(draftButton(AiAction.Prep, 'Prepare for a 1:1', person.id));
  // Slack's 100 blocks, less the heading (and the button) and the "…and N more" line.
  const room = 100 - blocks.length - 1;
  const shown = listing.cards.slice(0, room);
  if (listing.cards.length === 0) blocks.push(context('No goals yet.'));
  for (const card of shown) {
    blocks.push(goalCard(card.goal, view, { button: listing.canEdit ? 'update' : 'details', keyResults: card.keyResults, lastChange: card.lastChange, competencyName: card.competencyName }));
  }
  if (listing.cards.length > shown.length) blocks.push(context(`…and ${listing.cards.length - shown.length} more.`));
  return { type: 'modal', callback_id: CallbackId.ReportGoals, title: plain('Team goals'), close: plain('Close'), blocks };
}
