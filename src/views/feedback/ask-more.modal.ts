import type { KnownBlock, ModalView } from '@slack/types';
import type { DateTime } from 'luxon';
import { FEEDBACK_LIMITS } from '../../domain/feedback';
import type { Person } from '../../domain/person';
import type { AskMoreForm, RequestProgress } from '../../services/feedback-request.service';
import { context, plain, section } from '../blocks';
import { formatDueDate } from '../format';
import { FeedbackBlock as B, FeedbackCallbackId } from '../ids';
import { input } from '../inputs';
import { listOf, mention } from '../people/people.format';
import { answerBy, participationLine, plural } from './feedback.format';

/** The requester asks others in place of those who have not answered or declined; nobody is named. */
export function buildAskMoreModal(form: AskMoreForm, reader: Person, now: DateTime): ModalView {
  const { progress, extendTo } = form;
  const { request, room } = progress;
  const blocks: KnownBlock[] = [
    section(
      `So far: ${participationLine(progress.participation, progress.answered, true)}. Ask up to ${plural(room, 'more person', 'more people')} in place of those who have not answered or declined; anyone still asked can answer until the due date.`,
    ),
    input(B.Peers, 'Whom else to ask', { type: 'multi_users_select', max_selected_items: Math.max(1, room), placeholder: plain('Pick people') }),
  ];
  const today = now.setZone(reader.timezone).toISODate() ?? '';
  blocks.push(
    context(
      extendTo
        ? `The due date moves to ${formatDueDate(extendTo, today)} so they have ${FEEDBACK_LIMITS.dueMinDays} days to answer.`
        : `Answers are due by ${answerBy(request.dueAt, reader.timezone, now)}.`,
    ),
    context(':lock: They see your name, your note and the focus areas. Their answers are anonymous, like everyone else’s.'),
  );
  return {
    type: 'modal',
    callback_id: FeedbackCallbackId.AskMore,
    private_metadata: JSON.stringify({ requestId: request.id }),
    title: plain('Ask someone else'),
    submit: plain('Ask them'),
    close: plain('Cancel'),
    blocks,
  };
}

export function buildAskedMoreView(progress: RequestProgress, added: readonly Person[], reader: Person, now: DateTime): ModalView {
  return {
    type: 'modal',
    callback_id: FeedbackCallbackId.Result,
    title: plain('Ask someone else'),
    close: plain('Done'),
    blocks: [
      section(`:incoming_envelope: Asked ${listOf(added.map(mention))} too. Answers are due by ${answerBy(progress.request.dueAt, reader.timezone, now)}.`),
      context(participationLine(progress.participation, progress.answered, true)),
    ],
  };
}
