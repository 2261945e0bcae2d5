import type { DateTime } from 'luxon';
import type { Checkin } from '../domain/checkin';
import type { Goal } from '../domain/goal';
import type { Person } from '../domain/person';
import type { ReviewCycle, ReviewStep } from '../domain/review';
import { ITEM_OWNER, ITEM_PHASE } from '../domain/review-cycle';
import { daysAhead, PEER_STEP_KINDS, prepPackAt, signOffReminderAt } from '../domain/review-schedule';
import type { WorkingTime } from '../domain/working-time';
import { EARLY_TOLERANCE_MS } from '../domain/job-timing';
import { listGoalsByOwners } from '../repositories/goal.repository';
import { findCycle, findParticipant, listParticipationsOf } from '../repositories/review-cycle.repository';
import { cancelReviewStepsByIds, findReviewStep, insertReviewSteps, listReviewStepsOf, listScheduledReviewSteps, settleReviewStep } from '../repositories/review-step.repository';
import { listCheckinsOf } from '../repositories/checkin.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import { findPeerNomination } from '../repositories/review-peer.repository';
import { findPersonalSettings } from '../repositories/settings.repository';
import type { AccessService } from './access.service';
import { workspaceRules } from './feedback-lifecycle';
import { type LoadedReview, loadReview, loadReviews, type ReviewDeps } from './review-records';

/** A due review step with what its message needs; the job renders it and sends it through the ledger. */
export interface ReviewStepWork {
  step: ReviewStep;
  recipient: Person;
  review: LoadedReview;
  /** For the prep pack: the employee's goals (the manager sees all of a report's goals). */
  goals: Goal[];
  /** For the prep pack: the review's peer 360 request, whose summary the 360 engine releases when enough answered. */
  peerRequestId: string | null;
  /** For the invitation: peers were nominated already (by the employee or their manager). */
  peersNominated: boolean;
  /** For a peer approval request: the peers nominated, waiting for the manager's approval. */
  nominatedPeers: Person[];
  /** For the prep pack: the employee's latest check-ins with a win or a blocker, newest first, as the manager may read them. */
  checkins: Array<Pick<Checkin, 'period' | 'wins' | 'blockers' | 'confidence'>>;
}

export interface ReviewStepsService {
  /**
   * The work of a step that is due, or undefined when there is nothing to send: it ran already,
   * is not due yet, or no longer applies (the item is done, the cycle closed, the person dropped
   * out, reminders are muted), in which case it is settled as skipped.
   */
  prepare(stepId: string): Promise<ReviewStepWork | undefined>;
  complete(stepId: string, sent: boolean): Promise<void>;
  /** Queues every step Postgres says is owed soon; what Redis still holds is left as it is. */
  reconcile(): Promise<number>;
  /**
   * These people have a new manager: the manager's reminders still ahead (D-7, D-1, prep pack,
   * sign-off reminder) are planned again on the new manager's calendar. Returns how many moved.
   */
  managersChanged(personIds: readonly string[]): Promise<number>;
}

/** Steps a person can turn off with "Review cycle reminders"; invitations and requests still come. */
const MUTABLE = new Set(['due_in_7_days', 'due_in_1_day', 'sign_off_reminder', 'peer_nomination_reminder']);
const PEER_STEPS = new Set<string>(PEER_STEP_KINDS);
/**
 * Review steps are planned weeks ahead, so the reconciler queues them all again (soonest first),
 * not only the next day's: after a Redis flush every one is back as a delayed job at its time, and
 * one whose job failed (Postgres away longer than its retries) runs again. Steps older than a week
 * are no longer worth sending.
 */
const RECONCILE_AHEAD = { days: 400 } as const;
const RECONCILE_BEHIND = { days: 8 } as const;
const RECONCILE_BATCH = 1000;

/** The manager's steps whose time depends on the manager's calendar. */
const MANAGER_TIMED = new Set<ReviewStep['kind']>(['due_in_7_days', 'due_in_1_day', 'prep_pack', 'sign_off_reminder']);

/** When a step of the manager's would be, planned on `zone`'s calendar; undefined when its time does not depend on it. */
function managerStepAt(step: ReviewStep, review: LoadedReview, zone: string, rules: WorkingTime): DateTime | undefined {
  const dueOn = review.cycle.phases[ITEM_PHASE[step.item]];
  if ((step.kind === 'due_in_7_days' || step.kind === 'due_in_1_day') && dueOn) return daysAhead(dueOn, step.kind === 'due_in_7_days' ? 7 : 1, zone, rules);
  if (step.kind === 'prep_pack' && review.participant.conversationAt) return prepPackAt(review.participant.conversationAt, zone, rules);
  if (step.kind === 'sign_off_reminder' && review.participant.sharedAt) return signOffReminderAt(review.participant.sharedAt, zone, rules);
  return undefined;
}

/** Check-ins in a prep pack: the latest few with something to talk about. */
const PACK_CHECKINS = 3;

export function createReviewStepsService(deps: ReviewDeps & { access: AccessService }): ReviewStepsService {
  const { db, clock, queue, access } = deps;

  /** The check-in highlights of a prep pack, read as its recipient may read them (none when they may not). */
  async function checkinHighlights(recipient: Person, review: LoadedReview): Promise<ReviewStepWork['checkins']> {
    if (!(await access.decide(recipient, 'checkin.view', await access.subject(review.person))).allowed) return [];
    return (await listCheckinsOf(db, review.person.id))
      .filter((c) => c.wins || c.blockers)
      .slice(-PACK_CHECKINS)
      .reverse()
      .map(({ period, wins, blockers, confidence }) => ({ period, wins, blockers, confidence }));
  }
  const skip = async (step: ReviewStep) => void (await settleReviewStep(db, step.id, 'skipped', clock.now().toJSDate()));

  async function muted(person: Person, now: DateTime): Promise<boolean> {
    const settings = await findPersonalSettings(db, person.id);
    if (!settings) return true;
    const today = now.setZone(person.timezone).toISODate() ?? '';
    return settings.mutedNudges.includes('review') || (settings.pausedUntil !== null && settings.pausedUntil >= today);
  }

  async function workFor(step: ReviewStep, now: DateTime): Promise<ReviewStepWork | undefined> {
    const participant = await findParticipant(db, step.participantId);
    const cycle = participant && (await findCycle(db, participant.cycleId));
    const review = cycle && participant && (await loadReview(db, cycle, participant));
    if (!review) return undefined;
    // Peer feedback has no item of its own: its steps stand while the review is open to changes.
    if (PEER_STEPS.has(step.kind) ? !review.open || review.progress.dropped || review.progress.shared : review.states[step.item] !== 'pending') return undefined;
    // Read at send time: a report who moved since launch is reminded to their new manager.
    const recipient = step.kind === 'conversation_notice' || ITEM_OWNER[step.item] === 'employee' ? review.person : review.manager;
    if (!recipient) return undefined;
    if (MUTABLE.has(step.kind) && (await muted(recipient, now))) return undefined;
    if ((step.kind === 'prep_pack' || step.kind === 'conversation_notice') && !review.participant.conversationAt) return undefined;
    const pack = step.kind === 'prep_pack';
    const asking = step.kind === 'peer_approval_request';
    const reminding = step.kind === 'peer_nomination_reminder';
    const goals = pack ? await listGoalsByOwners(db, [review.person.id]) : [];
    const nomination = pack || asking || reminding || step.kind === 'invitation' ? await findPeerNomination(db, review.participant.id) : undefined;
    // Approved (or gone) since it was asked: nothing left to ask. Nominated since: nothing to remind of.
    if (asking && (!nomination || nomination.approvedAt !== null)) return undefined;
    if (reminding && nomination) return undefined;
    const nominatedPeers = asking && nomination ? await findPeopleByIds(db, nomination.peerIds) : [];
    const checkins = pack ? await checkinHighlights(recipient, review) : [];
    return { step, recipient, review, goals, peerRequestId: nomination?.requestId ?? null, peersNominated: nomination !== undefined, nominatedPeers, checkins };
  }

  return {
    async prepare(stepId) {
      const step = await findReviewStep(db, stepId);
      if (!step || step.state !== 'scheduled') return undefined;
      const now = clock.now();
      if (step.dueAt.toMillis() - now.toMillis() > EARLY_TOLERANCE_MS) return undefined;
      const work = await workFor(step, now);
      if (!work) await skip(step);
      return work;
    },

    async complete(stepId, sent) {
      await settleReviewStep(db, stepId, sent ? 'done' : 'skipped', clock.now().toJSDate());
    },

    async reconcile() {
      const now = clock.now();
      const steps = await listScheduledReviewSteps(db, now.minus(RECONCILE_BEHIND).toJSDate(), now.plus(RECONCILE_AHEAD).toJSDate(), RECONCILE_BATCH);
      await queue.requeue(steps);
      return steps.length;
    },

    async managersChanged(personIds) {
      const participants = await listParticipationsOf(db, personIds);
      if (participants.length === 0) return 0;
      const now = clock.now();
      const cycles = new Map<string, ReviewCycle>();
      for (const p of participants) {
        const cycle = cycles.has(p.cycleId) ? undefined : await findCycle(db, p.cycleId);
        if (cycle) cycles.set(cycle.id, cycle);
      }
      const reviews = await loadReviews(db, cycles, participants);
      const { rules } = await workspaceRules(db, reviews[0]?.cycle.workspaceId ?? '');
      const steps = await listReviewStepsOf(
        db,
        reviews.map((r) => r.participant.id),
      );
      const moves = reviews.flatMap((review) => {
        const zone = review.manager?.timezone;
        if (!zone) return [];
        // A step already due may be on its way out: it is left to go as planned.
        const ahead = steps.filter((s) => s.participantId === review.participant.id && s.state === 'scheduled' && ITEM_OWNER[s.item] === 'manager' && MANAGER_TIMED.has(s.kind) && s.dueAt > now);
        return ahead.flatMap((step) => {
          const at = managerStepAt(step, review, zone, rules);
          if (!at || at.toMillis() === step.dueAt.toMillis()) return [];
          return [{ old: step.id, next: { participantId: step.participantId, item: step.item, kind: step.kind, dueAt: (at > now ? at : now).toJSDate() } }];
        });
      });
      if (moves.length === 0) return 0;
      const inserted = await db.transaction().execute(async (tx) => {
        await cancelReviewStepsByIds(
          tx,
          moves.map((m) => m.old),
          now.toJSDate(),
        );
        return insertReviewSteps(
          tx,
          moves.map((m) => m.next),
        );
      });
      await queue.steps(inserted);
      return inserted.length;
    },
  };
}
