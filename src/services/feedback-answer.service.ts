import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import {
  acceptsAnswers,
  type FeedbackAnswer,
  type FeedbackInvitation,
  type FeedbackRequest,
  feedbackStepDedupeKey,
  type Rating,
} from '../domain/feedback';
import { type AnswerField, type FeedbackAnswerInput, validateAnswer, validateDeclineReason, validateSelfRating } from '../domain/feedback-answer-rules';
import type { Validated } from '../domain/goal';
import type { Person } from '../domain/person';
import { findSentMessage } from '../repositories/delivery.repository';
import {
  findAnswerByKey,
  findSelfRating,
  listStoredAnswers,
  replaceAnswers,
  type StoredAnswer,
  upsertSelfRating,
  withRequestLock,
} from '../repositories/feedback-answer.repository';
import { findInvitation, findRequest, listReaders, lockRequest, respondToInvitation } from '../repositories/feedback-request.repository';
import { cancelInvitationSteps, findDoneStep, insertSteps } from '../repositories/feedback-step.repository';
import { findPeopleByIds } from '../repositories/person.repository';
import type { AccessService } from './access.service';
import { type LifecycleDeps, settle } from './feedback-lifecycle';

/** What a peer is told about a request before answering it: above all, who will read the answer. */
export interface AnswerContext {
  request: FeedbackRequest;
  subject: Person;
  requester: Person;
  /** Who will read the summary besides the subject, fixed when the request was made. */
  otherReaders: Person[];
  /** The answers the summary needs, as promised when the request was made. */
  threshold: number;
  invitation: FeedbackInvitation;
  /** Answers can still be added or changed. */
  open: boolean;
}

/** `form`: a problem with the request itself (closed, answered already), shown at the top of the form. */
export type AnswerFormField = AnswerField | 'form';

/**
 * Whether a feedback form can be shown now, or why not; the listener renders either. A refusal is
 * an AccessDeniedError, as everywhere.
 */
export type AnswerFormOutcome = { outcome: 'open'; form: AnswerContext } | { outcome: 'answered' } | { outcome: 'closed' };
export type DeclineFormOutcome = { outcome: 'open'; form: AnswerContext } | { outcome: 'responded'; status: 'answered' | 'declined' } | { outcome: 'closed' };
export type EditFormOutcome = { outcome: 'open'; form: AnswerContext & { answer: FeedbackAnswer } } | { outcome: 'closed' };
export type SelfRatingFormOutcome = { outcome: 'open'; request: FeedbackRequest; ratings: Array<Rating | null> | undefined } | { outcome: 'closed' };

export interface FeedbackAnswerService {
  /** The answer form for a peer who was asked and has not answered yet, while the request is open. */
  answerForm(actor: Person, requestId: string): Promise<AnswerFormOutcome>;
  /** The decline form, for a peer who has neither answered nor declined, while the request is open. */
  declineForm(actor: Person, requestId: string): Promise<DeclineFormOutcome>;
  /**
   * Records that the actor answered, then (in another transaction) what they wrote; returns the
   * key that can change it, which Cadence hands to the actor's open form and keeps nowhere.
   */
  answer(actor: Person, requestId: string, input: FeedbackAnswerInput): Promise<Validated<{ context: AnswerContext; editKey: string }, AnswerFormField>>;
  editForm(actor: Person, editKey: string): Promise<EditFormOutcome>;
  edit(actor: Person, editKey: string, input: FeedbackAnswerInput): Promise<Validated<AnswerContext, AnswerFormField>>;
  decline(actor: Person, requestId: string, reason: string | null): Promise<Validated<AnswerContext, 'reason' | 'form'>>;
  selfRatingForm(actor: Person, requestId: string): Promise<SelfRatingFormOutcome>;
  rateSelf(actor: Person, requestId: string, ratings: ReadonlyArray<string | null>): Promise<Validated<FeedbackRequest, AnswerFormField>>;
  /** Where Cadence's invitation DM to the actor is, so its buttons can give way to the outcome. */
  invitationMessage(actor: Person, requestId: string): Promise<{ channel: string; ts: string } | undefined>;
}

/**
 * The edit key is the author's only handle on their answer. Postgres keeps its hash; the key itself
 * lives only in the confirmation the author sees after sending (a modal, which the bot token cannot
 * read back), never in a DM, a log or a job, so nothing stored leads from a person to what they wrote.
 */
const newEditKey = () => randomBytes(32).toString('base64url');
const hashOf = (editKey: string) => createHash('sha256').update(editKey).digest('hex');

const CLOSED = 'This request is closed: answers can no longer be added or changed.';

export function createFeedbackAnswerService(deps: LifecycleDeps & { access: AccessService }): FeedbackAnswerService {
  const { db, clock, access } = deps;

  /** The request and the actor's invitation to it; refused unless the actor was asked. */
  async function contextFor(actor: Person, requestId: string): Promise<AnswerContext> {
    const request = await findRequest(db, requestId);
    const invitation = request && (await findInvitation(db, request.id, actor.id));
    if (!request || !invitation) throw new AccessDeniedError('feedback.answer', 'not_permitted');
    await access.authorize(actor, 'feedback.answer', { workspaceId: request.workspaceId, peerId: invitation.peerId });
    const readerIds = (await listReaders(db, request.id)).filter((id) => id !== request.subjectId);
    const byId = new Map((await findPeopleByIds(db, [request.subjectId, request.requesterId, ...readerIds])).map((p) => [p.id, p]));
    const subject = byId.get(request.subjectId);
    const requester = byId.get(request.requesterId);
    if (!subject || !requester) throw new AccessDeniedError('feedback.answer', 'not_permitted');
    return {
      request,
      subject,
      requester,
      otherReaders: readerIds.flatMap((id) => byId.get(id) ?? []),
      threshold: request.threshold,
      invitation,
      open: acceptsAnswers(request, clock.now()),
    };
  }

  /** Runs `write` in a transaction of `on` while the request is locked against settling, if it still accepts answers. */
  async function whileOpen<T>(on: Db, requestId: string, write: (tx: Db) => Promise<T>): Promise<T | 'closed'> {
    return on.transaction().execute(async (tx) => {
      const request = await lockRequest(tx, requestId, 'update');
      if (!request || !acceptsAnswers(request, clock.now())) return 'closed' as const;
      return write(tx);
    });
  }

  async function answerByKey(actor: Person, editKey: string): Promise<{ context: AnswerContext; answer: FeedbackAnswer }> {
    const found = await findAnswerByKey(db, hashOf(editKey));
    if (!found) throw new AccessDeniedError('feedback.answer', 'not_permitted');
    const context = await contextFor(actor, found.requestId);
    // A key proves nothing alone: the holder must also be someone who answered this request.
    if (context.invitation.status !== 'answered') throw new AccessDeniedError('feedback.answer', 'not_permitted');
    return { context, answer: found.answer };
  }

  async function selfRatingForm(actor: Person, requestId: string) {
    const request = await findRequest(db, requestId);
    if (!request) throw new AccessDeniedError('feedback.answer', 'not_permitted');
    // The subject is the one person asked to rate themself.
    await access.authorize(actor, 'feedback.answer', { workspaceId: request.workspaceId, peerId: request.subjectId });
    return { request, ratings: await findSelfRating(db, requestId), open: acceptsAnswers(request, clock.now()) };
  }

  return {
    async answerForm(actor, requestId) {
      const form = await contextFor(actor, requestId);
      if (form.invitation.status === 'answered') return { outcome: 'answered' };
      return form.open ? { outcome: 'open', form } : { outcome: 'closed' };
    },
    async declineForm(actor, requestId) {
      const form = await contextFor(actor, requestId);
      if (form.invitation.status !== 'pending') return { outcome: 'responded', status: form.invitation.status };
      return form.open ? { outcome: 'open', form } : { outcome: 'closed' };
    },
    async editForm(actor, editKey) {
      const { context, answer } = await answerByKey(actor, editKey);
      return context.open ? { outcome: 'open', form: { ...context, answer } } : { outcome: 'closed' };
    },
    async selfRatingForm(actor, requestId) {
      const { request, ratings, open } = await selfRatingForm(actor, requestId);
      return open ? { outcome: 'open', request, ratings } : { outcome: 'closed' };
    },

    async answer(actor, requestId, input) {
      const context = await contextFor(actor, requestId);
      const checked = validateAnswer(input, context.request);
      if (!checked.ok) return checked;
      const editKey = newEditKey();
      const stored = await withRequestLock(db, requestId, async (conn) => {
        // Who answered and what was written are two transactions, so no transaction id joins them.
        const responded = await whileOpen(conn, requestId, (tx) => respondToInvitation(tx, context.invitation.id, { status: 'answered', declineReason: null }, ['pending']));
        if (responded === 'closed') return 'closed' as const;
        if (!responded) return context.invitation.status === 'declined' ? ('declined' as const) : ('answered' as const);
        const undo = () => respondToInvitation(conn, context.invitation.id, { status: 'pending', declineReason: null }, ['answered']);
        const written = await whileOpen(conn, requestId, async (tx) => {
          const answers = await listStoredAnswers(tx, requestId);
          await replaceAnswers(tx, requestId, [...answers, { editKeyHash: hashOf(editKey), answer: checked.value }]);
        }).catch(async (error: unknown) => {
          await undo();
          throw error;
        });
        if (written === 'closed') {
          await undo();
          return 'closed' as const;
        }
        return 'stored' as const;
      });
      if (stored === 'closed') return { ok: false, errors: { form: CLOSED } };
      if (stored === 'declined') return { ok: false, errors: { form: 'You declined this request, so it no longer takes an answer from you.' } };
      if (stored === 'answered') return { ok: false, errors: { form: 'You have answered already.' } };
      await settle(deps, requestId);
      return { ok: true, value: { context, editKey } };
    },

    async edit(actor, editKey, input) {
      const { context } = await answerByKey(actor, editKey);
      const checked = validateAnswer(input, context.request);
      if (!checked.ok) return checked;
      const hash = hashOf(editKey);
      const updated = await whileOpen(db, context.request.id, async (tx) => {
        const answers = await listStoredAnswers(tx, context.request.id);
        if (!answers.some((a) => a.editKeyHash === hash)) return false;
        // The whole request is rewritten, so an edit leaves no mark on one row more than the others.
        await replaceAnswers(
          tx,
          context.request.id,
          answers.map((a): StoredAnswer => (a.editKeyHash === hash ? { editKeyHash: hash, answer: checked.value } : a)),
        );
        return true;
      });
      if (updated !== true) return { ok: false, errors: { form: CLOSED } };
      return { ok: true, value: context };
    },

    async decline(actor, requestId, reason) {
      const context = await contextFor(actor, requestId);
      const checked = validateDeclineReason(reason);
      if (!checked.ok) return checked;
      const outcome = await whileOpen(db, requestId, async (tx) => {
        const responded = await respondToInvitation(tx, context.invitation.id, { status: 'declined', declineReason: checked.value }, ['pending']);
        if (!responded) return 'responded' as const;
        const at = clock.now().toJSDate();
        await cancelInvitationSteps(tx, context.invitation.id, at);
        return insertSteps(tx, [
          { requestId, invitationId: context.invitation.id, recipientId: context.request.requesterId, kind: 'decline_notice', dueAt: at },
        ]);
      });
      if (outcome === 'closed') return { ok: false, errors: { form: CLOSED } };
      if (outcome === 'responded') return { ok: false, errors: { form: 'You have already answered or declined this request.' } };
      await deps.queue.steps(outcome);
      await settle(deps, requestId);
      return { ok: true, value: context };
    },

    async rateSelf(actor, requestId, ratings) {
      const { request } = await selfRatingForm(actor, requestId);
      const checked = validateSelfRating(ratings, request);
      if (!checked.ok) return checked;
      const stored = await whileOpen(db, requestId, (tx) => upsertSelfRating(tx, requestId, checked.value));
      if (stored === 'closed') return { ok: false, errors: { form: CLOSED } };
      return { ok: true, value: request };
    },

    async invitationMessage(actor, requestId) {
      const invitation = await findInvitation(db, requestId, actor.id);
      const invite = invitation && (await findDoneStep(db, invitation.id, 'invite'));
      return invite && findSentMessage(db, feedbackStepDedupeKey(invite.id));
    },
  };
}
