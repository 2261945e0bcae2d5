import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { DateTime } from 'luxon';
import { displayName } from '../../domain/person';
import { FEEDBACK_LIMITS } from '../../domain/feedback';
import { PEER_LIMITS, PHASE_NAMES, type ReviewItem, ITEM_PHASE } from '../../domain/review-cycle';
import type { ReviewStepWork } from '../../services/review-steps.service';
import { context, escapeMrkdwn, plain, section, truncate } from '../blocks';
import { AiAction, FeedbackAction, ReviewAction, ReviewSignOffIds } from '../ids';
import { formatDueDate } from '../format';
import type { SlackMessage } from '../message';
import { mention } from '../people/people.format';
import { transcriptButton } from './transcript.modal';

const ITEM_WORDS: Record<ReviewItem, string> = {
  self_assessment: 'your self-assessment',
  manager_review: 'the manager review of',
  conversation: 'the review conversation with',
  employee_sign_off: 'signing off your review',
  manager_sign_off: 'signing off the review of',
};

/** "your self-assessment" or "the manager review of @Ana": what the item is, for its owner. */
function itemFor(work: ReviewStepWork): string {
  const words = ITEM_WORDS[work.step.item];
  return work.step.item === 'self_assessment' || work.step.item === 'employee_sign_off' ? words : `${words} ${mention(work.review.person)}`;
}

/** A moment as the reader sees it, in their own zone. */
export function localMoment(at: DateTime, zone: string): string {
  return at.setZone(zone).toFormat('ccc d LLL yyyy, HH:mm', { locale: 'en-GB' });
}

const OPEN = 'Type `/review` to open it.';

/** One check-in in a prep pack: its week, confidence, win and blocker, each cut short (the evidence has them whole). */
function checkinLine(c: ReviewStepWork['checkins'][number]): string {
  const parts = [...(c.wins ? [`win: ${escapeMrkdwn(truncate(c.wins, 140))}`] : []), ...(c.blockers ? [`blocker: ${escapeMrkdwn(truncate(c.blockers, 140))}`] : [])];
  return `• Week of ${c.period} · confidence ${c.confidence}/10: ${parts.join('; ')}`;
}

export const signOffButton = (participantId: string): ActionsBlock => ({
  type: 'actions',
  elements: [{ type: 'button', action_id: ReviewSignOffIds.Open, text: plain('Read and sign off'), value: participantId, style: 'primary' }],
});

/** The DM a review step sends: what is waiting, by when (on the reader's calendar), and how to open it. */
export function buildReviewStepMessage(work: ReviewStepWork, now: DateTime): SlackMessage {
  const { step, review, recipient } = work;
  const cycle = escapeMrkdwn(review.cycle.name);
  const dueOn = review.cycle.phases[ITEM_PHASE[step.item]];
  const today = now.setZone(recipient.timezone).toISODate() ?? '';
  const due = dueOn ? `due ${formatDueDate(dueOn, today)}` : 'open';
  // A peer approval request rides on the manager review (whose owner it goes to) but is about peer feedback.
  const phase = step.kind === 'peer_approval_request' || step.kind === 'peer_nomination_reminder' ? 'peer_feedback' : ITEM_PHASE[step.item];
  const line = (emoji: string, text: string, plainText: string, ...more: KnownBlock[]): SlackMessage => ({
    text: plainText,
    blocks: [section(`${emoji} ${text}`), ...more, context(`${escapeMrkdwn(PHASE_NAMES[phase])} · ${cycle}`)],
  });
  switch (step.kind) {
    case 'invitation': {
      // Peers are asked once nominated and approved, and need a few days to answer: say so from the start.
      const peersDue = review.cycle.phases.peer_feedback;
      const peers: KnownBlock[] =
        peersDue && !work.peersNominated
          ? [
              section(
                `Peer feedback is due ${formatDueDate(peersDue, today)}: nominate ${PEER_LIMITS.min} to ${PEER_LIMITS.max} peers soon (your manager approves them; peers need at least ${FEEDBACK_LIMITS.dueMinDays} days to answer).`,
              ),
              { type: 'actions', elements: [{ type: 'button', action_id: ReviewAction.Peers, text: plain('Peer feedback'), value: review.participant.id }] },
            ]
          : [];
      return line(':memo:', `Your self-assessment for *${cycle}* is open, ${due}. ${OPEN}`, `Your self-assessment for ${review.cycle.name} is open.`, ...peers);
    }
    case 'due_in_7_days':
    case 'due_in_1_day':
      return line(':hourglass_flowing_sand:', `A reminder: ${itemFor(work)} is ${due}. ${OPEN}`, `A reminder: a review item is ${due}.`);
    case 'late_nudge':
      return line(':bell:', `HR asks you to finish ${itemFor(work)}: it was ${due}. ${OPEN}`, 'A review item is late.');
    case 'sign_off_request':
      return line(
        ':pencil2:',
        `The summary of ${itemFor(work).replace('signing off ', '')} was shared. Read it and sign off, or comment.`,
        'A review summary is ready to sign off.',
        { ...signOffButton(review.participant.id), elements: [...signOffButton(review.participant.id).elements, ...transcriptButton(review.participant.id).elements] },
      );
    case 'sign_off_reminder':
      return line(':pencil2:', `A reminder: ${itemFor(work)} is still waiting for you.`, 'A review is still waiting for your sign-off.', signOffButton(review.participant.id));
    case 'conversation_notice': {
      const when = review.participant.conversationAt ? localMoment(review.participant.conversationAt, recipient.timezone) : 'soon';
      const withWhom = review.manager ? mention(review.manager) : 'your manager';
      return line(':calendar:', `Your review conversation with ${withWhom} is on *${when}* (your time).`, `Your review conversation is on ${when} (your time).`);
    }
    case 'peer_approval_request': {
      const names = work.nominatedPeers.map(mention).join(', ');
      return line(
        ':busts_in_silhouette:',
        `${mention(review.person)} nominated ${names} for peer feedback on their review. Approve them, or change the list first, with *Peer feedback*: they are asked once you approve.`,
        `Peers are waiting for your approval for ${displayName(review.person)}'s review.`,
        { type: 'actions', elements: [{ type: 'button', action_id: ReviewAction.Peers, text: plain('Peer feedback'), value: review.participant.id, style: 'primary' }] },
      );
    }
    case 'peer_nomination_reminder': {
      const peersDue = review.cycle.phases.peer_feedback;
      const when = peersDue ? `due ${formatDueDate(peersDue, today)}` : 'coming';
      return line(
        ':busts_in_silhouette:',
        `A reminder: peer feedback for *${cycle}* is ${when}, and nobody has been nominated yet. Nominate ${PEER_LIMITS.min} to ${PEER_LIMITS.max} peers with *Peer feedback* (your manager approves them; peers need at least ${FEEDBACK_LIMITS.dueMinDays} days to answer).`,
        'A reminder: nominate peers for your review.',
        { type: 'actions', elements: [{ type: 'button', action_id: ReviewAction.Peers, text: plain('Peer feedback'), value: review.participant.id, style: 'primary' }] },
      );
    }
    case 'prep_pack': {
      const when = review.participant.conversationAt ? localMoment(review.participant.conversationAt, recipient.timezone) : 'soon';
      const self = review.progress.selfSubmitted ? 'submitted' : 'not submitted yet';
      const goals = work.goals.length === 0 ? 'no goals' : work.goals.map((g) => `• ${escapeMrkdwn(g.title)}: ${Math.floor(g.progress)}%`).join('\n');
      return {
        text: `Your prep pack for the review conversation with ${displayName(review.person)}.`,
        blocks: [
          section(`:package: Your review conversation with ${mention(review.person)} is on ${when}.`),
          section(`*Self-assessment:* ${self}. *Your manager review:* ${review.progress.managerSubmitted ? 'submitted' : 'not submitted yet'}.`),
          section(`*Goals*\n${goals}`),
          ...(work.checkins.length > 0 ? [section(truncate(`*Check-in highlights*\n${work.checkins.map(checkinLine).join('\n')}`, 2900))] : []),
          {
            type: 'actions',
            elements: [
              // Read at click time, as the manager may read each: goals with their history, check-ins (wins, blockers, confidence), shared feedback, 360 summaries.
              { type: 'button', action_id: ReviewAction.Evidence, text: plain('See the evidence'), value: review.participant.id },
              ...(work.peerRequestId ? [{ type: 'button' as const, action_id: FeedbackAction.ViewSummary, text: plain('Peer feedback'), value: work.peerRequestId }] : []),
              // Offered to every manager: the button answers with why not when AI is off for them.
              { type: 'button', action_id: AiAction.ReviewPrep, text: plain('Suggest questions'), value: review.participant.id },
              ...transcriptButton(review.participant.id).elements,
            ],
          },
          context(
            `Open the self-assessment and your review with \`/review\`. *See the evidence* has their goals, check-ins (wins, blockers, confidence) and feedback${work.peerRequestId ? '; *Peer feedback* the peers’ summary once enough answered' : ''}. *Suggest questions* drafts questions for the conversation from their self-assessment, goals and check-ins. · ${cycle}`,
          ),
        ],
      };
    }
  }
}
