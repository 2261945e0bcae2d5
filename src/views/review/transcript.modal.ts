import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import { displayName, type Person } from '../../domain/person';
import { TRANSCRIPT_MAX_BYTES, UPLOAD_FILE_TYPES } from '../../domain/transcript';
import { MAX_NEXT_STEPS, NEXT_STEP_MAX_CHARS } from '../../domain/integration';
import type { TranscriptView } from '../../services/transcript.service';
import { sourceLine } from '../ai/draft.modal';
import { context, divider, escapeMrkdwn, header, plain, section, truncate } from '../blocks';
import { TranscriptIds } from '../ids';
import { input, option } from '../inputs';
import { readFormState } from '../state';

const CONSENT = 'consent';
const NEXT_STEPS = 'next_steps';
/** Slack's limit for a text input. */
const PASTE_MAX = 3000;

/** "Meeting transcript" on a review conversation's messages: the summary for either participant, the paste form for the manager. */
export function transcriptButton(participantId: string): ActionsBlock {
  return { type: 'actions', elements: [{ type: 'button', action_id: TranscriptIds.Open, text: plain('Meeting transcript'), value: participantId }] };
}

/** The manager pastes the conversation's transcript (plain "Speaker: words" lines or WebVTT), or uploads it as a file. */
export function buildTranscriptFormModal(participantId: string, person: Person): ModalView {
  return {
    type: 'modal',
    callback_id: TranscriptIds.Callback,
    title: plain('Meeting transcript'),
    submit: plain('Summarise'),
    close: plain('Cancel'),
    private_metadata: participantId,
    blocks: [
      section(`Paste the transcript of your review conversation with ${escapeMrkdwn(displayName(person))}, or upload the file your note-taker exports (Otter, Fireflies, Granola: .txt, .vtt or .srt, up to ${TRANSCRIPT_MAX_BYTES / 1024} KB).`),
      context(
        'Cadence summarises it into what you agreed, next steps and open questions, each citing the lines it rests on. You both see the summary. The transcript itself is deleted once you accept the summary, unless you both choose to keep it.',
      ),
      input(TranscriptIds.Text, 'Paste the transcript', { type: 'plain_text_input', multiline: true, max_length: PASTE_MAX }, { optional: true }),
      input(TranscriptIds.File, 'Or upload it', { type: 'file_input', filetypes: [...UPLOAD_FILE_TYPES], max_files: 1 }, { optional: true, hint: 'A longer transcript than fits above: upload its file instead.' }),
      input(TranscriptIds.Consent, 'Consent', { type: 'checkboxes', options: [option(truncate(`${displayName(person)} knows about this transcript and agrees to a summary`, 75), CONSENT)] }, { optional: true }),
    ],
  };
}

export function parseTranscriptForm(values: unknown): { text: string; fileId: string | undefined; consent: boolean } {
  const state = readFormState(values);
  return { text: state.text(TranscriptIds.Text) ?? '', fileId: state.files(TranscriptIds.File)[0], consent: state.options(TranscriptIds.Consent).includes(CONSENT) };
}

function keepLine(view: TranscriptView): string {
  if (view.raw === null) return ':x: The transcript itself was deleted when the summary was accepted; the lines the summary cites are kept with it.';
  const mine = view.side === 'manager' ? view.keep.manager : view.keep.employee;
  const theirs = view.side === 'manager' ? view.keep.employee : view.keep.manager;
  const when = view.accepted ? 'Both of you chose to keep it.' : 'It is deleted when the summary is accepted, unless both of you keep it.';
  return `:page_facing_up: The transcript is kept for now. ${when} You ${mine ? 'keep' : 'do not keep'} it; the other side ${theirs ? 'keeps' : 'does not keep'} it.`;
}

/** The next steps of a summary as they are sent to a tool: without an extractive summary's quotation marks, at most as many as a push takes. */
export function nextStepsOf(view: TranscriptView): string[] {
  const steps = view.sections.find((s) => s.key === NEXT_STEPS)?.points ?? [];
  return steps.slice(0, MAX_NEXT_STEPS).map((step) => goalTitleOf(step.text, NEXT_STEP_MAX_CHARS));
}

/**
 * The summary, each point with the transcript lines it cites, for either participant; the manager
 * accepts it, and once accepted may send its next steps to a tool (`canPush`: a connection exists).
 */
export function buildTranscriptModal(view: TranscriptView, options: { canPush?: boolean } = {}): ModalView {
  const other = view.side === 'manager' ? view.person : view.manager;
  const blocks: KnownBlock[] = [
    header(`Review conversation${other ? ` with ${displayName(other)}` : ''}`),
    context(sourceLine({ source: view.source, ...(view.fallback ? { fallback: view.fallback } : {}) })),
  ];
  for (const part of view.sections) {
    blocks.push(divider(), section(`*${escapeMrkdwn(part.title)}*`));
    if (part.points.length === 0) blocks.push(context('Nothing found in the transcript.'));
    for (const [index, point] of part.points.slice(0, 8).entries()) {
      const text = section(escapeMrkdwn(point.text));
      // A next step is offered as a goal: the form opens with it, and nothing is saved unless the reader saves it.
      if (part.key === NEXT_STEPS) text.accessory = { type: 'button', action_id: TranscriptIds.MakeGoal, text: plain('Make it a goal'), value: `${view.participantId}:${index}` };
      blocks.push(text, context(...point.passages.slice(0, 3).map((p) => `↳ line ${p.n}: “${escapeMrkdwn(truncate(p.text, 200))}”`)));
    }
  }
  blocks.push(divider(), context(view.accepted ? ':white_check_mark: The summary was accepted.' : ':hourglass: Not accepted yet: the manager accepts the summary once it is right.'), context(keepLine(view)));
  const buttons: ActionsBlock['elements'] = [];
  if (view.side === 'manager' && !view.accepted) buttons.push({ type: 'button', action_id: TranscriptIds.Accept, text: plain('Accept summary'), value: view.participantId, style: 'primary' });
  if (view.side === 'manager' && view.accepted && options.canPush && nextStepsOf(view).length > 0)
    buttons.push({ type: 'button', action_id: TranscriptIds.PushNextSteps, text: plain('Send next steps to a tool'), value: view.participantId });
  if (view.raw !== null) {
    const mine = view.side === 'manager' ? view.keep.manager : view.keep.employee;
    buttons.push({ type: 'button', action_id: mine ? TranscriptIds.Discard : TranscriptIds.Keep, text: plain(mine ? 'Do not keep the transcript' : 'Keep the transcript'), value: view.participantId });
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return { type: 'modal', callback_id: TranscriptIds.Summary, title: plain('Meeting transcript'), close: plain('Close'), blocks: blocks.slice(0, 100) };
}

/** A next step as a goal title: without the quotation marks an extractive summary puts around a line. */
export function goalTitleOf(step: string, max: number): string {
  return truncate(step.replace(/^“/, '').replace(/”$/, '').trim(), max);
}
