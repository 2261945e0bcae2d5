import type { ActionsBlock, Button } from '@slack/types';
import type { DateTime } from 'luxon';
import type { ReminderKind } from '../../domain/checkin-reminder';
import type { CheckinCadence } from '../../domain/settings';
import { context, plain, section } from '../blocks';
import type { SlackMessage } from '../message';
import { CheckinAction } from '../ids';
import { describeCadence } from '../settings/settings.format';
import { describePeriod, formatLocalTime } from './checkin.format';

export interface ReminderMessageInput {
  kind: ReminderKind;
  /** The reminder row's id: what Snooze and Skip act on. */
  reminderId: string;
  period: string;
  cadence: CheckinCadence;
}

const button = (text: string, actionId: string, value?: string, style?: Button['style']): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(text),
  ...(value ? { value } : {}),
  ...(style ? { style } : {}),
});

function reminderButtons(input: ReminderMessageInput): ActionsBlock {
  // "Check in now" needs no value: the form is for whichever period a check-in counts for now.
  const elements = [button('Check in now', CheckinAction.Open, undefined, 'primary')];
  // The follow-up is the last word on a period: snoozing it would only make a third reminder.
  if (input.kind === 'nudge') elements.push(button('Snooze 2h', CheckinAction.Snooze, input.reminderId));
  elements.push(button('Skip this week', CheckinAction.Skip, input.reminderId));
  return { type: 'actions', block_id: `checkin_${input.reminderId}`, elements };
}

/** The nudge DM (and its snoozed repeats) or the one follow-up, with buttons that act in place. */
export function buildReminderMessage(input: ReminderMessageInput): SlackMessage {
  const what = describePeriod(input.period, input.cadence);
  const text =
    input.kind === 'nudge'
      ? `Time for your check-in for ${what}. It takes two minutes.`
      : `A reminder: you have not checked in for ${what} yet.`;
  return {
    text,
    blocks: [
      section(input.kind === 'nudge' ? `:wave: ${text}` : `:hourglass_flowing_sand: ${text}`),
      context('What went well, what is in your way, and how confident you are about your goals.'),
      reminderButtons(input),
      context(`Asked ${describeCadence(input.cadence)}, your time. Change when, or pause, under Settings on the Cadence Home tab.`),
    ],
  };
}

export type ReminderAnswer =
  | { outcome: 'snoozed'; until: DateTime; timezone: string }
  | { outcome: 'skipped' | 'checked_in' | 'unknown' };

/** What a nudge becomes once answered, so its buttons cannot be pressed again. */
export function buildReminderAnsweredMessage(answer: ReminderAnswer): SlackMessage {
  switch (answer.outcome) {
    case 'snoozed': {
      const text = `Snoozed. I will ask again ${formatLocalTime(answer.until, answer.timezone)} (your time).`;
      return { text, blocks: [section(`:zzz: ${text}`)] };
    }
    case 'skipped':
      return { text: 'Skipped. No more reminders about this check-in.', blocks: [section(':fast_forward: Skipped. No more reminders about this check-in.')] };
    case 'checked_in':
      return { text: 'You checked in. Thank you!', blocks: [section(':white_check_mark: You checked in. Thank you!')] };
    case 'unknown':
      return { text: 'This check-in reminder is no longer open.', blocks: [section('This check-in reminder is no longer open.')] };
  }
}
