import type { Logger } from '../../lib/logger';
import type { CheckinService } from '../../services/checkin.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { buildNoticeModal } from '../access';
import { fieldErrorsToBlocks } from '../blocks';
import { CheckinBlock } from '../ids';
import { formSubmit } from '../submit';
import { describePeriod } from './checkin.format';
import { checkinFieldBlocks, parseCheckinMetadata, parseCheckinState } from './checkin.parse';
import { buildReminderAnsweredMessage } from './nudge.messages';

type Deps = HomeDeps & { checkins: CheckinService; logger: Logger };

/** Stores the check-in, or keeps the form open with an error beside each field that needs one. */
export function checkinSubmit(deps: Deps) {
  return formSubmit({
    name: 'save your check-in',
    logger: deps.logger,
    fallbackBlock: CheckinBlock.Wins,
    handle: async (actor, view) => {
      const metadata = parseCheckinMetadata(view.private_metadata);
      if (!metadata) return { errors: { [CheckinBlock.Wins]: 'This form is out of date. Close it and open /checkin again.' } };
      const result = await deps.checkins.submit(actor, metadata.period, parseCheckinState(view.state.values));
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, checkinFieldBlocks) };
      return {
        update: buildNoticeModal('Check-in', `:white_check_mark: Saved your check-in for ${describePeriod(result.value.period, result.value.cadence)}. Thank you!`),
        afterwards: async (client) => {
          // The nudge it answered loses its buttons, so it cannot be snoozed or skipped any more.
          if (metadata.origin) await client.chat.update({ channel: metadata.origin.channel, ts: metadata.origin.ts, ...buildReminderAnsweredMessage({ outcome: 'checked_in' }) });
          await publishHome(client, deps, actor);
        },
      };
    },
  });
}
