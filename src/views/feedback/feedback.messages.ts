import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { FEEDBACK_LIMITS } from '../../domain/feedback';
import { displayName } from '../../domain/person';
import type { AnswerContext } from '../../services/feedback-answer.service';
import type { NoteWithPeople } from '../../services/feedback-note.service';
import type { StepWork } from '../../services/feedback-steps.service';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import type { SlackMessage } from '../message';
import { FeedbackAction } from '../ids';
import { listOf, mention } from '../people/people.format';
import { about, answerBy, focusAreaList, participationLine, plural, whoAsked } from './feedback.format';

const button = (text: string, actionId: string, value: string, style?: 'primary'): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(text),
  value,
  ...(style ? { style } : {}),
});

const actions = (blockId: string, ...elements: Button[]): ActionsBlock => ({ type: 'actions', block_id: blockId, elements });

/** Person-typed text as a quote that cannot break out of it or ping anyone. */
const quote = (text: string) => `>${escapeMrkdwn(text).replace(/\n/g, '\n>')}`;

const answerButtons = (requestId: string) =>
  actions(`fb_answer_${requestId}`, button('Give feedback', FeedbackAction.Answer, requestId, 'primary'), button('Decline', FeedbackAction.Decline, requestId));

/** The invitation, follow-up and last reminder a peer gets: who asked, about what, by when, and who reads it. */
function peerMessage(work: Extract<StepWork, { kind: 'invite' | 'follow_up' | 'last_reminder' }>): SlackMessage {
  const { request, subject, requester, recipient, now } = work;
  const asked = whoAsked(request, subject, requester);
  const due = answerBy(request.dueAt, recipient.timezone, now);
  const readers = listOf([subject, ...work.otherReaders].map(mention));
  const privacy = context(`:lock: Anonymous: ${readers} read answers only as a summary, once at least ${work.threshold} people have answered. Nobody can see which answer is yours.`);
  const plainAsked = request.subjectId === request.requesterId ? `${displayName(requester)} asked for your feedback` : `${displayName(requester)} asked for your feedback about ${displayName(subject)}`;
  if (work.kind === 'invite') {
    const blocks: KnownBlock[] = [section(`:speech_balloon: ${asked}, on ${focusAreaList(request)}.`)];
    if (request.customQuestion) blocks.push(section(`Their own question: _${escapeMrkdwn(request.customQuestion)}_`));
    if (request.note) blocks.push(section(quote(request.note)));
    blocks.push(context(`Due by ${due}. It takes a few minutes.`), answerButtons(request.id), privacy);
    return { text: `${plainAsked}.`, blocks };
  }
  if (work.kind === 'follow_up') {
    return {
      text: `A reminder: ${plainAsked}.`,
      blocks: [section(`:wave: A reminder: ${asked}, on ${focusAreaList(request)}. It is due by ${due}.`), answerButtons(request.id), privacy],
    };
  }
  if (work.alsoFollowUp) {
    return {
      text: `A reminder, and the last one: ${plainAsked}, due soon.`,
      blocks: [
        section(`:hourglass_flowing_sand: A reminder, and the last one: ${asked}. It is due by ${due}; after that the request closes.`),
        context(`The ${FEEDBACK_LIMITS.followUpAfterDays}-day follow-up would have come on this day or later, so it and the last reminder are this one message.`),
        answerButtons(request.id),
        privacy,
      ],
    };
  }
  return {
    text: `Last reminder: ${plainAsked}, due soon.`,
    blocks: [section(`:hourglass_flowing_sand: Last reminder: ${asked}. It is due by ${due}; after that the request closes.`), answerButtons(request.id), privacy],
  };
}

function askMoreButton(requestId: string, room: number): Button[] {
  return room > 0 ? [button('Ask someone else', FeedbackAction.AskMore, requestId)] : [];
}

export function buildStepMessage(work: StepWork): SlackMessage {
  const { request, subject, recipient, now } = work;
  const aboutWhom = about(subject, recipient);
  switch (work.kind) {
    case 'invite':
    case 'follow_up':
    case 'last_reminder':
      return peerMessage(work);
    case 'requester_status': {
      const { progress } = work;
      const needed = progress.answeredCount < progress.threshold ? ` A summary needs at least ${progress.threshold} answers.` : '';
      return {
        text: `Your feedback request: ${progress.pending} not answered yet.`,
        blocks: [
          section(
            `:bar_chart: Your feedback request about ${aboutWhom}: ${participationLine(progress, progress.answeredCount, false)}. Those who have not answered just had their last reminder.${needed}`,
          ),
          context(`Due by ${answerBy(request.dueAt, recipient.timezone, now)}. You can ask someone else in their place; Cadence never says who has not answered.`),
          actions(`fb_status_${request.id}`, ...askMoreButton(request.id, progress.room), button('View progress', FeedbackAction.ViewSummary, request.id)),
        ],
      };
    }
    case 'self_prompt':
      return {
        text: `${displayName(work.requester)} asked for feedback about you.`,
        blocks: [
          section(
            `:speech_balloon: ${mention(work.requester)} asked ${plural(work.progress.invited, 'person', 'people')} for feedback about you, on ${focusAreaList(request)}, due by ${answerBy(request.dueAt, recipient.timezone, now)}.`,
          ),
          section('Rate yourself on the same focus areas to see, in the summary, how others see you compared with how you see yourself.'),
          actions(`fb_self_${request.id}`, button('Rate yourself', FeedbackAction.RateSelf, request.id, 'primary')),
          context(':lock: Answers are anonymous: you and your manager read them only as a summary, once enough people have answered.'),
        ],
      };
    case 'decline_notice': {
      const reason = work.reason ? `\n${quote(work.reason)}` : '';
      return {
        text: `${displayName(work.decliner)} declined your feedback request.`,
        blocks: [
          section(`${mention(work.decliner)} declined your request for feedback about ${aboutWhom}.${reason}`),
          context(`So far: ${participationLine(work.progress, work.progress.answeredCount, true)}.`),
          ...(work.progress.room > 0 ? [actions(`fb_declined_${request.id}`, ...askMoreButton(request.id, work.progress.room))] : []),
        ],
      };
    }
    case 'released_notice':
      return {
        text: `The feedback summary about ${subject.id === recipient.id ? 'you' : displayName(subject)} is ready.`,
        blocks: [
          section(`:tada: The feedback summary about ${aboutWhom} is ready: ${plural(work.progress.answeredCount, 'person', 'people')} answered.`),
          actions(`fb_released_${request.id}`, button('View summary', FeedbackAction.ViewSummary, request.id, 'primary')),
          context(':lock: Only the person it is about and their manager can open it. Comments have no names.'),
        ],
      };
    case 'closed_notice':
      return {
        text: `The feedback request about ${subject.id === recipient.id ? 'you' : displayName(subject)} closed without a summary.`,
        blocks: [
          section(
            `The feedback request about ${aboutWhom} closed with ${plural(work.progress.answeredCount, 'answer')}. Not enough responses to keep answers anonymous (at least ${work.progress.threshold} are needed), so there is no summary and those answers were deleted.`,
          ),
          context('Start a new request with `/feedback request`, perhaps asking a few more people.'),
        ],
      };
  }
}

/** What the invitation becomes once answered: thanks, and nothing that leads back to the answer. */
export function buildAnsweredMessage(ctx: AnswerContext): SlackMessage {
  return {
    text: `Thanks: your feedback about ${displayName(ctx.subject)} is in, anonymously.`,
    blocks: [
      section(`:white_check_mark: Thanks: your feedback about ${mention(ctx.subject)} is in, anonymously.`),
      context(':lock: Cadence keeps no link from you to your answer, not even here: only the confirmation you saw after sending could change it.'),
    ],
  };
}

/** What the invitation becomes once declined: final, so a later answer cannot be dated against it. */
export function buildDeclinedMessage(ctx: AnswerContext): SlackMessage {
  return {
    text: `You declined to give feedback about ${displayName(ctx.subject)}.`,
    blocks: [
      section(`You declined ${mention(ctx.requester)}’s request for feedback${ctx.request.subjectId === ctx.request.requesterId ? '' : ` about ${mention(ctx.subject)}`}.`),
      context(`${mention(ctx.requester)} can ask someone else in your place.`),
    ],
  };
}

/** Continuous feedback, as the person it is for reads it, or as the manager it was shared with does. */
export function buildNoteMessage(loaded: NoteWithPeople, as: 'recipient' | 'manager'): SlackMessage {
  const { note, author, recipient, sharedWith } = loaded;
  if (as === 'manager') {
    return {
      text: `${displayName(author)} shared feedback for ${displayName(recipient)} with you.`,
      blocks: [
        section(`:speech_balloon: ${mention(author)} gave ${mention(recipient)} feedback and shared it with you, as their manager:`),
        section(quote(note.body)),
        context(`:lock: Only ${mention(recipient)}, you and ${mention(author)} can see this.`),
      ],
    };
  }
  return {
    text: `Feedback from ${displayName(author)}.`,
    blocks: [
      section(`:speech_balloon: Feedback from ${mention(author)}:`),
      section(quote(note.body)),
      context(sharedWith ? `:lock: ${mention(author)} also shared it with your manager, ${mention(sharedWith)}.` : ':lock: Only you can see this.'),
    ],
  };
}

export const FEEDBACK_USAGE = [
  '*`/feedback`* or *`/feedback request`* — ask people for anonymous feedback about you',
  '*`/feedback request @person`* — ask for feedback about someone who reports to you',
  '*`/feedback give @person`* — give someone feedback now, signed, private to them (or shared with their manager)',
  '*`/feedback list`* — your requests, what waits for your answer, and feedback you received',
  '*`/feedback list @person`* — requests about someone who reports to you',
  '*`/feedback help`* — this help',
].join('\n');

export function buildFeedbackHelpMessage(unknownSubcommand?: string): SlackMessage {
  const intro = unknownSubcommand
    ? `I don't know \`/feedback ${escapeMrkdwn(unknownSubcommand)}\`. Here is what I can do:`
    : `Feedback from the people you work with: anonymous 360 requests (answers are only ever shown as a summary of at least a few people) and signed notes. Here is what I can do:`;
  return { text: intro, blocks: [section(intro), section(FEEDBACK_USAGE)] };
}
