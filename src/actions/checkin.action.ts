import { z } from 'zod';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import type { CheckinReminderService } from '../services/checkin-reminder.service';
import type { CheckinService } from '../services/checkin.service';
import { type HomeDeps, refreshHome } from '../slack/home';
import { actionListener, type ButtonListener } from '../slack/listener';
import { buildCheckinModal } from '../views/checkin/checkin.modal';
import { buildReminderAnsweredMessage, type ReminderAnswer } from '../views/checkin/nudge.messages';

export type CheckinActionDeps = HomeDeps & { checkins: CheckinService; checkinReminders: CheckinReminderService; logger: Logger };

const messageContainer = z.object({ type: z.literal('message'), channel_id: z.string(), message_ts: z.string() });

/** "Check in now", on a nudge or on the Home tab: the form for the current period. */
export function openCheckinButton(deps: CheckinActionDeps): ButtonListener {
  return actionListener({
    name: 'open the check-in',
    logger: deps.logger,
    notices: { title: 'Check-in' },
    async handle(actor, { body }) {
      // Opened from a nudge: that DM is updated once the check-in is saved.
      const message = messageContainer.safeParse(body.container);
      const origin = message.success ? { channel: message.data.channel_id, ts: message.data.message_ts } : undefined;
      return { modal: buildCheckinModal({ ...(await deps.checkins.form(actor)), ...(origin ? { origin } : {}) }) };
    },
  });
}

/**
 * "Edit" on the confirmation DM: the form again, prefilled, while the period it edits is still the
 * one a check-in counts for. After that the answer says so plainly rather than open a form that
 * would be refused on submit.
 */
export function editCheckinButton(deps: CheckinActionDeps): ButtonListener {
  return actionListener({
    name: 'open the check-in',
    logger: deps.logger,
    notices: 'message',
    async handle(actor, { value }) {
      const edit = await deps.checkins.editForm(actor, value ?? '');
      if (edit.outcome === 'closed') return { notice: 'That check-in period is closed, so it can no longer be edited. Use /checkin for the current one.' };
      return { modal: buildCheckinModal(edit.form) };
    },
  });
}

const reminderId = z.uuid();

/**
 * "Snooze 2h" and "Skip this week" on a nudge: the DM is replaced by what happened, so its buttons
 * cannot be pressed twice. Only the person the nudge was for may answer it.
 */
function answerButton(deps: CheckinActionDeps, answer: (actor: Person, id: string) => Promise<ReminderAnswer>): ButtonListener {
  return actionListener({
    name: 'answer the reminder',
    logger: deps.logger,
    notices: 'message',
    async handle(actor, { value }) {
      const id = reminderId.safeParse(value);
      const result = id.success ? await answer(actor, id.data) : ({ outcome: 'unknown' } as const);
      return { replace: buildReminderAnsweredMessage(result), afterwards: (client) => refreshHome(client, deps, actor) };
    },
  });
}

export const snoozeButton = (deps: CheckinActionDeps) => answerButton(deps, (actor, id) => deps.checkinReminders.snooze(actor, id));
export const skipButton = (deps: CheckinActionDeps) => answerButton(deps, (actor, id) => deps.checkinReminders.skip(actor, id));
