import type { KnownBlock, ModalView, SectionBlock } from '@slack/types';
import type { DateTime } from 'luxon';
import { RATINGS } from '../../domain/feedback';
import type { FeedbackSummary, FocusAreaSummary } from '../../domain/feedback-summary';
import { displayName, type Person } from '../../domain/person';
import type { RequestProgress } from '../../services/feedback-request.service';
import { context, divider, escapeMrkdwn, header, plain, section } from '../blocks';
import { draftButton } from '../ai/draft.modal';
import { AiAction, FeedbackAction, FeedbackCallbackId } from '../ids';
import { mention } from '../people/people.format';
import { answerBy, participationLine, plural, withheldText } from './feedback.format';

const MODAL_BLOCKS = 100;
/** Room under Slack's 3,000 characters per section for the quote markers added here. */
const SECTION_ROOM = 2800;

/** Comments as quotes, packed into as few sections as fit, so many answers stay within the modal's blocks. */
export function quoteSections(texts: readonly string[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  let current = '';
  for (const text of texts) {
    const quote = `>${escapeMrkdwn(text.trim()).replace(/\n/g, '\n>')}`;
    if (current && current.length + quote.length + 2 > SECTION_ROOM) {
      sections.push(section(current));
      current = '';
    }
    current = current ? `${current}\n\n${quote}` : quote;
  }
  if (current) sections.push(section(current));
  return sections;
}

/** "5 ███ 3" per rating, highest first, in a code block so the bars line up. */
function distribution(area: FocusAreaSummary): string {
  const rows = [...RATINGS].reverse().map((rating) => {
    const count = area.distribution[rating - 1] ?? 0;
    return `${rating} ${'█'.repeat(count)} ${count}`;
  });
  return `\`\`\`${rows.join('\n')}\`\`\``;
}

function gapLine(area: FocusAreaSummary, subject: Person, reader: Person): string | undefined {
  if (area.self === null || area.gap === null) return undefined;
  const who = subject.id === reader.id ? 'You rated yourself' : `${escapeMrkdwn(displayName(subject))} rated themself`;
  const gap = Math.abs(area.gap).toFixed(1);
  const compared = area.gap === 0 ? 'the same as others’ average' : `others’ average is ${gap} ${area.gap > 0 ? 'higher' : 'lower'}`;
  return `${who} ${area.self}: ${compared}.`;
}

function focusAreaBlocks(area: FocusAreaSummary, subject: Person, reader: Person): KnownBlock[] {
  const average =
    area.mean === null
      ? 'Everyone chose N/A.'
      : `Average *${area.mean.toFixed(1)}* from ${plural(area.rated, 'rating')}${area.notApplicable > 0 ? ` (${area.notApplicable} N/A)` : ''}.`;
  const gap = gapLine(area, subject, reader);
  return [
    section(`*${escapeMrkdwn(area.label)}*\n${average}${gap ? `\n${gap}` : ''}${area.mean === null ? '' : `\n${distribution(area)}`}`),
    ...quoteSections(area.comments),
  ];
}

function summaryBlocks(summary: FeedbackSummary, subject: Person, reader: Person): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const area of summary.focusAreas) blocks.push(divider(), ...focusAreaBlocks(area, subject, reader));
  const group = (title: string, texts: readonly string[]) => (texts.length > 0 ? [divider(), section(`*${escapeMrkdwn(title)}*`), ...quoteSections(texts)] : []);
  if (summary.customQuestion) blocks.push(...group(summary.customQuestion.question, summary.customQuestion.answers));
  blocks.push(...group('Strengths', summary.strengths), ...group('Suggestions', summary.suggestions));
  return blocks;
}

/** The released summary, or why it cannot be read yet; what the subject and their manager see. */
export function buildSummaryModal(
  progress: RequestProgress,
  summary: FeedbackSummary | undefined,
  reader: Person,
  now: DateTime,
  options: { offerSynthesis?: boolean } = {},
): ModalView {
  const { request, subject, requester } = progress;
  const about = subject.id === reader.id ? 'you' : displayName(subject);
  const askedBy = request.requesterId === request.subjectId ? '' : ` · asked by ${mention(requester)}`;
  const top: KnownBlock[] = [header(`Feedback about ${about}`), context(`${participationLine(progress.participation, progress.answered, request.status === 'open')}${askedBy} · focus: ${request.focusAreas.map(escapeMrkdwn).join(', ')}`)];
  const footer = context(':lock: Ratings are shown as averages and counts; comments without names, in a different order each time this opens.');
  let body: KnownBlock[];
  if (summary) {
    body = summaryBlocks(summary, subject, reader);
    if (options.offerSynthesis) top.push(draftButton(AiAction.Synthesis, 'Draft a synthesis', request.id));
    if (!summary.selfRated && subject.id === reader.id) body.push(context('You did not rate yourself this time, so there is no comparison with your own view.'));
  } else {
    body = [section(progress.withheld ? withheldText(progress.withheld, request.dueAt, reader.timezone, now) : '')];
    if (request.status === 'open') body.push(context(`Answers are due by ${answerBy(request.dueAt, reader.timezone, now)}.`));
    if (request.status === 'open' && progress.room > 0 && request.requesterId === reader.id) {
      body.push({ type: 'actions', elements: [{ type: 'button', action_id: FeedbackAction.AskMore, text: plain('Ask someone else'), value: request.id }] });
    }
  }
  const room = MODAL_BLOCKS - top.length - 2;
  const blocks = body.length > room ? [...top, ...body.slice(0, room), context('…more comments than fit here.'), footer] : [...top, ...body, footer];
  return { type: 'modal', callback_id: FeedbackCallbackId.Result, title: plain('Feedback summary'), close: plain('Close'), blocks };
}
