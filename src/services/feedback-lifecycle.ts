import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { type FeedbackInvitation, type FeedbackRequest, type FeedbackStep, type FeedbackStepKind, settlement } from '../domain/feedback';
import { planPeerSteps, type Recipient, type RequestTiming, requesterStatusAt, selfPromptAt } from '../domain/feedback-schedule';
import type { Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import { countAnswers, deleteAnswers, lockRequestSettling } from '../repositories/feedback-answer.repository';
import { listInvitations, listReaders, lockRequest, settleRequest } from '../repositories/feedback-request.repository';
import { cancelSteps, insertSteps, type NewFeedbackStep } from '../repositories/feedback-step.repository';
import { loadManagerChain } from '../repositories/org.repository';
import { findWorkspaceSettings, listPausesOf } from '../repositories/settings.repository';

/**
 * What the feedback services share: how a request's messages are planned into step rows, and how
 * a request settles. Steps are inserted in the caller's transaction and queued after it commits;
 * a queueing failure loses nothing, because the reconciler queues whatever Postgres says is due.
 */

/** Carries step rows out (a delayed BullMQ job per row in production). Ids only: no personal text. */
export interface FeedbackQueue {
  steps(steps: ReadonlyArray<Pick<FeedbackStep, 'id' | 'dueAt'>>): Promise<void>;
  note(noteId: string): Promise<void>;
  /**
   * The reconciler's hand-over: like `steps` and `note`, and a job that already finished (failed
   * through an outage, say) while its row still owes the work is replaced, so it runs again.
   * It throws when the queues cannot be reached, so the reconciler runs again soon.
   */
  requeue(work: { steps: ReadonlyArray<Pick<FeedbackStep, 'id' | 'dueAt'>>; notes: readonly string[] }): Promise<void>;
}

export interface LifecycleDeps {
  db: Db;
  clock: Clock;
  queue: FeedbackQueue;
}

/**
 * The workspace's anonymity threshold, working time and skip-level setting, as of now. With
 * `homeTeamId` (the home Slack workspace of the person a request is about, in an org-wide install),
 * that workspace's own values where the organization lets each set its own.
 */
export async function workspaceRules(db: Db, workspaceId: string, homeTeamId?: string | null) {
  const settings = await findWorkspaceSettings(db, workspaceId, homeTeamId);
  if (!settings) throw new Error(`workspace ${workspaceId} is not recorded`);
  return {
    threshold: settings.anonymityThreshold,
    /** Managers further up a reporting line read summaries too. */
    skipLevel: settings.skipLevelVisibility,
    rules: { workingDays: settings.workingDays, workingHours: settings.workingHours, quietHours: settings.quietHours },
  };
}

export async function requestTiming(
  db: Db,
  request: Pick<FeedbackRequest, 'workspaceId' | 'dueOn' | 'dueAt'>,
  requester: Pick<Person, 'timezone'>,
  now: DateTime,
): Promise<RequestTiming> {
  const { rules } = await workspaceRules(db, request.workspaceId);
  return { now, dueOn: request.dueOn, dueAt: request.dueAt, requesterZone: requester.timezone, rules };
}

/** People as the planner sees them: where they live and whether they are away. */
export async function recipientsOf(db: Db, people: readonly Person[]): Promise<Map<string, Recipient>> {
  const pauses = await listPausesOf(
    db,
    people.map((p) => p.id),
  );
  return new Map(people.map((p) => [p.id, { timezone: p.timezone, awayUntil: pauses.get(p.id) ?? null }]));
}

const recipientOf = (recipients: ReadonlyMap<string, Recipient>, id: string): Recipient => {
  const recipient = recipients.get(id);
  if (!recipient) throw new Error(`no recipient ${id} was loaded`);
  return recipient;
};

/** Each newly asked peer's invitation, follow-up and last reminder. */
export function stepsForInvitations(timing: RequestTiming, invitations: readonly FeedbackInvitation[], recipients: ReadonlyMap<string, Recipient>): NewFeedbackStep[] {
  return invitations.flatMap((invitation) =>
    planPeerSteps(timing, recipientOf(recipients, invitation.peerId)).map((step) => ({
      requestId: invitation.requestId,
      invitationId: invitation.id,
      recipientId: invitation.peerId,
      kind: step.kind,
      dueAt: step.at.toJSDate(),
    })),
  );
}

/** The requester's status message, the close at the due time, and (kind given) the subject's prompt. */
export function stepsForRequest(
  timing: RequestTiming,
  request: Pick<FeedbackRequest, 'id' | 'requesterId' | 'subjectId'>,
  recipients: ReadonlyMap<string, Recipient>,
  peerIds: readonly string[],
  kinds: ReadonlyArray<Extract<FeedbackStepKind, 'close' | 'requester_status' | 'self_prompt'>>,
): NewFeedbackStep[] {
  const step = (kind: FeedbackStepKind, recipientId: string | null, at: DateTime): NewFeedbackStep => ({
    requestId: request.id,
    invitationId: null,
    recipientId,
    kind,
    dueAt: at.toJSDate(),
  });
  const steps: NewFeedbackStep[] = [];
  if (kinds.includes('close')) steps.push(step('close', null, timing.dueAt));
  if (kinds.includes('requester_status')) {
    const peers = peerIds.map((id) => recipientOf(recipients, id));
    const at = requesterStatusAt(timing, recipientOf(recipients, request.requesterId), peers);
    if (at) steps.push(step('requester_status', request.requesterId, at));
  }
  if (kinds.includes('self_prompt') && request.requesterId !== request.subjectId) {
    steps.push(step('self_prompt', request.subjectId, selfPromptAt(timing, recipientOf(recipients, request.subjectId))));
  }
  return steps;
}

/** Steps that no longer have a purpose once a request is settled; notices still go out. */
const SUPERSEDED_BY_SETTLING: FeedbackStepKind[] = ['invite', 'follow_up', 'last_reminder', 'requester_status', 'self_prompt', 'close'];

/**
 * Releases or closes an open request if it is time (see `settlement`), under a lock so concurrent
 * answers and the close job settle it once. Answers of a request closed with too few are deleted:
 * they can never be shown. The people concerned are told by notice steps.
 */
export async function settle(deps: LifecycleDeps, requestId: string, asOf?: DateTime): Promise<void> {
  const { db, clock, queue } = deps;
  const notices = await db.transaction().execute(async (tx) => {
    await lockRequestSettling(tx, requestId);
    const request = await lockRequest(tx, requestId, 'update');
    if (!request || request.status !== 'open') return [];
    // The close job may run a moment early; it settles the request as of its own time.
    const now = asOf && asOf > clock.now() ? asOf : clock.now();
    const invitations = await listInvitations(tx, request.id);
    const answered = (await countAnswers(tx, [request.id])).get(request.id) ?? 0;
    const { threshold } = request;
    const pending = invitations.filter((i) => i.status === 'pending').length;
    const decision = settlement({ answered, pending, threshold, dueAt: request.dueAt, now });
    if (decision === 'wait') return [];

    const at = now.toJSDate();
    await settleRequest(tx, request.id, decision === 'release' ? 'released' : 'closed', at);
    await cancelSteps(tx, request.id, SUPERSEDED_BY_SETTLING, at);
    if (decision === 'close') await deleteAnswers(tx, request.id);
    // The readers fixed with the request, as far as the policy still lets them read it.
    const recipients = decision === 'release' ? await readersNow(tx, request) : [...new Set([request.subjectId, request.requesterId])];
    const kind: FeedbackStepKind = decision === 'release' ? 'released_notice' : 'closed_notice';
    return insertSteps(
      tx,
      recipients.map((recipientId) => ({ requestId: request.id, invitationId: null, recipientId, kind, dueAt: at })),
    );
  });
  await queue.steps(notices);
}

/**
 * Who may read a request's summary now: the readers fixed when it was made who still stand where
 * they stood (the subject; a manager still above the subject). A manager who arrives later never
 * gains a past summary, and one who left loses it.
 */
export async function readersNow(db: Db, request: Pick<FeedbackRequest, 'id' | 'subjectId'>): Promise<string[]> {
  const [readers, chain] = await Promise.all([listReaders(db, request.id), loadManagerChain(db, request.subjectId)]);
  return readers.filter((id) => id === request.subjectId || chain.includes(id));
}

/** The summary's readers for a new request: the subject, the requester and the managers who read it. */
export async function readersFor(db: Db, subjectId: string, requesterId: string, skipLevel: boolean): Promise<string[]> {
  const chain = await loadManagerChain(db, subjectId);
  return [...new Set([subjectId, requesterId, ...(skipLevel ? chain : chain.slice(0, 1))])];
}
