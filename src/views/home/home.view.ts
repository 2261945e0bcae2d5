import type { HomeView, KnownBlock } from '@slack/types';
import type { GoalCard } from '../../services/goal.service';
import { context, divider, header, plain, section } from '../blocks';
import { goalCard } from '../goal/goal-card';
import type { GoalViewContext } from '../goal/goal.format';
import { HomeAction } from '../ids';

/** Room for the header, actions and footers within the Home tab's 100 blocks. */
const MAX_GOALS_SHOWN = 40;
const HOME_BLOCKS = 100;

/**
 * `goals`: the person's own, one block each with progress, status, days left and an Update button.
 * `sections`: further parts of the tab (team and company goals, people, admin), shown after the
 * goals, which make room for them.
 */
export function buildHomeView(input: { name: string; goals: readonly GoalCard[]; view: GoalViewContext; sections?: readonly KnownBlock[] }): HomeView {
  const { goals, view } = input;
  const sections = input.sections ?? [];
  // Four blocks above the goals, one per goal, one for "…and N more".
  const room = Math.max(0, HOME_BLOCKS - 4 - 1 - sections.length);
  const shown = goals.slice(0, Math.min(MAX_GOALS_SHOWN, room));
  const blocks: KnownBlock[] = [
    header(`Hi ${input.name}`),
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: HomeAction.NewGoal, text: plain('New goal'), style: 'primary' }],
    },
    divider(),
    section(`*My goals* (${goals.length})`),
  ];
  if (goals.length === 0) blocks.push(context('No goals yet. Create your first one with *New goal* or `/goal`.'));
  for (const card of shown) {
    blocks.push(goalCard(card.goal, view, { button: 'update', keyResults: card.keyResults, lastChange: card.lastChange, competencyName: card.competencyName }));
  }
  if (goals.length > shown.length) blocks.push(context(`…and ${goals.length - shown.length} more. See them all with \`/goal list\`.`));
  blocks.push(...sections);
  return { type: 'home', blocks };
}
