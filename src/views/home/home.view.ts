import type { HomeView, KnownBlock } from '@slack/types';
import type { Goal } from '../../domain/goal';
import { context, divider, escapeMrkdwn, header, plain, section } from '../blocks';
import { goalSummary } from '../format';
import { HomeAction } from '../ids';

/** Room for the header, actions and footers within the Home tab's 100 blocks. */
const MAX_GOALS_SHOWN = 40;
const HOME_BLOCKS = 100;

/** `sections`: further parts of the tab (people, admin), shown after the goals, which make room for them. */
export function buildHomeView(input: { name: string; goals: readonly Goal[]; today: string; sections?: readonly KnownBlock[] }): HomeView {
  const { goals, today } = input;
  const sections = input.sections ?? [];
  // Four blocks above the goals, two per goal, one for "…and N more".
  const room = Math.floor((HOME_BLOCKS - 4 - 1 - sections.length) / 2);
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
  for (const goal of shown) {
    blocks.push(section(`*${escapeMrkdwn(goal.title)}*`), context(goalSummary(goal, today)));
  }
  if (goals.length > shown.length) blocks.push(context(`…and ${goals.length - shown.length} more. See them all with \`/goal list\`.`));
  blocks.push(...sections);
  return { type: 'home', blocks };
}
