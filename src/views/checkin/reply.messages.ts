import type { ActionsBlock } from '@slack/types';
import type { CheckinCadence } from '../../domain/settings';
import { context, plain, section } from '../blocks';
import type { SlackMessage } from '../message';
import { CheckinAction } from '../ids';
import { describePeriod } from './checkin.format';

/** The answer in a nudge's thread once a reply is recorded, with a way to add goal progress. */
export function buildReplyRecordedMessage(period: string, cadence: CheckinCadence): SlackMessage {
  const text = `Noted for ${describePeriod(period, cadence)}, and no more reminders about it. Add progress on your goals and how confident you are too?`;
  const actions: ActionsBlock = {
    type: 'actions',
    elements: [{ type: 'button', action_id: CheckinAction.AddProgress, text: plain('Add goal progress'), style: 'primary' }],
  };
  return { text, blocks: [section(`:memo: ${text}`), actions, context('Your manager sees this note with your check-in.')] };
}

export function buildReplyClosedMessage(): SlackMessage {
  const text = 'That check-in period is closed, so I did not keep this reply. Use `/checkin` for the current one.';
  return { text, blocks: [section(text)] };
}

export function buildReplyTooLongMessage(): SlackMessage {
  const text = 'Your notes for this check-in are at their 3,000 character limit, so I did not keep this reply. Use `/checkin` to write more.';
  return { text, blocks: [section(text)] };
}
