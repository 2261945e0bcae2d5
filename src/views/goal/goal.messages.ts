import type { KnownBlock } from '@slack/types';
import type { Goal } from '../../domain/goal';
import { context, divider, escapeMrkdwn, header, LIMITS, section } from '../blocks';
import { goalSummary } from '../format';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export function buildGoalCreatedMessage(goal: Goal, today: string): SlackMessage {
  const blocks: KnownBlock[] = [
    section(`:dart: *New goal saved:* ${escapeMrkdwn(goal.title)}`),
    context(goalSummary(goal, today)),
  ];
  if (goal.description) blocks.splice(1, 0, section(escapeMrkdwn(goal.description)));
  blocks.push(context('See all your goals with `/goal list`.'));
  return { text: `New goal saved: ${escapeMrkdwn(goal.title)}`, blocks };
}

/** One section per goal, cut short (with a count) before Slack's 50-block message limit. */
export function buildGoalListMessage(goals: readonly Goal[], today: string): SlackMessage {
  if (goals.length === 0) {
    return {
      text: 'You have no goals yet.',
      blocks: [section('You have no goals yet. Create one with `/goal`.')],
    };
  }
  const room = LIMITS.messageBlocks - 3;
  const shown = goals.slice(0, room);
  const blocks: KnownBlock[] = [
    header(`Your goals (${goals.length})`),
    divider(),
    ...shown.map((goal) => section(`*${escapeMrkdwn(goal.title)}*\n${goalSummary(goal, today)}`)),
  ];
  if (goals.length > shown.length) blocks.push(context(`…and ${goals.length - shown.length} more.`));
  return { text: `Your goals (${goals.length})`, blocks };
}

export const GOAL_USAGE = [
  '*`/goal`* — create a goal',
  '*`/goal list`* — see your goals',
  '*`/goal help`* — this help',
].join('\n');

export function buildGoalHelpMessage(unknownSubcommand?: string): SlackMessage {
  const intro = unknownSubcommand
    ? `I don't know \`/goal ${escapeMrkdwn(unknownSubcommand)}\`. Here is what I can do:`
    : 'Goals keep track of what you are working towards. Here is what I can do:';
  return { text: intro, blocks: [section(intro), section(GOAL_USAGE)] };
}

export function buildErrorMessage(text: string): SlackMessage {
  return { text, blocks: [section(`:warning: ${text}`)] };
}
