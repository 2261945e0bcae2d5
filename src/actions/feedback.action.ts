import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { AiService } from '../services/ai.service';
import type { FeedbackAnswerService } from '../services/feedback-answer.service';
import type { FeedbackFocusAreasService } from '../services/feedback-focus-areas.service';
import type { FeedbackNoteService } from '../services/feedback-note.service';
import type { FeedbackRequestService } from '../services/feedback-request.service';
import { actionListener, type ListenerOutcome } from '../slack/listener';
import { buildNoticeModal } from '../views/access';
import { buildAnswerModal, buildDeclineModal, buildSelfRatingModal } from '../views/feedback/answer.modal';
import { buildAskMoreModal } from '../views/feedback/ask-more.modal';
import { buildFocusAreasModal } from '../views/feedback/focus-areas.modal';
import { type FormUnavailable, formUnavailableText } from '../views/feedback/form-unavailable';
import { buildGiveModal } from '../views/feedback/give.modal';
import { buildRequestFormView } from '../views/feedback/request.modal';
import { buildSummaryModal } from '../views/feedback/summary.modal';
import { FeedbackAction, FeedbackBlock, VALUE_ACTION } from '../views/ids';
import type { ListenerRegistry } from '../slack/listener-router';

export interface FeedbackActionDeps {
  clock: Clock;
  logger: Logger;
  feedbackRequests: FeedbackRequestService;
  feedbackAnswers: FeedbackAnswerService;
  feedbackNotes: FeedbackNoteService;
  feedbackFocusAreas: FeedbackFocusAreasService;
  ai: AiService;
}

const TITLE = 'Feedback';
const requestId = z.uuid();
const editKey = z.string().min(20).max(100);

export function registerFeedbackActions(app: ListenerRegistry, deps: FeedbackActionDeps): void {
  const now = () => deps.clock.now();
  const unavailable = (why: FormUnavailable, actor: Person): ListenerOutcome => ({ modal: buildNoticeModal(TITLE, formUnavailableText(why, actor, now())) });

  /**
   * A button whose value names a request (or an edit key): what it opens comes from a service, and
   * a refusal or a stale value is answered with `refused` in a notice rather than silence.
   */
  const opens = <T>(actionId: string, value: z.ZodType<T>, refused: string, handle: (actor: Person, value: T) => Promise<ListenerOutcome>) =>
    app.action(
      actionId,
      actionListener({ name: 'open the feedback form', logger: deps.logger, notices: { title: TITLE }, refused, value, handle: (actor, input) => handle(actor, input.value) }),
    );
  /** A button that opens the same modal whatever its value (the Home tab's ways in). */
  const opensPlain = (actionId: string, load: (actor: Person) => Promise<ModalView>) =>
    app.action(
      actionId,
      actionListener({ name: 'open the feedback form', logger: deps.logger, notices: { title: TITLE }, handle: async (actor) => ({ modal: await load(actor) }) }),
    );

  const notYours = 'This feedback request was not sent to you.';
  opens(FeedbackAction.Answer, requestId, notYours, async (actor, id) => {
    const found = await deps.feedbackAnswers.answerForm(actor, id);
    return found.outcome === 'open' ? { modal: buildAnswerModal(found.form, actor, now()) } : unavailable({ form: 'answer', outcome: found.outcome }, actor);
  });
  opens(FeedbackAction.Decline, requestId, notYours, async (actor, id) => {
    const found = await deps.feedbackAnswers.declineForm(actor, id);
    return found.outcome === 'open' ? { modal: buildDeclineModal(found.form, actor) } : unavailable({ form: 'decline', ...found }, actor);
  });
  opens(FeedbackAction.EditAnswer, editKey, 'Only the person who wrote this answer can change it.', async (actor, key) => {
    const found = await deps.feedbackAnswers.editForm(actor, key);
    if (found.outcome !== 'open') return unavailable({ form: 'edit', outcome: found.outcome }, actor);
    const { answer, ...form } = found.form;
    return { modal: buildAnswerModal(form, actor, now(), { editKey: key, answer }) };
  });
  opens(FeedbackAction.RateSelf, requestId, 'Only the person the feedback is about rates themself.', async (actor, id) => {
    const found = await deps.feedbackAnswers.selfRatingForm(actor, id);
    return found.outcome === 'open' ? { modal: buildSelfRatingModal(found.request, found.ratings) } : unavailable({ form: 'self-rating', outcome: found.outcome }, actor);
  });
  opens(FeedbackAction.ViewSummary, requestId, "You can't see that. A feedback summary is for the person it is about and their manager.", async (actor, id) => {
    const [{ progress, summary }, ai] = await Promise.all([deps.feedbackRequests.summary(actor, id), deps.ai.availability(actor)]);
    return { modal: buildSummaryModal(progress, summary, actor, now(), { offerSynthesis: ai.via !== 'none' }) };
  });
  opens(FeedbackAction.AskMore, requestId, 'Only the person who made this request can add people to it.', async (actor, id) => {
    const found = await deps.feedbackRequests.askMoreForm(actor, id);
    return found.outcome === 'open' ? { modal: buildAskMoreModal(found.form, actor, now()) } : unavailable({ form: 'ask-more', ...found }, actor);
  });

  opensPlain(FeedbackAction.Request, async (actor) => buildRequestFormView(await deps.feedbackRequests.form(actor, null), actor, now()));
  opensPlain(FeedbackAction.Give, async (actor) => buildGiveModal(undefined, { offered: await deps.ai.writingCheckOffered(actor) }));
  opensPlain(FeedbackAction.FocusAreas, async (actor) => buildFocusAreasModal(await deps.feedbackFocusAreas.forAdmin(actor)));

  // Picking whom the feedback is for redraws the form so it names their manager before sending.
  app.action(
    { block_id: FeedbackBlock.Recipient, action_id: VALUE_ACTION },
    actionListener({
      name: 'update the feedback form',
      logger: deps.logger,
      notices: { title: TITLE },
      async handle(actor, { value }) {
        if (!value) return { nothing: true };
        const audience = await deps.feedbackNotes.audience(actor, value).catch((error: unknown) => {
          if (error instanceof AccessDeniedError) return undefined;
          throw error;
        });
        return { modal: buildGiveModal(audience, { offered: await deps.ai.writingCheckOffered(actor) }), place: 'replace' };
      },
    }),
  );
}
