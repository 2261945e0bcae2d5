import type { App, BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
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
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { buildNoticeModal, NOT_ALLOWED } from '../views/access';
import { buildDeclineModal, buildAnswerModal, buildSelfRatingModal } from '../views/feedback/answer.modal';
import { buildAskMoreModal } from '../views/feedback/ask-more.modal';
import { answerBy } from '../views/feedback/feedback.format';
import { buildFocusAreasModal } from '../views/feedback/focus-areas.modal';
import { buildGiveModal } from '../views/feedback/give.modal';
import { buildOpenRequestView, buildRequestModal } from '../views/feedback/request.modal';
import { buildSummaryModal } from '../views/feedback/summary.modal';
import { FeedbackAction, FeedbackBlock, VALUE_ACTION } from '../views/ids';

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

/** The request form, or what stands in its place when one is already open. */
export async function requestModalFor(deps: FeedbackActionDeps, actor: Person, aboutSlackId: string | null): Promise<ModalView> {
  const form = await deps.feedbackRequests.form(actor, aboutSlackId);
  return form.open ? buildOpenRequestView(form.open, actor, deps.clock.now()) : buildRequestModal(form, actor);
}

/**
 * A button whose value names a request (or an edit key): loads what it opens through a service,
 * and answers a refusal or a stale value with a notice rather than silence.
 */
function opens<T>(
  parse: z.ZodType<T>,
  load: (actor: Person, value: T) => Promise<ModalView>,
  refused = NOT_ALLOWED,
): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, CadenceContext> {
  return async (args) => {
    const { ack, action, body, client, context } = args;
    await ack();
    const actor = context.actor;
    const value = parse.safeParse(action.value);
    let view: ModalView;
    try {
      if (!actor) view = buildNoticeModal(TITLE, ACTOR_UNAVAILABLE);
      else if (!value.success) view = buildNoticeModal(TITLE, refused);
      else view = await load(actor, value.data);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      view = buildNoticeModal(TITLE, refused);
    }
    // A button inside a modal stacks the new one on it; anywhere else opens one.
    if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
    else await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

/** A button that opens the same modal whatever its value (the Home tab's ways in). */
function opensPlain(load: (actor: Person) => Promise<ModalView>): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return async ({ ack, body, client, context }) => {
    await ack();
    let view: ModalView;
    try {
      view = context.actor ? await load(context.actor) : buildNoticeModal(TITLE, ACTOR_UNAVAILABLE);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      view = buildNoticeModal(TITLE, NOT_ALLOWED);
    }
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

export function registerFeedbackActions(app: App<CadenceContext>, deps: FeedbackActionDeps): void {
  const now = () => deps.clock.now();
  const notYours = 'This feedback request was not sent to you.';

  app.action<BlockAction<ButtonAction>>(
    FeedbackAction.Answer,
    opens(
      requestId,
      async (actor, id) => {
        const ctx = await deps.feedbackAnswers.answerForm(actor, id);
        if (ctx.invitation.status === 'answered')
          return buildNoticeModal(TITLE, 'You have answered already. To change your answer, use “Edit my answer” in your DM with Cadence.');
        if (!ctx.open) return buildNoticeModal(TITLE, 'This request is closed: answers can no longer be added.');
        return buildAnswerModal(ctx, actor, now());
      },
      notYours,
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    FeedbackAction.Decline,
    opens(
      requestId,
      async (actor, id) => {
        const ctx = await deps.feedbackAnswers.answerForm(actor, id);
        if (ctx.invitation.status !== 'pending') return buildNoticeModal(TITLE, `You have already ${ctx.invitation.status} this request.`);
        if (!ctx.open) return buildNoticeModal(TITLE, 'This request is closed already.');
        return buildDeclineModal(ctx, actor);
      },
      notYours,
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    FeedbackAction.EditAnswer,
    opens(
      editKey,
      async (actor, key) => {
        const found = await deps.feedbackAnswers.editForm(actor, key);
        if (!found.open) return buildNoticeModal(TITLE, 'This request is closed: answers can no longer be changed.');
        const { answer, ...ctx } = found;
        return buildAnswerModal(ctx, actor, now(), { editKey: key, answer });
      },
      'Only the person who wrote this answer can change it.',
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    FeedbackAction.RateSelf,
    opens(
      requestId,
      async (actor, id) => {
        const { request, ratings, open } = await deps.feedbackAnswers.selfRatingForm(actor, id);
        if (!open) return buildNoticeModal(TITLE, 'This request is closed: your own ratings can no longer be changed.');
        return buildSelfRatingModal(request, ratings);
      },
      'Only the person the feedback is about rates themself.',
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    FeedbackAction.ViewSummary,
    opens(
      requestId,
      async (actor, id) => {
        const [{ progress, summary }, ai] = await Promise.all([deps.feedbackRequests.summary(actor, id), deps.ai.availability(actor)]);
        return buildSummaryModal(progress, summary, actor, now(), { offerSynthesis: ai.via !== 'none' });
      },
      "You can't see that. A feedback summary is for the person it is about and their manager.",
    ),
  );

  app.action<BlockAction<ButtonAction>>(
    FeedbackAction.AskMore,
    opens(
      requestId,
      async (actor, id) => {
        const form = await deps.feedbackRequests.askMoreForm(actor, id);
        const { request, room } = form.progress;
        if (request.status !== 'open') return buildNoticeModal(TITLE, 'This request is closed. Start a new one with `/feedback request`.');
        if (room <= 0) return buildNoticeModal(TITLE, `Nobody is left to replace: everyone asked has answered. Answers are due by ${answerBy(request.dueAt, actor.timezone, now())}.`);
        return buildAskMoreModal(form, actor, now());
      },
      'Only the person who made this request can add people to it.',
    ),
  );

  app.action<BlockAction>(FeedbackAction.Request, opensPlain((actor) => requestModalFor(deps, actor, null)));
  app.action<BlockAction>(FeedbackAction.Give, opensPlain(async (actor) => buildGiveModal(undefined, { offered: await deps.ai.writingCheckOffered(actor) })));
  app.action<BlockAction>(FeedbackAction.FocusAreas, opensPlain(async (actor) => buildFocusAreasModal(await deps.feedbackFocusAreas.forAdmin(actor))));

  // Picking whom the feedback is for redraws the form so it names their manager before sending.
  app.action<BlockAction>({ block_id: FeedbackBlock.Recipient, action_id: VALUE_ACTION }, async ({ ack, action, body, client, context }) => {
    await ack();
    const picked = action.type === 'users_select' ? action.selected_user : undefined;
    if (!context.actor || !picked || !body.view) return;
    let audience;
    try {
      audience = await deps.feedbackNotes.audience(context.actor, picked);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      audience = undefined;
    }
    const offered = await deps.ai.writingCheckOffered(context.actor);
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: buildGiveModal(audience, { offered }) });
  });
}
