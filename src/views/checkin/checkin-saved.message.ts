import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { SavedCheckin } from '../../services/checkin.service';
import { context, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { STATUS_LABELS } from '../format';
import type { SlackMessage } from '../message';
import { CheckinAction } from '../ids';
import { describePeriod } from './checkin.format';

/** Room for the rest of the message within a section's 3000 characters. */
const QUOTE_MAX = 1200;

const quote = (label: string, text: string | null) => (text ? `*${label}*\n>${escapeMrkdwn(truncate(text, QUOTE_MAX)).replace(/\n/g, '\n>')}` : undefined);

/**
 * The confirmation DM after a check-in is saved: what was recorded, in the person's words, with an
 * Edit button that reopens the form while the period is still open.
 */
export function buildCheckinSavedMessage(saved: SavedCheckin): SlackMessage {
  const { answers } = saved;
  const text = `Checked in for ${describePeriod(saved.period, saved.cadence)}. Thank you!`;
  const mood = answers.mood === null ? undefined : `Mood ${answers.mood}/5 (${answers.moodShared ? 'your manager sees it' : 'only counts towards your team’s average'})`;
  const blocks: KnownBlock[] = [section(`:white_check_mark: ${text}`)];
  for (const part of [quote('Wins', answers.wins), quote('Blockers or help needed', answers.blockers)]) if (part) blocks.push(section(part));
  blocks.push(context([`Confidence ${answers.confidence}/10`, mood].filter(Boolean).join(' · ')));
  if (saved.goals.length > 0) {
    const lines = saved.goals.map(({ goal }) => `• *${escapeMrkdwn(truncate(goal.title, 150))}*: ${Math.floor(goal.progress)}%, ${STATUS_LABELS[goal.status]}`);
    blocks.push(section(`*Goals*\n${lines.join('\n')}`));
  }
  const actions: ActionsBlock = {
    type: 'actions',
    elements: [{ type: 'button', action_id: CheckinAction.Edit, text: plain('Edit'), value: saved.period }],
  };
  blocks.push(actions, context('You can edit this check-in until its period ends.'));
  return { text, blocks };
}
