import type { KnownBlock } from '@slack/types';
import type { DateTime } from 'luxon';
import type { Person } from '../../domain/person';
import type { FeedbackOverview } from '../../services/feedback-request.service';
import { context, divider, plain, section } from '../blocks';
import { requestLine, waitingLine } from '../feedback/feedback-list.message';
import { FeedbackAction } from '../ids';

const WAITING_SHOWN = 3;
const REQUESTS_SHOWN = 4;

/** Feedback on the Home tab: the two ways in, what waits for the person's answer, and their requests. */
export function buildFeedbackSection(input: { overview: FeedbackOverview; reader: Person; now: DateTime }): KnownBlock[] {
  const { overview, reader, now } = input;
  const blocks: KnownBlock[] = [
    divider(),
    section('*Feedback*'),
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: FeedbackAction.Request, text: plain('Ask for feedback') },
        { type: 'button', action_id: FeedbackAction.Give, text: plain('Give feedback') },
      ],
    },
  ];
  blocks.push(...overview.waiting.slice(0, WAITING_SHOWN).map((item) => waitingLine(item, reader, now)));
  for (const progress of overview.requests.slice(0, REQUESTS_SHOWN)) {
    blocks.push(requestLine(progress, reader, now));
    if (progress.request.status === 'open' && progress.subject.id === reader.id && !progress.selfRated) {
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: 'Rate yourself too, to compare with how others see you.' },
        accessory: { type: 'button', action_id: FeedbackAction.RateSelf, text: plain('Rate yourself'), value: progress.request.id },
      });
    }
  }
  if (overview.waiting.length === 0 && overview.requests.length === 0) {
    blocks.push(context('Ask the people you work with for anonymous feedback, or give someone feedback now. See it all with `/feedback list`.'));
  }
  return blocks;
}
