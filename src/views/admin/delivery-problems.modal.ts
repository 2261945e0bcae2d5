import type { KnownBlock, ModalView } from '@slack/types';
import { DateTime } from 'luxon';
import type { DeliveryProblemEntry } from '../../services/delivery-problems.service';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { mention } from '../people/people.format';

const KIND_LABELS: Record<string, string> = {
  'checkin-nudge': 'check-in reminder',
  'checkin-follow-up': 'check-in follow-up',
  'manager-digest': 'manager digest',
};

/** One line per message that did not arrive, newest first, in the reader's own timezone; never the message itself. */
export function buildDeliveryProblemsModal(problems: readonly DeliveryProblemEntry[], timezone: string): ModalView {
  const blocks: KnownBlock[] = [
    section('Messages Cadence could not deliver. It retried each one and stopped once Slack kept refusing it, so nobody gets a message twice.'),
  ];
  if (problems.length === 0) blocks.push(context('Nothing failed recently.'));
  for (const problem of problems) {
    const when = DateTime.fromJSDate(problem.createdAt).setZone(timezone).toFormat('d LLL yyyy, HH:mm');
    const to = problem.recipient ? mention(problem.recipient) : 'someone no longer known';
    const kind = KIND_LABELS[problem.kind] ?? problem.kind;
    const why = problem.status === 'failed' ? (problem.lastError ?? 'refused by Slack') : 'no answer from Slack';
    blocks.push(context(`*${when}* · ${escapeMrkdwn(kind)} to ${to}: ${escapeMrkdwn(why)}`));
  }
  return { type: 'modal', title: plain('Delivery problems'), close: plain('Close'), blocks };
}
