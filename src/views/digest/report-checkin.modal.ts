import type { KnownBlock, ModalView } from '@slack/types';
import type { ReportCheckin } from '../../services/manager-digest.service';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { formatPeriod } from '../checkin/checkin.format';
import { DigestCallbackId } from '../ids';
import { mention } from '../people/people.format';

/** A report's check-in for one period, read-only, for whoever the policy lets see it. */
export function buildReportCheckinModal(view: ReportCheckin, period: string): ModalView {
  const { report, checkin } = view;
  const blocks: KnownBlock[] = [context(`Check-in of ${mention(report)} for the week of ${formatPeriod(period)}`)];
  if (!checkin) {
    blocks.push(section('No check-in for this period.'));
  } else {
    blocks.push(section(`*Wins*\n${checkin.wins ? escapeMrkdwn(checkin.wins) : '_None given._'}`));
    blocks.push(section(`*Blockers or help needed*\n${checkin.blockers ? escapeMrkdwn(checkin.blockers) : '_None given._'}`));
    blocks.push(section(`*Confidence:* ${checkin.confidence} / 10`));
    // A mood the author kept to themself only ever counts towards the team's average.
    if (view.showMood && checkin.mood !== null) blocks.push(section(`*Mood:* ${checkin.mood} / 5`));
  }
  return { type: 'modal', callback_id: DigestCallbackId.ReportCheckin, title: plain('Check-in'), close: plain('Close'), blocks };
}
