import type { KnownBlock, ModalView } from '@slack/types';
import { displayName } from '../../domain/person';
import { PEER_LIMITS } from '../../domain/review-cycle';
import type { PeerForm } from '../../services/review-peers.service';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { FeedbackAction, ReviewPeerIds } from '../ids';
import { input } from '../inputs';
import { readFormState } from '../state';
import { participantOf } from './conversation.modal';

/**
 * Peer feedback for a review: the employee nominates peers, their manager approves them (changing
 * the list first if needed); once approved, it is the 360 request, followed there.
 */
export function buildPeersModal(form: PeerForm): ModalView {
  const { participantId, person, nomination, asManager } = form;
  const name = escapeMrkdwn(displayName(person));
  const names = (nomination?.peers ?? []).map((p) => escapeMrkdwn(displayName(p))).join(', ');
  if (nomination?.requestId) {
    return {
      type: 'modal',
      title: plain('Peer feedback'),
      close: plain('Close'),
      blocks: [
        {
          ...section(`Peer feedback on ${asManager ? name : 'you'} was asked of ${names}. The summary can be read once enough of them answered.`),
          accessory: { type: 'button', action_id: FeedbackAction.ViewSummary, text: plain('View progress'), value: nomination.requestId },
        },
      ],
    };
  }
  const blocks: KnownBlock[] = [
    section(
      asManager
        ? `Pick ${PEER_LIMITS.min} to ${PEER_LIMITS.max} peers to give feedback on ${name}. Approving asks them at once, through 360 feedback.`
        : `Pick ${PEER_LIMITS.min} to ${PEER_LIMITS.max} peers to give feedback on you. Your manager approves them before they are asked.`,
    ),
  ];
  if (nomination?.nominatedBy) blocks.push(context(`Nominated by ${escapeMrkdwn(displayName(nomination.nominatedBy))}: ${names}.`));
  blocks.push(
    input(
      ReviewPeerIds.Peers,
      'Peers',
      {
        type: 'multi_users_select',
        max_selected_items: PEER_LIMITS.max,
        ...(nomination && nomination.peers.length > 0 ? { initial_users: nomination.peers.map((p) => p.slackUserId) } : {}),
      },
      { hint: 'Answers are anonymous; the summary is read by the employee and their managers, who cannot be peers.' },
    ),
  );
  return {
    type: 'modal',
    callback_id: ReviewPeerIds.Callback,
    title: plain('Peer feedback'),
    submit: plain(asManager ? 'Approve' : 'Nominate'),
    close: plain('Cancel'),
    private_metadata: JSON.stringify({ participantId }),
    blocks,
  };
}

export function parsePeers(privateMetadata: string, values: unknown): { participantId: string; peerSlackIds: string[] } | undefined {
  const participantId = participantOf(privateMetadata);
  return participantId ? { participantId, peerSlackIds: readFormState(values).users(ReviewPeerIds.Peers) } : undefined;
}
