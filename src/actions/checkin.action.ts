import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import type { CheckinReminderService } from '../services/checkin-reminder.service';
import type { CheckinService } from '../services/checkin.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { type HomeDeps, publishHome } from '../slack/home';
import { buildNoticeModal, NOT_ALLOWED } from '../views/access';
import { buildCheckinModal } from '../views/checkin/checkin.modal';
import { buildReminderAnsweredMessage, type ReminderAnswer } from '../views/checkin/nudge.messages';

export type CheckinActionDeps = HomeDeps & { checkins: CheckinService; checkinReminders: CheckinReminderService; logger: Logger };

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const messageContainer = z.object({ type: z.literal('message'), channel_id: z.string(), message_ts: z.string() });

/** "Check in now", on a nudge or on the Home tab: the form for the current period. */
export function openCheckinButton(deps: CheckinActionDeps): Middleware<ButtonArgs, CadenceContext> {
  return async ({ ack, body, client, context }) => {
    await ack();
    const actor = context.actor;
    // Opened from a nudge: that DM is updated once the check-in is saved.
    const message = messageContainer.safeParse(body.container);
    const origin = message.success ? { channel: message.data.channel_id, ts: message.data.message_ts } : undefined;
    let view: ModalView;
    try {
      view = actor ? buildCheckinModal({ ...(await deps.checkins.form(actor)), ...(origin ? { origin } : {}) }) : buildNoticeModal('Cadence', ACTOR_UNAVAILABLE);
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      view = buildNoticeModal('Not allowed', NOT_ALLOWED);
    }
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

const period = z.iso.date();

/**
 * "Edit" on the confirmation DM: the form again, prefilled, while the period it edits is still the
 * one a check-in counts for. After that the answer says so plainly rather than open a form that
 * would be refused on submit.
 */
export function editCheckinButton(deps: CheckinActionDeps): Middleware<ButtonArgs, CadenceContext> {
  return async ({ ack, action, body, respond, client, context }) => {
    await ack();
    const actor = context.actor;
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    if (!actor) return void (await tell(ACTOR_UNAVAILABLE));
    const edited = period.safeParse(action.value);
    try {
      const form = await deps.checkins.form(actor);
      if (!edited.success || edited.data !== form.period) {
        return void (await tell('That check-in period is closed, so it can no longer be edited. Use /checkin for the current one.'));
      }
      await client.views.open({ trigger_id: body.trigger_id, view: buildCheckinModal(form) });
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      await tell(NOT_ALLOWED);
    }
  };
}

const reminderId = z.uuid();

/**
 * "Snooze 2h" and "Skip this week" on a nudge: the DM is replaced by what happened, so its buttons
 * cannot be pressed twice. Only the person the nudge was for may answer it.
 */
function answerButton(
  deps: CheckinActionDeps,
  answer: (actor: Person, id: string) => Promise<ReminderAnswer>,
): Middleware<ButtonArgs, CadenceContext> {
  return async ({ ack, action, body, respond, client, context }) => {
    await ack();
    const actor = context.actor;
    const fromMessage = body.container.type === 'message';
    const tell = (text: string) => (fromMessage ? respond({ response_type: 'ephemeral', replace_original: false, text }) : undefined);
    if (!actor) return void (await tell(ACTOR_UNAVAILABLE));
    const id = reminderId.safeParse(action.value);
    try {
      const result = id.success ? await answer(actor, id.data) : ({ outcome: 'unknown' } as const);
      if (fromMessage) await respond({ replace_original: true, ...buildReminderAnsweredMessage(result) });
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      return void (await tell(NOT_ALLOWED));
    }
    await publishHome(client, deps, actor).catch((error: unknown) => deps.logger.warn({ err: error, person: actor.id }, 'could not refresh the Home tab'));
  };
}

export const snoozeButton = (deps: CheckinActionDeps) => answerButton(deps, (actor, id) => deps.checkinReminders.snooze(actor, id));
export const skipButton = (deps: CheckinActionDeps) => answerButton(deps, (actor, id) => deps.checkinReminders.skip(actor, id));
