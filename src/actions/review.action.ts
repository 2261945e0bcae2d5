import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import type { ReviewService } from '../services/review.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { buildNoticeModal, NOT_ALLOWED } from '../views/access';
import { buildReviewFormModal } from '../views/review/review-form.modal';
import { buildSignOffModal } from '../views/review/sign-off.modal';

export type ReviewActionDeps = { reviews: ReviewService };

const openValue = z.templateLiteral([z.uuid(), ':', z.enum(['self', 'manager'])]);

/** "Open the form" beside a waiting item: the self-assessment or manager review, for whoever may write it. */
export function openReviewButton(deps: ReviewActionDeps): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, CadenceContext> {
  return async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = context.actor;
    const value = openValue.safeParse(action.value);
    let view: ModalView;
    try {
      if (!actor) view = buildNoticeModal('Cadence', ACTOR_UNAVAILABLE);
      else if (!value.success) view = buildNoticeModal('Review', 'This button is out of date. Type /review to see what is waiting.');
      else {
        const [participantId = '', role] = value.data.split(':') as [string, 'self' | 'manager'];
        view = buildReviewFormModal(await deps.reviews.form(actor, participantId, role));
      }
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      view = buildNoticeModal('Not allowed', NOT_ALLOWED);
    }
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

/** "Read and sign off" on a sign-off request: the review as the reader may read it (audited), with the form. */
export function openSignOffButton(deps: ReviewActionDeps): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, CadenceContext> {
  return async ({ ack, body, action, client, context }) => {
    await ack();
    const actor = context.actor;
    const participantId = z.uuid().safeParse(action.value);
    let view: ModalView;
    try {
      if (!actor) view = buildNoticeModal('Cadence', ACTOR_UNAVAILABLE);
      else if (!participantId.success) view = buildNoticeModal('Review', 'This button is out of date. Type /review to see what is waiting.');
      else view = buildSignOffModal(await deps.reviews.read(actor, participantId.data), participantId.data, actor);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      view = buildNoticeModal('Not allowed', NOT_ALLOWED);
    }
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}
