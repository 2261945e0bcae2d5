import type { HomeView, KnownBlock } from '@slack/types';
import type { Goal } from '../../domain/goal';
import { context, divider, escapeMrkdwn, header, plain, section } from '../blocks';
import { goalSummary } from '../format';
import { HomeAction } from '../ids';

/** Room for the header, actions and footers within the Home tab's 100 blocks. */
const MAX_GOALS_SHOWN = 40;

export function buildHomeView(input: { name: string; goals: readonly Goal[]; today: string }): HomeView {
  const { goals, today } = input;
  const shown = goals.slice(0, MAX_GOALS_SHOWN);
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
  for (const goal of shown) {
    blocks.push(section(`*${escapeMrkdwn(goal.title)}*`), context(goalSummary(goal, today)));
  }
  if (goals.length > shown.length) blocks.push(context(`…and ${goals.length - shown.length} more. See them all with \`/goal list\`.`));
  return { type: 'home', blocks };
}
