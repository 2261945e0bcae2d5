import type { KnownBlock, ModalView } from '@slack/types';
import { z } from 'zod';
import { displayName } from '../../domain/person';
import type { ReviewAnswers, ReviewQuestion } from '../../domain/review-template';
import { SUMMARY_LIMITS } from '../../domain/review-cycle';
import type { ReviewReading } from '../../services/review.service';
import { context, divider, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { FeedbackAction, ReviewAction, reviewNextStepBlock, ReviewSignOffIds } from '../ids';
import { input, option } from '../inputs';
import { readFormState } from '../state';
import { summaryReadersLine } from './conversation.modal';
import { localMoment } from './review.messages';

const SIGN = 'sign';

function answerText(question: ReviewQuestion, answer: ReviewAnswers[string] | undefined): string {
  if (!answer) return '_no answer_';
  if ('text' in answer) return escapeMrkdwn(answer.text);
  if ('choices' in answer) return answer.choices.map(escapeMrkdwn).join(', ');
  if (answer.rating === 'na') return 'N/A';
  const label = question.kind === 'rating' ? question.labels[answer.rating - 1] : undefined;
  return label ? `${answer.rating} – ${escapeMrkdwn(label)}` : String(answer.rating);
}

/** The next steps; for the employee, each with a button that makes it their goal, or a note that it is one. */
function nextStepBlocks(reading: ReviewReading, participantId: string): KnownBlock[] {
  const steps = reading.summary?.nextSteps ?? [];
  if (reading.nextStepGoals.length === 0) return [section(`*Next steps*\n${steps.map((s) => `• ${escapeMrkdwn(s)}`).join('\n')}`)];
  return [
    section('*Next steps*'),
    ...steps.map((step, i): KnownBlock => {
      const text = `• ${escapeMrkdwn(step)}`;
      if (reading.nextStepGoals[i]) return section(`${text}\n:dart: _One of your goals now._`);
      return {
        ...section(text),
        block_id: reviewNextStepBlock(i),
        accessory: { type: 'button', action_id: ReviewAction.NextStepGoal, text: plain('Make it my goal'), value: `${participantId}:${i}` },
      };
    }),
  ];
}

/**
 * The shared review as the reader may read it (the summary, then each question the template lets
 * them read), who signed when, and the sign-off form: sign, comment, or both.
 */
export function buildSignOffModal(reading: ReviewReading, participantId: string, reader: { id: string; timezone: string }): ModalView {
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(reading.cycleName)}*: the review of ${escapeMrkdwn(displayName(reading.person))}`)];
  if (reading.conversationAt) blocks.push(context(`:calendar: Conversation: ${localMoment(reading.conversationAt, reader.timezone)} your time.`));
  if (reading.summary) {
    blocks.push(section(`*What was agreed*\n${escapeMrkdwn(truncate(reading.summary.agreed, 2900))}`));
    if (reading.agreedRatings.length > 0) {
      const lines = reading.agreedRatings.map((r) => `• ${escapeMrkdwn(r.prompt)}: ${r.rating === 'na' ? 'N/A' : `${r.rating}${r.label ? ` – ${escapeMrkdwn(r.label)}` : ''}`}`);
      blocks.push(section(truncate(`*Agreed ratings*\n${lines.join('\n')}`, 2900)));
    }
    if (reading.summary.nextSteps.length > 0) blocks.push(...nextStepBlocks(reading, participantId));
  }
  if (reading.peerRequestId) {
    blocks.push({
      ...section('*Peer feedback*: the 360 summary, once enough peers answered.'),
      accessory: { type: 'button', action_id: FeedbackAction.ViewSummary, text: plain('View summary'), value: reading.peerRequestId },
    });
  }
  blocks.push(divider());
  for (const q of reading.questions.slice(0, 30)) {
    blocks.push(section(truncate(`*${escapeMrkdwn(q.question.prompt)}*\nSelf: ${answerText(q.question, q.self)}\nManager: ${answerText(q.question, q.manager)}`, 2900)));
  }
  for (const s of reading.signOffs) {
    const who = s.person ? escapeMrkdwn(displayName(s.person)) : 'Someone';
    if (s.signedAt) blocks.push(context(`:white_check_mark: ${who} signed off on ${localMoment(s.signedAt, reader.timezone)}.`));
    if (s.comment) blocks.push(context(`${who} commented: ${escapeMrkdwn(truncate(s.comment, 2800))}`));
  }
  const mine = reading.signOffs.find((s) => s.person?.id === reader.id);
  if (reading.locked || mine?.signedAt) {
    blocks.push(section(reading.locked ? ':lock: Signed by both and locked.' : 'You signed off; waiting for the other signature.'));
    return { type: 'modal', title: plain('Review'), close: plain('Close'), blocks };
  }
  blocks.push(
    input(ReviewSignOffIds.Comment, 'Comment', { type: 'plain_text_input', multiline: true, max_length: SUMMARY_LIMITS.commentMax }, { optional: true, hint: summaryReadersLine(reading.person, reading.skipLevelReads) }),
    input(ReviewSignOffIds.Sign, 'Sign-off', { type: 'checkboxes', options: [option('I sign off this review', SIGN)] }, { optional: true }),
  );
  return {
    type: 'modal',
    callback_id: ReviewSignOffIds.Callback,
    title: plain('Sign off'),
    submit: plain('Send'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ participantId }),
    blocks,
  };
}

const metadataSchema = z.object({ participantId: z.uuid() });

export function parseSignOff(privateMetadata: string, values: unknown): { participantId: string; sign: boolean; comment: string | null } | undefined {
  let parsed: z.infer<typeof metadataSchema>;
  try {
    parsed = metadataSchema.parse(JSON.parse(privateMetadata));
  } catch {
    return undefined;
  }
  const state = readFormState(values);
  return { participantId: parsed.participantId, sign: state.options(ReviewSignOffIds.Sign).includes(SIGN), comment: state.text(ReviewSignOffIds.Comment) };
}
