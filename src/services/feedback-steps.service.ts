import type { DateTime } from 'luxon';
import { followUpOwed } from '../domain/feedback-schedule';
import { countParticipation, type FeedbackRequest, type FeedbackStep, type Participation, roomToAskMore } from '../domain/feedback';
import { isActive, type Person } from '../domain/person';
import { countAnswers, findSelfRating } from '../repositories/feedback-answer.repository';
import { findInvitationById, findRequest, listInvitations, listReaders } from '../repositories/feedback-request.repository';
import { findStep, listInvitationSteps, listScheduledSteps, settleStep } from '../repositories/feedback-step.repository';
import { listUnnotifiedNotes } from '../repositories/feedback-note.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import { findPersonalSettings } from '../repositories/settings.repository';
import { type LifecycleDeps, settle } from './feedback-lifecycle';
import { EARLY_TOLERANCE_MS } from '../domain/job-timing';

interface StepBase {
  step: FeedbackStep;
  recipient: Person;
  request: FeedbackRequest;
  subject: Person;
  requester: Person;
  now: DateTime;
}

/** Where a request stands, in counts. */
export interface StepProgress extends Participation {
  /** Answers stored. */
  answeredCount: number;
  threshold: number;
  /** How many more people the requester may ask. */
  room: number;
}

/** A due step with everything its message needs; the job renders it and sends it through the ledger. */
export type StepWork =
  | (StepBase & {
      kind: 'invite' | 'follow_up' | 'last_reminder';
      otherReaders: Person[];
      threshold: number;
      /** A last reminder that also stands for the day-5 follow-up, which fell on its day or later; the message says so. */
      alsoFollowUp: boolean;
    })
  | (StepBase & { kind: 'requester_status' | 'self_prompt' | 'released_notice' | 'closed_notice'; progress: StepProgress })
  | (StepBase & { kind: 'decline_notice'; progress: StepProgress; decliner: Person; reason: string | null });

export interface FeedbackStepsService {
  /**
   * The work of a step that is due, or undefined when there is nothing to send: it ran already, it
   * is not due yet, or it no longer applies (the peer answered, declined or is away; the request
   * settled), in which case it is settled as skipped. The close of a request is carried out here.
   */
  prepare(stepId: string): Promise<StepWork | undefined>;
  /** After the send: done, or skipped when the recipient could not receive it. */
  complete(stepId: string, sent: boolean): Promise<void>;
  /** Queues every step and note Postgres says is owed soon; what Redis still holds is left as it is. */
  reconcile(): Promise<{ steps: number; notes: number }>;
}

/** The reconciler queues what is due within this much; later steps were queued when planned. */
const RECONCILE_AHEAD = { days: 1 } as const;
/** Older scheduled steps failed for good (their job is kept a week); retrying them would not help. */
const RECONCILE_BEHIND = { days: 8 } as const;
const RECONCILE_BATCH = 500;

export function createFeedbackStepsService(deps: LifecycleDeps): FeedbackStepsService {
  const { db, clock, queue } = deps;

  const skip = async (step: FeedbackStep) => void (await settleStep(db, step.id, 'skipped', clock.now().toJSDate()));

  /** Paused, or turned feedback reminders off: reminders skip them (the request itself does not). */
  async function wantsNoReminders(person: Person, now: DateTime): Promise<boolean> {
    const settings = await findPersonalSettings(db, person.id);
    if (!settings) return true;
    const today = now.setZone(person.timezone).toISODate() ?? '';
    return settings.mutedNudges.includes('feedback') || (settings.pausedUntil !== null && settings.pausedUntil >= today);
  }

  /** The plan left the follow-up out because it fell on the last reminder's day or later (see `planPeerSteps`). */
  async function lastReminderCoversFollowUp(invitationId: string, request: FeedbackRequest): Promise<boolean> {
    const steps = await listInvitationSteps(db, invitationId);
    const invite = steps.find((s) => s.kind === 'invite');
    return invite !== undefined && !steps.some((s) => s.kind === 'follow_up') && followUpOwed(invite.dueAt, request.dueAt);
  }

  async function progressOf(request: FeedbackRequest): Promise<StepProgress> {
    const [invitations, answers] = await Promise.all([listInvitations(db, request.id), countAnswers(db, [request.id])]);
    const participation = countParticipation(invitations);
    return { ...participation, answeredCount: answers.get(request.id) ?? 0, threshold: request.threshold, room: roomToAskMore(request, participation) };
  }

  async function workFor(step: FeedbackStep, request: FeedbackRequest, now: DateTime): Promise<StepWork | undefined> {
    if (!step.recipientId) return undefined;
    const ids = [step.recipientId, request.subjectId, request.requesterId];
    const byId = new Map((await findPeopleByIds(db, ids)).map((p) => [p.id, p]));
    const recipient = byId.get(step.recipientId);
    const subject = byId.get(request.subjectId);
    const requester = byId.get(request.requesterId);
    if (!recipient || !subject || !requester || !isActive(recipient)) return undefined;
    const base = { step, recipient, request, subject, requester, now };
    const open = request.status === 'open';

    switch (step.kind) {
      case 'invite':
      case 'follow_up':
      case 'last_reminder': {
        // Read at the step's time, not cancelled at answer time: whoever answered or declined meanwhile gets nothing.
        const invitation = step.invitationId ? await findInvitationById(db, step.invitationId) : undefined;
        if (!open || !invitation || invitation.status !== 'pending') return undefined;
        if (step.kind !== 'invite' && (await wantsNoReminders(recipient, now))) return undefined;
        const readerIds = (await listReaders(db, request.id)).filter((id) => id !== request.subjectId);
        const otherReaders = await findPeopleByIds(db, readerIds);
        const alsoFollowUp = step.kind === 'last_reminder' && (await lastReminderCoversFollowUp(invitation.id, request));
        return { ...base, kind: step.kind, otherReaders, threshold: request.threshold, alsoFollowUp };
      }
      case 'requester_status': {
        const progress = await progressOf(request);
        return open && progress.pending > 0 ? { ...base, kind: step.kind, progress } : undefined;
      }
      case 'self_prompt':
        if (!open || (await findSelfRating(db, request.id))) return undefined;
        return { ...base, kind: step.kind, progress: await progressOf(request) };
      case 'decline_notice': {
        const invitation = step.invitationId ? await findInvitationById(db, step.invitationId) : undefined;
        const decliner = invitation && (await findPeopleByIds(db, [invitation.peerId]))[0];
        // They may have answered after all, in which case there is nothing to tell.
        if (invitation?.status !== 'declined' || !decliner) return undefined;
        return { ...base, kind: step.kind, progress: await progressOf(request), decliner, reason: invitation.declineReason };
      }
      case 'released_notice':
      case 'closed_notice':
        return { ...base, kind: step.kind, progress: await progressOf(request) };
      case 'close':
        return undefined;
    }
  }

  return {
    async prepare(stepId) {
      const step = await findStep(db, stepId);
      if (!step || step.state !== 'scheduled') return undefined;
      const now = clock.now();
      if (step.dueAt.toMillis() - now.toMillis() > EARLY_TOLERANCE_MS) return undefined;
      const request = await findRequest(db, step.requestId);
      if (!request) return void (await skip(step));
      if (step.kind === 'close') {
        await settle(deps, request.id, step.dueAt);
        await settleStep(db, step.id, 'done', clock.now().toJSDate());
        return undefined;
      }
      const work = await workFor(step, request, now);
      if (!work) await skip(step);
      return work;
    },

    async complete(stepId, sent) {
      await settleStep(db, stepId, sent ? 'done' : 'skipped', clock.now().toJSDate());
    },

    async reconcile() {
      const now = clock.now();
      const steps = await listScheduledSteps(db, now.minus(RECONCILE_BEHIND).toJSDate(), now.plus(RECONCILE_AHEAD).toJSDate(), RECONCILE_BATCH);
      const notes = await listUnnotifiedNotes(db, RECONCILE_BATCH);
      await queue.requeue({ steps, notes });
      return { steps: steps.length, notes: notes.length };
    },
  };
}
