import type { KnownBlock, SectionBlock } from '@slack/types';
import type { DateTime } from 'luxon';
import { displayName, type Person } from '../../domain/person';
import type { NoteWithPeople } from '../../services/feedback-note.service';
import type { FeedbackOverview, RequestProgress } from '../../services/feedback-request.service';
import { context, divider, escapeMrkdwn, header, LIMITS, plain, section, truncate } from '../blocks';
import type { SlackMessage } from '../message';
import { FeedbackAction } from '../ids';
import { mention } from '../people/people.format';
import { about, answerBy, participationLine } from './feedback.format';

const withButton = (block: SectionBlock, text: string, actionId: string, value: string): SectionBlock => ({
  ...block,
  accessory: { type: 'button', action_id: actionId, text: plain(text), value },
});

/** One request, one line: whom it is about, where it stands, and the button that fits. */
export function requestLine(progress: RequestProgress, reader: Person, now: DateTime): SectionBlock {
  const { request, requester } = progress;
  const asker = request.requesterId === request.subjectId || requester.id === reader.id ? '' : ` (asked by ${mention(requester)})`;
  const state =
    request.status === 'released'
      ? 'summary ready'
      : request.status === 'closed'
        ? 'closed without a summary'
        : `due by ${answerBy(request.dueAt, reader.timezone, now)}`;
  const line = {
    ...section(`*About ${about(progress.subject, reader)}*${asker} · ${state}\n${participationLine(progress.participation, progress.answered, progress.request.status === 'open')}`),
    block_id: `fb_request_${request.id}`,
  };
  return withButton(line, request.status === 'released' ? 'View summary' : 'View progress', FeedbackAction.ViewSummary, request.id);
}

/** A request waiting for the reader's answer. */
export function waitingLine(item: FeedbackOverview['waiting'][number], reader: Person, now: DateTime): SectionBlock {
  const { request, subject, requester } = item;
  const what = request.subjectId === request.requesterId ? `${mention(requester)} asked for your feedback` : `${mention(requester)} asked for your feedback about ${mention(subject)}`;
  const line = { ...section(`${what} · due by ${answerBy(request.dueAt, reader.timezone, now)}`), block_id: `fb_waiting_${request.id}` };
  return withButton(line, 'Give feedback', FeedbackAction.Answer, request.id);
}

function noteBlocks(notes: readonly NoteWithPeople[], reader: Person): KnownBlock[] {
  return notes.map(({ note, author, recipient }) => {
    const from = recipient.id === reader.id ? `From ${mention(author)}` : `${mention(author)} to ${mention(recipient)}, shared with you`;
    const when = note.createdAt.setZone(reader.timezone).toFormat('d LLL yyyy', { locale: 'en-GB' });
    return section(truncate(`${from}, ${when}:\n>${escapeMrkdwn(note.body).replace(/\n/g, '\n>')}`, LIMITS.sectionText));
  });
}

/** `/feedback list [@person]`: requests with their progress, what waits for the reader, and notes. */
export function buildFeedbackListMessage(input: {
  reader: Person;
  subject: Person;
  requests: readonly RequestProgress[];
  waiting: FeedbackOverview['waiting'];
  notes: readonly NoteWithPeople[];
  now: DateTime;
}): SlackMessage {
  const { reader, subject, now } = input;
  const own = subject.id === reader.id;
  const title = own ? 'Your feedback' : `Feedback about ${displayName(subject)}`;
  const blocks: KnownBlock[] = [header(title)];
  if (input.waiting.length > 0) blocks.push(section('*Waiting for your answer*'), ...input.waiting.map((item) => waitingLine(item, reader, now)), divider());
  blocks.push(section(own ? '*Requests about you and your reports*' : '*Requests*'));
  if (input.requests.length === 0) blocks.push(context(own ? 'None yet. Ask for feedback with `/feedback request`.' : 'None yet.'));
  blocks.push(...input.requests.map((progress) => requestLine(progress, reader, now)));
  if (input.notes.length > 0) blocks.push(divider(), section(own ? '*Feedback you received*' : '*Feedback shared with you*'), ...noteBlocks(input.notes, reader));
  const room = LIMITS.messageBlocks - 1;
  const shown = blocks.length > room ? [...blocks.slice(0, room), context('…and more.')] : blocks;
  return { text: title, blocks: shown };
}
