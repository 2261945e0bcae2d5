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

/** Whose goals a list shows when they are not the reader's own. */
export interface GoalOwner {
  name: string;
  /** The reader may see only this person's public goals. */
  publicOnly: boolean;
}

/** One section per goal, cut short (with a count) before Slack's 50-block message limit. */
export function buildGoalListMessage(goals: readonly Goal[], today: string, owner?: GoalOwner): SlackMessage {
  if (goals.length === 0) {
    const text = owner ? `${owner.name} has no goals yet.` : 'You have no goals yet.';
    return { text, blocks: [section(owner ? escapeMrkdwn(text) : `${text} Create one with \`/goal\`.`)] };
  }
  const title = `${owner ? `${owner.name}'s ${owner.publicOnly ? 'public goals' : 'goals'}` : 'Your goals'} (${goals.length})`;
  const room = LIMITS.messageBlocks - 3;
  const shown = goals.slice(0, room);
  const blocks: KnownBlock[] = [
    header(title),
    divider(),
    ...shown.map((goal) => section(`*${escapeMrkdwn(goal.title)}*\n${goalSummary(goal, today)}`)),
  ];
  if (goals.length > shown.length) blocks.push(context(`…and ${goals.length - shown.length} more.`));
  return { text: escapeMrkdwn(title), blocks };
}

/** The answer when the policy says no: plain, and never dressed up as "no goals". */
export function buildGoalsRefusedMessage(ownerName: string): SlackMessage {
  const text = `You can't see that. ${ownerName}'s goals are visible to them, their manager and HR admins.`;
  return { text: escapeMrkdwn(text), blocks: [section(`:no_entry: ${escapeMrkdwn(text)}`)] };
}

export const GOAL_USAGE = [
  '*`/goal`* — create a goal',
  '*`/goal list`* — see your goals',
  '*`/goal list @person`* — see the goals of someone you manage (or their public goals)',
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
