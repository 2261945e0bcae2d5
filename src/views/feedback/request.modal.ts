import type { KnownBlock, ModalView } from '@slack/types';
import type { DateTime } from 'luxon';
import { FEEDBACK_LIMITS, type FeedbackRequest } from '../../domain/feedback';
import type { FeedbackRequestField } from '../../domain/feedback-request-rules';
import { displayName, type Person } from '../../domain/person';
import type { NewRequestInput, RequestForm, RequestProgress } from '../../services/feedback-request.service';
import { context, plain, section } from '../blocks';
import { FeedbackAction, FeedbackBlock as B, FeedbackCallbackId } from '../ids';
import { input, option } from '../inputs';
import { listOf, mention } from '../people/people.format';
import { readFormState } from '../state';
import { answerBy, participationLine } from './feedback.format';

const subjectOption = (person: Person, actor: Person) => option(person.id === actor.id ? `Me (${displayName(actor)})` : displayName(person), person.slackUserId);

/** The "Ask for feedback" form: who about (the actor, or one of their reports), whom to ask, on what, by when. */
export function buildRequestModal(form: RequestForm, actor: Person): ModalView {
  const { focusAreas, due, threshold, subject } = form;
  const areaOptions = focusAreas.map((area) => option(area, area));
  const blocks: KnownBlock[] = [];
  if (form.subjects.length > 1) {
    const options = form.subjects.map((p) => subjectOption(p, actor));
    blocks.push(
      input(
        B.Subject,
        'Feedback about',
        { type: 'static_select', options, initial_option: options.find((o) => o.value === subject.slackUserId) },
        { hint: 'Yourself, or someone who reports to you.' },
      ),
    );
  }
  blocks.push(
    input(
      B.Peers,
      'Whom to ask',
      { type: 'multi_users_select', max_selected_items: FEEDBACK_LIMITS.peersMax, placeholder: plain('Pick people who work with them') },
      { hint: `${FEEDBACK_LIMITS.peersMin} to ${FEEDBACK_LIMITS.peersMax} people. Each gets a DM from Cadence.` },
    ),
    input(
      B.FocusAreas,
      'Focus areas',
      { type: 'multi_static_select', options: areaOptions, max_selected_items: FEEDBACK_LIMITS.focusAreasMax, placeholder: plain('What to rate') },
      { hint: `Up to ${FEEDBACK_LIMITS.focusAreasMax}. Each is rated 1 to 5 (or N/A), with an optional comment.` },
    ),
    input(
      B.CustomQuestion,
      'Your own question',
      { type: 'plain_text_input', max_length: FEEDBACK_LIMITS.customQuestionMax, placeholder: plain('e.g. How did the launch go from where you sat?') },
      { optional: true, hint: 'Answered in words, shown with the other comments.' },
    ),
    input(
      B.DueOn,
      'Answers due by',
      { type: 'datepicker', initial_date: due.suggested },
      { hint: `At least ${FEEDBACK_LIMITS.dueMinDays} days away. Anyone who has neither answered nor declined gets a follow-up ${FEEDBACK_LIMITS.followUpAfterDays} days after their invitation and a last reminder on the working day before, in their working hours; when the follow-up would come that day or later, one message says it is both.` },
    ),
    input(
      B.Note,
      'Note to the people you ask',
      { type: 'plain_text_input', multiline: true, max_length: FEEDBACK_LIMITS.noteMax, placeholder: plain('Why you are asking, or what would help most') },
      { optional: true },
    ),
    context(
      `:lock: *Who sees what:* the people you pick see your name, the note and the focus areas. Their answers are anonymous: the person the feedback is about and their manager read them only as a summary, once at least ${threshold} have answered and nobody else can, with comments unnamed. You see how many answered, never who wrote what.`,
    ),
  );
  return {
    type: 'modal',
    callback_id: FeedbackCallbackId.Request,
    title: plain('Ask for feedback'),
    submit: plain('Send requests'),
    close: plain('Cancel'),
    blocks,
  };
}

/** Shown instead of the form when the person already has a request collecting answers. */
export function buildOpenRequestView(progress: RequestProgress, reader: Person, now: DateTime): ModalView {
  const { request, subject } = progress;
  const who = subject.id === reader.id ? 'you' : mention(subject);
  const blocks: KnownBlock[] = [
    section(`A feedback request about ${who} is open until ${answerBy(request.dueAt, reader.timezone, now)}: ${participationLine(progress.participation, progress.answered, true)}.`),
    context('One request at a time per person, so nobody is asked twice for the same thing.'),
  ];
  if (progress.room > 0 && request.requesterId === reader.id) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: FeedbackAction.AskMore, text: plain('Ask someone else'), value: request.id }],
    });
  }
  return { type: 'modal', callback_id: FeedbackCallbackId.Result, title: plain('Ask for feedback'), close: plain('Close'), blocks };
}

/** What the form becomes once the requests are on their way. */
export function buildRequestSentView(request: FeedbackRequest, peers: readonly Person[], actor: Person, now: DateTime): ModalView {
  const blocks: KnownBlock[] = [
    section(
      `:incoming_envelope: Asked ${listOf(peers.map(mention))} for feedback${request.subjectId === actor.id ? '' : ' about your report'}. They hear from Cadence now, or when their working day starts.`,
    ),
    context(
      `Answers are due by ${answerBy(request.dueAt, actor.timezone, now)}. Follow progress on your Home tab or with \`/feedback list\`; you will get a DM when the summary is ready.`,
    ),
  ];
  if (request.subjectId === actor.id) {
    blocks.push(
      section('Rate yourself on the same focus areas to see, in the summary, how others see you compared with how you see yourself.'),
      { type: 'actions', elements: [{ type: 'button', action_id: FeedbackAction.RateSelf, text: plain('Rate yourself'), value: request.id }] },
    );
  }
  return { type: 'modal', callback_id: FeedbackCallbackId.Result, title: plain('Ask for feedback'), close: plain('Done'), blocks };
}

export function parseRequestForm(values: unknown): NewRequestInput {
  const state = readFormState(values);
  return {
    subjectSlackId: state.option(B.Subject),
    peerSlackIds: state.users(B.Peers),
    focusAreas: state.options(B.FocusAreas),
    customQuestion: state.text(B.CustomQuestion),
    dueOn: state.date(B.DueOn),
    note: state.text(B.Note),
  };
}

/** Where each field's error shows; without a subject picker, a subject problem shows on the peers. */
export function requestErrorBlocks(errors: Partial<Record<FeedbackRequestField, string>>, hasSubjectPicker: boolean): Record<string, string> {
  const blockOf: Record<FeedbackRequestField, string> = {
    subject: hasSubjectPicker ? B.Subject : B.Peers,
    peers: B.Peers,
    focusAreas: B.FocusAreas,
    customQuestion: B.CustomQuestion,
    dueOn: B.DueOn,
    note: B.Note,
  };
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors) as Array<[FeedbackRequestField, string | undefined]>) {
    if (!message) continue;
    const block = blockOf[field];
    out[block] = out[block] ? `${out[block]} ${message}` : message;
  }
  return out;
}

/** The request form, or what stands in its place when a request about that person is already open. */
export function buildRequestFormView(form: RequestForm, actor: Person, now: DateTime): ModalView {
  return form.open ? buildOpenRequestView(form.open, actor, now) : buildRequestModal(form, actor);
}
