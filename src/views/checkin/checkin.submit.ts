import type { Logger } from '../../lib/logger';
import type { CheckinService } from '../../services/checkin.service';
import type { DeliveryService } from '../../services/delivery.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { buildNoticeModal } from '../access';
import { CheckinBlock } from '../ids';
import { formSubmit } from '../submit';
import { describePeriod } from './checkin.format';
import { buildCheckinSavedMessage } from './checkin-saved.message';
import { checkinErrorBlocks, parseCheckinMetadata, parseCheckinState } from './checkin.parse';
import { buildReminderAnsweredMessage } from './nudge.messages';

export type CheckinSubmitDeps = HomeDeps & { checkins: CheckinService; delivery: DeliveryService; logger: Logger };

/** Stores the check-in, or keeps the form open with an error beside each field that needs one. */
export function checkinSubmit(deps: CheckinSubmitDeps) {
  return formSubmit({
    name: 'save your check-in',
    logger: deps.logger,
    fallbackBlock: CheckinBlock.Wins,
    handle: async (actor, view) => {
      const metadata = parseCheckinMetadata(view.private_metadata);
      if (!metadata) return { errors: { [CheckinBlock.Wins]: 'This form is out of date. Close it and open /checkin again.' } };
      const result = await deps.checkins.submit(actor, metadata.period, parseCheckinState(view.state.values, metadata.goals));
      if (!result.ok) return { errors: checkinErrorBlocks(result.errors) };
      const saved = result.value;
      return {
        update: buildNoticeModal('Check-in', `:white_check_mark: Saved your check-in for ${describePeriod(saved.period, saved.cadence)}. Thank you!`),
        afterwards: async (client) => {
          // The nudge it answered loses its buttons, so it cannot be snoozed or skipped any more.
          // The form's hidden origin is only acted on when it is a nudge this person was sent.
          if (metadata.origin && (await deps.checkins.isOwnNudge(actor, metadata.origin))) await client.chat.update({ channel: metadata.origin.channel, ts: metadata.origin.ts, ...buildReminderAnsweredMessage({ outcome: 'checked_in' }) });
          // One confirmation per save: a retried submission finds its key taken; an edit is a new save.
          await deps.delivery.sendOnce(
            { timing: 'reply', workspaceId: actor.workspaceId, personId: actor.id, slackUserId: actor.slackUserId, dedupeKey: `checkin-saved:${saved.periodId}:${saved.savedAt.toMillis()}`, kind: 'checkin-saved' },
            () => buildCheckinSavedMessage(saved),
          );
          await publishHome(client, deps, actor);
        },
      };
    },
  });
}
