import type { KnownBlock } from '@slack/types';
import type { GoalEvent } from '../../domain/goal-history';
import { displayName } from '../../domain/person';
import { smartHints } from '../../domain/smart-hints';
import type { GoalCard, GoalDetail } from '../../services/goal.service';
import { context, divider, escapeMrkdwn, header, LIMITS, section } from '../blocks';
import { mention } from '../people/people.format';
import { goalCard } from './goal-card';
import { goalFacts, type GoalViewContext, hintLines } from './goal.format';
import { historyLine } from './history.format';
import type { SlackMessage } from '../message';


/** The goal's facts and what it is aligned to, on one line. */
function factsLine(detail: GoalDetail, today: string): string {
  const aligned = detail.parent === 'hidden' ? ' · Aligned to a goal you can’t see' : detail.parent ? ` · Aligned to “${escapeMrkdwn(detail.parent.title)}”` : '';
  return `${goalFacts(detail.goal, today)}${aligned}`;
}

/** The DM confirming a new goal: its progress, key results, history so far, and SMART tips. */
export function buildGoalCreatedMessage(detail: GoalDetail, view: GoalViewContext): SlackMessage {
  const { goal } = detail;
  const blocks: KnownBlock[] = [
    section(`:dart: *New goal saved:* ${escapeMrkdwn(goal.title)}`),
    goalCard(goal, view, { button: 'update', keyResults: detail.keyResults }),
  ];
  if (goal.description) blocks.push(section(escapeMrkdwn(goal.description)));
  blocks.push(context(factsLine(detail, view.today)));
  const history = detail.history.slice(0, 3).map((event) => historyLine(event, view, detail.goalTitles));
  if (history.length > 0) blocks.push(context(`*History*\n${history.join('\n')}`));
  const hints = hintLines(smartHints({ title: goal.title, targetDate: goal.targetDate, keyResults: detail.keyResults }, view.today));
  if (hints.length > 0) blocks.push(context(hints.join('\n')));
  blocks.push(context('Update it any time with the button, `/goal update`, or from the Home tab. See all your goals with `/goal list`.'));
  return { text: `New goal saved: ${escapeMrkdwn(goal.title)}`, blocks };
}

/** The DM telling an owner that someone else (their manager) changed their goal: who, what and why. */
export function buildGoalChangedMessage(detail: GoalDetail, event: GoalEvent, view: GoalViewContext): SlackMessage {
  const { goal } = detail;
  const who = event.actor ? displayName(event.actor) : 'Someone';
  const text = `${who} changed your goal: ${goal.title}`;
  return {
    text: escapeMrkdwn(text),
    blocks: [
      section(`:pencil2: ${event.actor ? mention(event.actor) : 'Someone'} changed your goal *${escapeMrkdwn(goal.title)}*`),
      context(historyLine(event, view, detail.goalTitles)),
      goalCard(goal, view, { button: 'update', keyResults: detail.keyResults }),
    ],
  };
}

/** Whose goals a list shows when they are not the reader's own. */
export interface GoalOwner {
  name: string;
  /** The reader may see only this person's public goals. */
  publicOnly: boolean;
}

/**
 * One section per goal, with its progress, key results and latest change, and an Update button
 * where the reader may change it (a View button elsewhere); cut short, with a count, before
 * Slack's 50-block message limit.
 */
export function buildGoalListMessage(
  cards: readonly GoalCard[],
  view: GoalViewContext,
  options: { owner?: GoalOwner; canEdit: boolean } = { canEdit: true },
): SlackMessage {
  const { owner } = options;
  if (cards.length === 0) {
    const text = owner ? `${owner.name} has no goals yet.` : 'You have no goals yet.';
    return { text, blocks: [section(owner ? escapeMrkdwn(text) : `${text} Create one with \`/goal\`.`)] };
  }
  const title = `${owner ? `${owner.name}'s ${owner.publicOnly ? 'public goals' : 'goals'}` : 'Your goals'} (${cards.length})`;
  const room = LIMITS.messageBlocks - 3;
  const shown = cards.slice(0, room);
  const blocks: KnownBlock[] = [
    header(title),
    divider(),
    ...shown.map((card) => goalCard(card.goal, view, { button: options.canEdit ? 'update' : 'details', keyResults: card.keyResults, lastChange: card.lastChange, competencyName: card.competencyName })),
  ];
  if (cards.length > shown.length) blocks.push(context(`…and ${cards.length - shown.length} more.`));
  return { text: escapeMrkdwn(title), blocks };
}

/** What a person is told about a goal the access policy keeps from them (or one that does not exist). */
export const CANNOT_SEE = "You can't see that.";

/** The answer when the policy says no: plain, and never dressed up as "no goals". */
export function buildGoalsRefusedMessage(ownerName: string): SlackMessage {
  const text = `${CANNOT_SEE} ${ownerName}'s goals are visible to them, their manager and HR admins.`;
  return { text: escapeMrkdwn(text), blocks: [section(`:no_entry: ${escapeMrkdwn(text)}`)] };
}

export const GOAL_USAGE = [
  '*`/goal`* or *`/goal new`* — create a goal, with up to 5 key results',
  '*`/goal list`* — see your goals with their progress',
  '*`/goal list @person`* — see the goals of someone you manage (or their public goals)',
  '*`/goal update`* — record progress on a goal: key result values, status and a note',
  '*`/goal align`* — align one of your goals to a company, team or other goal',
  '*`/goal help`* — this help',
].join('\n');

export function buildGoalHelpMessage(unknownSubcommand?: string): SlackMessage {
  const intro = unknownSubcommand
    ? `I don't know \`/goal ${escapeMrkdwn(unknownSubcommand)}\`. Here is what I can do:`
    : 'Goals keep track of what you are working towards. Here is what I can do:';
  return { text: intro, blocks: [section(intro), section(GOAL_USAGE)] };
}

