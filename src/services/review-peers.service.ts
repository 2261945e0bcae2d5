import type { DateTime } from 'luxon';
import { AccessDeniedError } from '../domain/access-policy';
import type { Validated } from '../domain/goal';
import { FEEDBACK_LIMITS } from '../domain/feedback';
import { displayName, isActive, type Person } from '../domain/person';
import { PEER_LIMITS } from '../domain/review-cycle';
import { peerRequestQuestions } from '../domain/review-template';
import { findPeopleByIds, findPersonById } from '../repositories/person.repository';
import { findCycle, findParticipant } from '../repositories/review-cycle.repository';
import { claimPeerApproval, findPeerNomination, releasePeerApproval, savePeerNomination, setPeerRequest } from '../repositories/review-peer.repository';
import { cancelReviewSteps, insertReviewSteps } from '../repositories/review-step.repository';
import { findVersion } from '../repositories/review-template.repository';
import { findFeedbackFocusAreas } from '../repositories/settings.repository';
import type { Db } from '../db/client';
import type { Clock } from '../lib/clock';
import type { AccessService } from './access.service';
import type { FeedbackRequestService } from './feedback-request.service';
import type { PeopleService } from './people.service';
import type { ReviewQueue } from './review-records';

/**
 * The peer feedback of a review, through the 360 engine: the employee or their manager nominates
 * 2 to 6 peers, the manager of today approves (a manager's own nomination is approved as made),
 * and the approval becomes a 360 request about the employee, asked by the manager, due on the
 * cycle's peer-feedback date (the 360 engine keys the peers' reminders on it). Every 360 rule holds because the 360 engine makes the request: readers of the
 * summary (the employee, their managers) cannot be peers, the anonymity threshold and the guard
 * against differencing apply, and the summary is released by the engine alone. The request asks
 * the template's peer questions (see peerRequestQuestions).
 */

export interface PeerNomination {
  peers: Person[];
  nominatedBy: Person | null;
  nominatedAt: DateTime;
  approvedAt: DateTime | null;
  /** The 360 request it became, once approved. */
  requestId: string | null;
}

export type PeerField = 'peers';

export interface PeerForm {
  participantId: string;
  person: Person;
  nomination: PeerNomination | undefined;
  asManager: boolean;
}

export interface ReviewPeersService {
  /** The nomination (undefined when nobody nominated yet), for the employee and their manager of today, and as whom the actor acts. */
  form(actor: Person, participantId: string): Promise<PeerForm>;
  /** Nominates peers (again, until approved); the manager's nomination is approved at once. */
  nominate(actor: Person, participantId: string, peerSlackIds: readonly string[]): Promise<Validated<PeerNomination, PeerField>>;
  /** The manager of today approves the nominated peers: the 360 request is made, or the engine's refusal is returned. */
  approve(actor: Person, participantId: string): Promise<Validated<PeerNomination, PeerField>>;
}

export function createReviewPeersService(deps: {
  db: Db;
  clock: Clock;
  access: AccessService;
  people: PeopleService;
  feedbackRequests: FeedbackRequestService;
  queue: ReviewQueue;
}): ReviewPeersService {
  const { db, clock, access, people, feedbackRequests, queue } = deps;
  const refused = () => new AccessDeniedError('review.self_assess', 'not_permitted');

  /** The review, and as whom the actor acts on it: the employee or their manager of today. */
  async function reviewFor(actor: Person, participantId: string) {
    const participant = await findParticipant(db, participantId);
    const cycle = participant && (await findCycle(db, participant.cycleId));
    const person = participant && cycle?.workspaceId === actor.workspaceId ? await findPersonById(db, participant.personId) : undefined;
    if (!participant || !cycle || !person) throw refused();
    const subject = await access.subject(person);
    const [self, manager] = await Promise.all([access.decide(actor, 'review.self_assess', subject), access.decide(actor, 'review.manager_review', subject)]);
    if (!self.allowed && !manager.allowed) throw refused();
    const open = cycle.status === 'active' || (cycle.status === 'closed' && participant.reopenedAt !== null);
    return { participant, cycle, person, subject, asManager: manager.allowed, open: open && participant.sharedAt === null && isActive(person) };
  }

  async function shown(participantId: string): Promise<PeerNomination | undefined> {
    const row = await findPeerNomination(db, participantId);
    if (!row) return undefined;
    const byId = new Map((await findPeopleByIds(db, [...row.peerIds, ...(row.nominatedBy ? [row.nominatedBy] : [])])).map((p) => [p.id, p]));
    return {
      peers: row.peerIds.flatMap((id) => byId.get(id) ?? []),
      nominatedBy: (row.nominatedBy && byId.get(row.nominatedBy)) || null,
      nominatedAt: row.nominatedAt,
      approvedAt: row.approvedAt,
      requestId: row.requestId,
    };
  }

  async function approveAs(actor: Person, review: Awaited<ReturnType<typeof reviewFor>>): Promise<Validated<PeerNomination, PeerField>> {
    const nomination = await findPeerNomination(db, review.participant.id);
    if (!nomination) return { ok: false, errors: { peers: 'Nobody was nominated yet.' } };
    if (!(await claimPeerApproval(db, review.participant.id, actor.id, clock.now().toJSDate()))) return { ok: false, errors: { peers: 'These peers were approved already.' } };
    const peers = await findPeopleByIds(db, nomination.peerIds);
    // A cycle created before peer feedback had its own date: due with the manager review.
    const dueOn = review.cycle.phases.peer_feedback ?? review.cycle.phases.manager_review ?? null;
    const version = await findVersion(db, review.cycle.templateVersionId);
    const asked = peerRequestQuestions(version?.questions ?? []);
    const rated = asked.focusAreas.length > 0 ? { focusAreas: asked.focusAreas } : undefined;
    const created = await feedbackRequests.create(
      actor,
      {
        subjectSlackId: review.person.slackUserId,
        peerSlackIds: peers.map((p) => p.slackUserId),
        focusAreas: rated?.focusAreas ?? (await findFeedbackFocusAreas(db, actor.workspaceId)).slice(0, PEER_LIMITS.focusAreasMax),
        customQuestion: asked.customQuestion,
        dueOn,
        note: `Peer feedback for the review "${review.cycle.name}".`,
      },
      rated,
    );
    if (!created.ok) {
      await releasePeerApproval(db, review.participant.id);
      const dueSoon = created.errors.dueOn
        ? `Too late for peer feedback: peers need at least ${FEEDBACK_LIMITS.dueMinDays} days before it is due (${dueOn ?? 'no date'}). HR can extend the peer-feedback phase.`
        : undefined;
      const message = created.errors.peers ?? dueSoon ?? created.errors.focusAreas ?? created.errors.subject ?? 'The 360 request could not be made.';
      return { ok: false, errors: { peers: message } };
    }
    await setPeerRequest(db, review.participant.id, created.value.request.id);
    const value = await shown(review.participant.id);
    if (!value) throw new Error(`peer nomination of ${review.participant.id} vanished`);
    return { ok: true, value };
  }

  return {
    async form(actor, participantId) {
      const review = await reviewFor(actor, participantId);
      return { participantId, person: review.person, nomination: await shown(participantId), asManager: review.asManager };
    },

    async nominate(actor, participantId, peerSlackIds) {
      const review = await reviewFor(actor, participantId);
      if (!review.open) return { ok: false, errors: { peers: 'This review is closed to changes.' } };
      const existing = await findPeerNomination(db, participantId);
      if (existing?.approvedAt) return { ok: false, errors: { peers: 'These peers were approved already: their 360 request is under way.' } };
      const ids = [...new Set(peerSlackIds)];
      if (ids.length < PEER_LIMITS.min || ids.length > PEER_LIMITS.max) return { ok: false, errors: { peers: `Pick ${PEER_LIMITS.min} to ${PEER_LIMITS.max} peers.` } };
      const found = await Promise.all(ids.map((id) => people.resolve(actor.workspaceId, id)));
      const peers = found.filter((p): p is Person => p !== undefined);
      if (peers.length < found.length) return { ok: false, errors: { peers: 'Pick someone in this workspace: Slack does not know that person.' } };
      const problem = peers
        .map((p) =>
          p.id === review.person.id
            ? `${displayName(p)} is the person reviewed.`
            : review.subject.managerChain.includes(p.id)
              ? `${displayName(p)} manages ${displayName(review.person)}: a manager reads the peer summary and is never a peer.`
              : !isActive(p) || p.isBot
                ? `${displayName(p)} cannot give feedback (deactivated or a bot).`
                : undefined,
        )
        .find((m) => m !== undefined);
      if (problem) return { ok: false, errors: { peers: problem } };
      const now = clock.now().toJSDate();
      await savePeerNomination(db, { participantId, peerIds: peers.map((p) => p.id), nominatedBy: actor.id }, now);
      if (review.asManager) return approveAs(actor, review);
      // The manager of today is asked to approve, in their working hours; a nomination made again replaces the ask not sent yet.
      await cancelReviewSteps(db, [participantId], now, { kinds: ['peer_approval_request'] });
      await queue.steps(await insertReviewSteps(db, [{ participantId, item: 'manager_review', kind: 'peer_approval_request', dueAt: now }]));
      const value = await shown(participantId);
      if (!value) throw new Error(`peer nomination of ${participantId} vanished`);
      return { ok: true, value };
    },

    async approve(actor, participantId) {
      const review = await reviewFor(actor, participantId);
      if (!review.asManager) throw refused();
      if (!review.open) return { ok: false, errors: { peers: 'This review is closed to changes.' } };
      return approveAs(actor, review);
    },
  };
}
