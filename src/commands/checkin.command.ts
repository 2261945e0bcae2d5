import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { AccessDeniedError } from '../domain/access-policy';
import type { CheckinService } from '../services/checkin.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { buildNoticeModal, NOT_ALLOWED } from '../views/access';
import { buildCheckinHelpMessage } from '../views/checkin/checkin.messages';
import { buildCheckinModal } from '../views/checkin/checkin.modal';
import { buildErrorMessage, type SlackMessage } from '../views/goal/goal.messages';

export interface CheckinCommandDeps {
  checkins: CheckinService;
}

/** `/checkin [help]`: a bare command opens the check-in for the current period. */
export function checkinCommand(deps: CheckinCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return async ({ command, ack, respond, client, context }) => {
    await ack();
    const text = command.text.trim();
    const reply = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });
    if (text === '') {
      const actor = context.actor;
      if (!actor) return void (await reply(buildErrorMessage(ACTOR_UNAVAILABLE)));
      let view: ModalView;
      try {
        view = buildCheckinModal(await deps.checkins.form(actor));
      } catch (error) {
        if (!(error instanceof AccessDeniedError)) throw error;
        view = buildNoticeModal('Not allowed', NOT_ALLOWED);
      }
      await client.views.open({ trigger_id: command.trigger_id, view });
      return;
    }
    await reply(buildCheckinHelpMessage(text.toLowerCase() === 'help' ? undefined : text));
  };
}
