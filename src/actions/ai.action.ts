import type { App, BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import { displayName, type Person } from '../domain/person';
import type { AiService, DraftResult } from '../services/ai.service';
import type { FeedbackNoteService } from '../services/feedback-note.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { buildNoticeModal, NOT_ALLOWED } from '../views/access';
import { buildDraftModal, noDraftText } from '../views/ai/draft.modal';
import { buildGiveModal, parseGiveForm } from '../views/feedback/give.modal';
import { AiAction } from '../views/ids';

export interface AiActionDeps {
  ai: AiService;
  feedbackNotes: FeedbackNoteService;
}

const id = z.uuid();

/** A draft button: the draft stacked on the modal it was offered in, or why there is none. */
function opensDraft(title: string, load: (actor: Person, value: string) => Promise<{ result: DraftResult; heading: (subject: Person) => string }>): Middleware<
  SlackActionMiddlewareArgs<BlockAction<ButtonAction>>,
  CadenceContext
> {
  return async ({ ack, action, body, client, context }) => {
    await ack();
    const actor = context.actor;
    const value = id.safeParse(action.value);
    let view: ModalView;
    try {
      if (!actor) view = buildNoticeModal(title, ACTOR_UNAVAILABLE);
      else if (!value.success) view = buildNoticeModal(title, NOT_ALLOWED);
      else {
        const { result, heading } = await load(actor, value.data);
        view = result.ok ? buildDraftModal(result.draft, title, heading(result.subject)) : buildNoticeModal(title, noDraftText(result.reason));
      }
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      view = buildNoticeModal(title, NOT_ALLOWED);
    }
    if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
    else await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

export function registerAiActions(app: App<CadenceContext>, deps: AiActionDeps): void {
  app.action<BlockAction<ButtonAction>>(
    AiAction.Prep,
    opensDraft('1:1 prep', async (actor, reportId) => ({
      result: await deps.ai.prepQuestions(actor, reportId),
      heading: (report) => `Questions for your 1:1 with ${displayName(report)}`,
    })),
  );
  app.action<BlockAction<ButtonAction>>(
    AiAction.Synthesis,
    opensDraft('Feedback synthesis', async (actor, requestId) => ({
      result: await deps.ai.feedbackSynthesis(actor, requestId),
      heading: (subject) => (subject.id === actor.id ? 'Your feedback, synthesised' : `Feedback about ${displayName(subject)}, synthesised`),
    })),
  );

  // The writing check redraws the form with its suggestions; what was typed stays (same block ids).
  app.action<BlockAction>(AiAction.CheckWriting, async ({ ack, body, client, context }) => {
    await ack();
    const actor = context.actor;
    if (!actor || body.view?.type !== 'modal') return;
    const form = parseGiveForm(body.view.state.values);
    const suggestions = await deps.ai.writingCheck(actor, { text: form.body ?? '' });
    let audience;
    try {
      audience = form.recipientSlackId ? await deps.feedbackNotes.audience(actor, form.recipientSlackId) : undefined;
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      audience = undefined;
    }
    const writing = suggestions === undefined ? { offered: false } : { offered: true, suggestions };
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: buildGiveModal(audience, writing) });
  });
}
