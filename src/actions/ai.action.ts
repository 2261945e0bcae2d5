import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import { displayName, type Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import type { AiService, DraftResult } from '../services/ai.service';
import type { FeedbackNoteService } from '../services/feedback-note.service';
import { actionListener, type ButtonListener } from '../slack/listener';
import { buildNoticeModal } from '../views/access';
import { buildDraftModal, DRAFTING, noDraftText } from '../views/ai/draft.modal';
import { buildGiveModal, parseGiveForm } from '../views/feedback/give.modal';
import { AiAction } from '../views/ids';
import type { ListenerRegistry } from '../slack/listener-router';

export interface AiActionDeps {
  ai: AiService;
  feedbackNotes: FeedbackNoteService;
  logger: Logger;
}

/** A draft button: the draft stacked on the modal it was offered in (at once, filled in when drafted), or why there is none. */
function opensDraft(
  deps: AiActionDeps,
  title: string,
  load: (actor: Person, value: string) => Promise<{ result: DraftResult; heading: (subject: Person) => string }>,
): ButtonListener {
  return actionListener({
    name: `draft the ${title.toLowerCase()}`,
    logger: deps.logger,
    notices: { title },
    value: z.uuid(),
    handle: async (actor, { value }) => ({
      pending: DRAFTING,
      result: async () => {
        const { result, heading } = await load(actor, value);
        return { modal: result.ok ? buildDraftModal(result.draft, title, heading(result.subject)) : buildNoticeModal(title, noDraftText(result.reason)) };
      },
    }),
  });
}

export function registerAiActions(app: ListenerRegistry, deps: AiActionDeps): void {
  app.action(
    AiAction.Prep,
    opensDraft(deps, '1:1 prep', async (actor, reportId) => ({
      result: await deps.ai.prepQuestions(actor, reportId),
      heading: (report) => `Questions for your 1:1 with ${displayName(report)}`,
    })),
  );
  app.action(
    AiAction.Synthesis,
    opensDraft(deps, 'Feedback synthesis', async (actor, requestId) => ({
      result: await deps.ai.feedbackSynthesis(actor, requestId),
      heading: (subject) => (subject.id === actor.id ? 'Your feedback, synthesised' : `Feedback about ${displayName(subject)}, synthesised`),
    })),
  );

  // The writing check redraws the form with its suggestions; what was typed stays (same block ids).
  app.action(
    AiAction.CheckWriting,
    actionListener({
      name: 'check the writing',
      logger: deps.logger,
      notices: { title: 'Feedback' },
      async handle(actor, { body }) {
        if (body.view?.type !== 'modal') return { nothing: true };
        const form = parseGiveForm(body.view.state.values);
        const suggestions = await deps.ai.writingCheck(actor, { text: form.body ?? '' });
        const audience = form.recipientSlackId
          ? await deps.feedbackNotes.audience(actor, form.recipientSlackId).catch((error: unknown) => {
              if (error instanceof AccessDeniedError) return undefined;
              throw error;
            })
          : undefined;
        const writing = suggestions === undefined ? { offered: false } : { offered: true, suggestions };
        return { modal: buildGiveModal(audience, writing), place: 'replace' };
      },
    }),
  );
}
