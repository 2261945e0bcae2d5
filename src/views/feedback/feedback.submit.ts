import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { FEEDBACK_LIMITS } from '../../domain/feedback';
import { displayName, type Person } from '../../domain/person';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { FeedbackAnswerService } from '../../services/feedback-answer.service';
import type { FeedbackFocusAreasService } from '../../services/feedback-focus-areas.service';
import type { FeedbackNoteService } from '../../services/feedback-note.service';
import type { FeedbackRequestService } from '../../services/feedback-request.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { buildNoticeModal } from '../access';
import type { SlackMessage } from '../message';
import { FeedbackBlock as B, FeedbackCallbackId } from '../ids';
import { mention } from '../people/people.format';
import { readFormState } from '../state';
import { formSubmit } from '../submit';
import { answerErrorBlocks, buildAnsweredModal, parseAnswerForm, parseSelfRatingForm, readAnswerTarget } from './answer.modal';
import { buildAskedMoreView } from './ask-more.modal';
import { buildAnsweredMessage, buildDeclinedMessage } from './feedback.messages';
import { answerBy } from './feedback.format';
import { giveFieldBlocks, parseGiveForm } from './give.modal';
import { buildRequestSentView, parseRequestForm, requestErrorBlocks } from './request.modal';
import type { ListenerRegistry } from '../../slack/listener-router';

export type FeedbackViewDeps = HomeDeps & {
  clock: Clock;
  logger: Logger;
  feedbackRequests: FeedbackRequestService;
  feedbackAnswers: FeedbackAnswerService;
  feedbackNotes: FeedbackNoteService;
  feedbackFocusAreas: FeedbackFocusAreasService;
};

const STALE_FORM = 'This form no longer matches a request. Close it and start again from the message or the Home tab.';

/** Shows the outcome in Cadence's invitation DM, in place of its buttons (or in a new DM if there is none). */
async function replaceInvitation(client: WebClient, deps: FeedbackViewDeps, actor: Person, requestId: string, message: SlackMessage): Promise<void> {
  const where = await deps.feedbackAnswers.invitationMessage(actor, requestId);
  const blocks: KnownBlock[] = message.blocks;
  if (where) await client.chat.update({ channel: where.channel, ts: where.ts, text: message.text, blocks });
  else await client.chat.postMessage({ channel: actor.slackUserId, text: message.text, blocks });
}

const refreshHome = (client: WebClient, deps: FeedbackViewDeps, actor: Person) => publishHome(client, deps, actor);

export function registerFeedbackViews(app: ListenerRegistry, deps: FeedbackViewDeps): void {
  const { logger } = deps;
  const now = () => deps.clock.now();

  app.view(
    FeedbackCallbackId.Request,
    formSubmit({
      name: 'send your feedback request',
      logger,
      fallbackBlock: B.Peers,
      handle: async (actor, view) => {
        const result = await deps.feedbackRequests.create(actor, parseRequestForm(view.state.values));
        if (!result.ok) return { errors: requestErrorBlocks(result.errors, B.Subject in view.state.values) };
        const { request, peers } = result.value;
        return { update: buildRequestSentView(request, peers, actor, now()), afterwards: (client) => refreshHome(client, deps, actor) };
      },
    }),
  );

  app.view(
    FeedbackCallbackId.Answer,
    formSubmit({
      name: 'send your feedback',
      logger,
      anonymous: true,
      fallbackBlock: `${B.RatingPrefix}0`,
      handle: async (actor, view) => {
        const target = readAnswerTarget(view.private_metadata);
        if (!target || !('requestId' in target)) return { errors: { [`${B.RatingPrefix}0`]: STALE_FORM } };
        const input = parseAnswerForm(view.state.values, FEEDBACK_LIMITS.focusAreasMax);
        const result = await deps.feedbackAnswers.answer(actor, target.requestId, input);
        if (!result.ok) return { errors: answerErrorBlocks(result.errors) };
        const { context: ctx, editKey } = result.value;
        return {
          // The edit key goes to this modal only: never a DM, a log or anything Cadence stores.
          update: buildAnsweredModal(ctx, actor, editKey, now()),
          afterwards: async (client) => {
            await replaceInvitation(client, deps, actor, target.requestId, buildAnsweredMessage(ctx));
            await refreshHome(client, deps, actor);
          },
        };
      },
    }),
  );

  app.view(
    FeedbackCallbackId.EditAnswer,
    formSubmit({
      name: 'save your changes',
      logger,
      anonymous: true,
      fallbackBlock: `${B.RatingPrefix}0`,
      handle: async (actor, view) => {
        const target = readAnswerTarget(view.private_metadata);
        if (!target || !('editKey' in target)) return { errors: { [`${B.RatingPrefix}0`]: STALE_FORM } };
        const result = await deps.feedbackAnswers.edit(actor, target.editKey, parseAnswerForm(view.state.values, FEEDBACK_LIMITS.focusAreasMax));
        if (!result.ok) return { errors: answerErrorBlocks(result.errors) };
        return {
          update: buildNoticeModal(
            'Edit your feedback',
            `:white_check_mark: Saved. Go back to change it again, until you close the confirmation or the request closes (${answerBy(result.value.request.dueAt, actor.timezone, now())}).`,
          ),
        };
      },
    }),
  );

  app.view(
    FeedbackCallbackId.Decline,
    formSubmit({
      name: 'decline the request',
      logger,
      fallbackBlock: B.DeclineReason,
      handle: async (actor, view) => {
        const target = readAnswerTarget(view.private_metadata);
        if (!target || !('requestId' in target)) return { errors: { [B.DeclineReason]: STALE_FORM } };
        const result = await deps.feedbackAnswers.decline(actor, target.requestId, readFormState(view.state.values).text(B.DeclineReason));
        if (!result.ok) return { errors: { [B.DeclineReason]: result.errors.reason ?? result.errors.form ?? '' } };
        const ctx = result.value;
        return {
          close: true,
          afterwards: async (client) => {
            await replaceInvitation(client, deps, actor, target.requestId, buildDeclinedMessage(ctx));
            await refreshHome(client, deps, actor);
          },
        };
      },
    }),
  );

  app.view(
    FeedbackCallbackId.SelfRating,
    formSubmit({
      name: 'save your ratings',
      logger,
      fallbackBlock: `${B.RatingPrefix}0`,
      handle: async (actor, view) => {
        const target = readAnswerTarget(view.private_metadata);
        if (!target || !('requestId' in target)) return { errors: { [`${B.RatingPrefix}0`]: STALE_FORM } };
        const result = await deps.feedbackAnswers.rateSelf(actor, target.requestId, parseSelfRatingForm(view.state.values, FEEDBACK_LIMITS.focusAreasMax));
        if (!result.ok) return { errors: answerErrorBlocks(result.errors) };
        return {
          update: buildNoticeModal('Rate yourself', ':white_check_mark: Saved. The summary will show your ratings beside the average of others’.'),
          afterwards: (client) => refreshHome(client, deps, actor),
        };
      },
    }),
  );

  app.view(
    FeedbackCallbackId.AskMore,
    formSubmit({
      name: 'ask them',
      logger,
      fallbackBlock: B.Peers,
      handle: async (actor, view) => {
        const target = readAnswerTarget(view.private_metadata);
        if (!target || !('requestId' in target)) return { errors: { [B.Peers]: STALE_FORM } };
        const result = await deps.feedbackRequests.askMore(actor, target.requestId, readFormState(view.state.values).users(B.Peers));
        if (!result.ok) return { errors: { [B.Peers]: result.errors.peers ?? '' } };
        return {
          update: buildAskedMoreView(result.value.progress, result.value.added, actor, now()),
          afterwards: (client) => refreshHome(client, deps, actor),
        };
      },
    }),
  );

  app.view(
    FeedbackCallbackId.Give,
    formSubmit({
      name: 'send your feedback',
      logger,
      fallbackBlock: B.Body,
      handle: async (actor, view) => {
        const result = await deps.feedbackNotes.give(actor, parseGiveForm(view.state.values));
        if (!result.ok) {
          const errors: Record<string, string> = {};
          for (const [field, message] of Object.entries(result.errors) as Array<[keyof typeof giveFieldBlocks, string | undefined]>) {
            // The share box is absent when there is no manager; its error then belongs to the person.
            const block = field === 'share' && !(B.Share in view.state.values) ? B.Recipient : giveFieldBlocks[field];
            if (message) errors[block] = message;
          }
          return { errors };
        }
        const { recipient, sharedWith } = result.value;
        const to = sharedWith ? `${mention(recipient)}, and shared with their manager ${mention(sharedWith)}` : `${mention(recipient)}, for them only`;
        return { update: buildNoticeModal('Give feedback', `:white_check_mark: Sent to ${to}. Thank you for taking the time, ${displayName(actor)}.`) };
      },
    }),
  );

  app.view(
    FeedbackCallbackId.FocusAreas,
    formSubmit({
      name: 'save the focus areas',
      logger,
      fallbackBlock: B.FocusAreaList,
      handle: async (actor, view) => {
        const result = await deps.feedbackFocusAreas.update(actor, readFormState(view.state.values).text(B.FocusAreaList));
        if (!result.ok) return { errors: { [B.FocusAreaList]: result.errors.focusAreas ?? '' } };
        return { close: true, afterwards: (client) => refreshHome(client, deps, actor) };
      },
    }),
  );
}
