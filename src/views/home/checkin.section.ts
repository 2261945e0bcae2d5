import type { KnownBlock } from '@slack/types';
import type { NextCheckin } from '../../services/checkin.service';
import { context, plain, section } from '../blocks';
import { describePeriod, formatLocalTime } from '../checkin/checkin.format';
import { CheckinAction } from '../ids';

/** Where the person's check-in stands, with the button to do it and when Cadence asks next. */
export function buildCheckinSection(input: { next: NextCheckin; timezone: string }): KnownBlock[] {
  const { current, cadence, nextNudgeAt } = input.next;
  const what = `*Check-in for ${describePeriod(current.period, cadence)}:* ${current.done ? 'done :white_check_mark:' : 'not yet'}`;
  const blocks: KnownBlock[] = [
    {
      ...section(what),
      accessory: { type: 'button', action_id: CheckinAction.Open, text: plain(current.done ? 'Edit check-in' : 'Check in now') },
    },
  ];
  if (nextNudgeAt) blocks.push(context(`Next reminder: ${formatLocalTime(nextNudgeAt, input.timezone)} (your time)`));
  return blocks;
}
