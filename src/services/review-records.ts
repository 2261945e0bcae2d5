import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { isActive, type Person } from '../domain/person';
import type { ReviewCycle, ReviewParticipant, ReviewResponse, ReviewSignOff, ReviewStep } from '../domain/review';
import { type ItemState, itemState, type ParticipantProgress, REVIEW_ITEMS, type ReviewItem } from '../domain/review-cycle';
import { daysAhead, invitationAt, planReminders, REMINDED_ITEMS, REVIEW_TIMING } from '../domain/review-schedule';
import { loadManagerOf } from '../repositories/org.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import { listResponses, listSignOffs } from '../repositories/review-cycle.repository';
import { listNominatedParticipants } from '../repositories/review-peer.repository';
import type { NewReviewStep } from '../repositories/review-step.repository';
import { listPausesOf } from '../repositories/settings.repository';
import type { Clock } from '../lib/clock';
import { workspaceRules } from './feedback-lifecycle';

/**
 * What the review services share: one participant's review with everything its rules need (the
 * person, their manager of today, responses and sign-offs), and the plan of its reminders.
 */

/** Carries step rows out (a delayed BullMQ job per row in production). Ids only: no personal text. */
export interface ReviewQueue {
  steps(steps: ReadonlyArray<Pick<ReviewStep, 'id' | 'dueAt'>>): Promise<void>;
  /** The reconciler's hand-over: like `steps`, and a finished job whose step is still scheduled is replaced. */
  requeue(steps: ReadonlyArray<Pick<ReviewStep, 'id' | 'dueAt'>>): Promise<void>;
}

export interface ReviewDeps {
  db: Db;
  clock: Clock;
  queue: ReviewQueue;
}

export interface LoadedReview {
  cycle: ReviewCycle;
  participant: ReviewParticipant;
  person: Person;
  /** Their manager now: who writes the manager review. Null when they have none. */
  manager: Person | null;
  responses: ReviewResponse[];
  signOffs: ReviewSignOff[];
  progress: ParticipantProgress;
  /** Items can be acted on: the cycle is running, or closed but reopened for this person. */
  open: boolean;
  states: Record<ReviewItem, ItemState>;
}

const submitted = (responses: readonly ReviewResponse[], role: 'self' | 'manager', authorId: string | undefined) =>
  responses.some((r) => r.role === role && r.authorId === authorId && r.submittedAt !== null);

/** Loads many participants' reviews of one workspace at once. */
export async function loadReviews(db: Db, cycles: ReadonlyMap<string, ReviewCycle>, participants: readonly ReviewParticipant[]): Promise<LoadedReview[]> {
  if (participants.length === 0) return [];
  const workspaceId = [...cycles.values()][0]?.workspaceId ?? '';
  const managerOf = await loadManagerOf(db, workspaceId);
  const ids = participants.map((p) => p.id);
  const [responses, signOffs] = await Promise.all([listResponses(db, ids), listSignOffs(db, ids)]);
  const personIds = participants.flatMap((p) => [p.personId, managerOf.get(p.personId) ?? p.personId]);
  const people = new Map((await findPeopleByIds(db, [...new Set(personIds)])).map((p) => [p.id, p]));
  return participants.flatMap((participant) => {
    const cycle = cycles.get(participant.cycleId);
    const person = people.get(participant.personId);
    if (!cycle || !person) return [];
    const managerId = managerOf.get(person.id);
    const manager = (managerId && people.get(managerId)) || null;
    const mine = responses.filter((r) => r.participantId === participant.id);
    const signs = signOffs.filter((s) => s.participantId === participant.id);
    const signed = (side: 'employee' | 'manager') => signs.some((s) => s.side === side && s.signedAt !== null);
    const progress: ParticipantProgress = {
      selfSubmitted: submitted(mine, 'self', person.id),
      // Written by the manager of today: a review submitted by a previous manager is theirs, not this one's.
      managerSubmitted: submitted(mine, 'manager', manager?.id),
      shared: participant.sharedAt !== null,
      employeeSignedOff: signed('employee'),
      managerSignedOff: signed('manager'),
      dropped: !isActive(person),
    };
    const open = cycle.status === 'active' || (cycle.status === 'closed' && participant.reopenedAt !== null);
    const states = Object.fromEntries(REVIEW_ITEMS.map((item) => [item, itemState(item, progress, open)])) as Record<ReviewItem, ItemState>;
    return [{ cycle, participant, person, manager, responses: mine, signOffs: signs, progress, open, states }];
  });
}

export async function loadReview(db: Db, cycle: ReviewCycle, participant: ReviewParticipant): Promise<LoadedReview | undefined> {
  return (await loadReviews(db, new Map([[cycle.id, cycle]]), [participant]))[0];
}

/**
 * The invitation and the D-7 and D-1 reminders of each participant's items, on each recipient's
 * calendar: the employee's for their own items, their manager's of today for the manager's; and,
 * where nobody nominated peers yet, a reminder to the employee 7 days before peer feedback is due.
 * Only what is still ahead of `now`; `only` limits it to some items and leaves the peer reminder
 * out unless asked (an extended phase).
 */
export async function planLaunchSteps(
  db: Db,
  cycle: ReviewCycle,
  participants: readonly ReviewParticipant[],
  now: DateTime,
  only: { items: readonly ReviewItem[]; peers: boolean } = { items: REVIEW_ITEMS, peers: true },
): Promise<NewReviewStep[]> {
  const { items } = only;
  const { rules } = await workspaceRules(db, cycle.workspaceId);
  const reviews = await loadReviews(db, new Map([[cycle.id, cycle]]), participants);
  const peersDue = only.peers ? cycle.phases.peer_feedback : undefined;
  const nominated = peersDue
    ? await listNominatedParticipants(
        db,
        reviews.map((r) => r.participant.id),
      )
    : new Set<string>();
  const pauses = await listPausesOf(
    db,
    reviews.map((r) => r.person.id),
  );
  return reviews.flatMap((review) => {
    if (review.progress.dropped) return [];
    const employeeZone = review.person.timezone;
    const managerZone = review.manager?.timezone ?? employeeZone;
    const steps: NewReviewStep[] = [];
    const selfDue = cycle.phases.self_assessment;
    let invitation: DateTime | undefined;
    if (selfDue && items.includes('self_assessment') && review.states.self_assessment === 'pending') {
      invitation = invitationAt(selfDue, employeeZone, rules, now, pauses.get(review.person.id) ?? null);
      steps.push({ participantId: review.participant.id, item: 'self_assessment', kind: 'invitation', dueAt: invitation.toJSDate() });
    }
    for (const { item, phase } of REMINDED_ITEMS) {
      const dueOn = cycle.phases[phase];
      if (!dueOn || !items.includes(item) || review.states[item] === 'done' || review.states[item] === 'closed') continue;
      const zone = item === 'self_assessment' || item === 'employee_sign_off' ? employeeZone : managerZone;
      const after = item === 'self_assessment' ? invitation : undefined;
      for (const step of planReminders({ item, dueOn, zone }, rules, now, after))
        steps.push({ participantId: review.participant.id, item, kind: step.kind, dueAt: step.at.toJSDate() });
    }
    if (peersDue && review.open && !nominated.has(review.participant.id)) {
      const at = daysAhead(peersDue, REVIEW_TIMING.peerNominationDaysAhead, employeeZone, rules);
      if (at > now) steps.push({ participantId: review.participant.id, item: 'self_assessment', kind: 'peer_nomination_reminder', dueAt: at.toJSDate() });
    }
    return steps;
  });
}
