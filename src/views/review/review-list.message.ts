import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { DateTime } from 'luxon';
import type { ReviewItem } from '../../domain/review-cycle';
import type { WaitingItem } from '../../services/review.service';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { formatDueDate } from '../format';
import type { SlackMessage } from '../message';
import { ReviewAction } from '../ids';
import { mention } from '../people/people.format';
import { localMoment, signOffButton } from './review.messages';

const REVIEW_USAGE = [
  '`/review` shows what is waiting for you in a review cycle: your self-assessment, the reviews you write as a manager, sign-offs.',
  '`/review admin` (HR admins) opens the review tools: competencies, templates, cycles, completion, nudges and the CSV export.',
  '`/review help` shows this.',
].join('\n');

export function buildReviewHelpMessage(unknownSubcommand?: string): SlackMessage {
  const intro = unknownSubcommand
    ? `I don't know \`/review ${escapeMrkdwn(unknownSubcommand)}\`. Here is what I can do:`
    : 'Review cycles, written in Slack: each form says who will read every answer before you submit it. Here is what I can do:';
  return { text: intro, blocks: [section(intro), section(REVIEW_USAGE)] };
}

function describe(item: WaitingItem): string {
  const whose = mention(item.person);
  const words: Record<ReviewItem, string> = {
    self_assessment: 'Your self-assessment',
    manager_review: `Your review of ${whose}`,
    conversation: `The review conversation with ${whose}: set its time and share the summary`,
    employee_sign_off: 'Sign off your review',
    manager_sign_off: `Sign off the review of ${whose}`,
  };
  return words[item.item];
}

/** Soonest due first. */
export const byDueDate = (items: readonly WaitingItem[]) => [...items].sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));

/** One waiting item: what it is, in which cycle, by when, and the buttons that open it. */
export function waitingItemBlocks(item: WaitingItem, today: string, zone: string): KnownBlock[] {
  const due = item.dueOn ? `, due ${formatDueDate(item.dueOn, today)}${item.late ? ' :warning: late' : ''}` : '';
  const blocks: KnownBlock[] = [section(`${describe(item)} · _${escapeMrkdwn(item.cycleName)}_${due}`)];
  const role = item.item === 'self_assessment' ? 'self' : item.item === 'manager_review' ? 'manager' : undefined;
  if (item.item === 'conversation') {
    if (item.conversationAt) blocks.push(context(`:calendar: Set for ${localMoment(item.conversationAt, zone)} your time.`));
    blocks.push({
      type: 'actions',
      elements: [
        { type: 'button', action_id: ReviewAction.Schedule, text: plain(item.conversationAt ? 'Change the time' : 'Set the time'), value: item.participantId },
        { type: 'button', action_id: ReviewAction.Summary, text: plain('Write and share the summary'), value: item.participantId },
      ],
    });
  }
  if (item.item === 'employee_sign_off' || item.item === 'manager_sign_off') blocks.push(signOffButton(item.participantId));
  if (role) {
    const open: ActionsBlock = {
      type: 'actions',
      elements: [
        { type: 'button', action_id: ReviewAction.Open, text: plain('Open the form'), value: `${item.participantId}:${role}`, style: 'primary' },
        { type: 'button', action_id: ReviewAction.Peers, text: plain('Peer feedback'), value: item.participantId },
      ],
    };
    blocks.push(open);
  }
  return blocks;
}

/** What is waiting for the reader, soonest due first, with a button for the forms. */
export function buildReviewWaitingMessage(items: readonly WaitingItem[], reader: { timezone: string }, now: DateTime): SlackMessage {
  if (items.length === 0) return { text: 'Nothing is waiting for you in a review cycle.', blocks: [section(':white_check_mark: Nothing is waiting for you in a review cycle.')] };
  const today = now.setZone(reader.timezone).toISODate() ?? '';
  const blocks: KnownBlock[] = [section(`*Waiting for you in review cycles* (${items.length})`), ...byDueDate(items).flatMap((item) => waitingItemBlocks(item, today, reader.timezone))];
  return { text: `${items.length} review item${items.length === 1 ? '' : 's'} waiting for you.`, blocks: blocks.slice(0, 50) };
}
