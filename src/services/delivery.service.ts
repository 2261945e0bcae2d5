import type { Db } from '../db/client';
import { isActive } from '../domain/person';
import { EARLY_TOLERANCE_MS } from '../domain/job-timing';
import { nextWorkingMoment } from '../domain/working-time';
import type { Clock } from '../lib/clock';
import { NotDeliveredError, PermanentError, RateLimitedError, RunLaterError } from '../lib/errors';
import {
  claimDelivery,
  type DeliveryClaim,
  failDelivery,
  markDeliverySent,
  releaseDelivery,
} from '../repositories/delivery.repository';
import { findPersonById } from '../repositories/person.repository';
import { findPersonalSettings, findWorkspaceSettings } from '../repositories/settings.repository';
import type { Notifier, OutboundMessage } from './ports';

/**
 * When a message may go out. 'reply': it answers the recipient's own action, so at once.
 * 'working-time': Cadence starts it, so only in the recipient's working time, outside quiet hours
 * and pauses (README, "When Cadence writes to you"); earlier, `sendOnce` throws `RunLaterError`.
 */
export type DeliveryTiming = 'reply' | 'working-time';

export interface DeliveryService {
  /**
   * Sends a DM at most once per dedupe key. The ledger row is claimed before Slack is called,
   * so a retried or duplicated job finds it taken and sends nothing. Deactivated (or erased)
   * people receive nothing at all. A 'working-time' message asked for outside the recipient's
   * working time throws `RunLaterError` with the wait, and claims nothing.
   */
  sendOnce(
    claim: DeliveryClaim & { slackUserId: string; timing: DeliveryTiming },
    render: () => OutboundMessage,
  ): Promise<'sent' | 'already-handled' | 'recipient-inactive'>;
}

export function createDeliveryService(deps: { db: Db; notifier: Notifier; clock: Clock }): DeliveryService {
  const { db, notifier, clock } = deps;
  return {
    async sendOnce(claim, render) {
      const recipient = await findPersonById(db, claim.personId);
      if (!recipient || !isActive(recipient)) return 'recipient-inactive';
      if (claim.timing === 'working-time') {
        const now = clock.now();
        const [workspace, personal] = await Promise.all([findWorkspaceSettings(db, recipient.workspaceId), findPersonalSettings(db, recipient.id)]);
        const at = workspace ? nextWorkingMoment(now, recipient.timezone, workspace, personal?.pausedUntil ?? null) : now;
        const waitMs = at.toMillis() - now.toMillis();
        if (waitMs > EARLY_TOLERANCE_MS) throw new RunLaterError(waitMs);
      }
      // Rendered first: a bug in a builder is not an "outcome unknown" send.
      const message = render();
      const deliveryId = await claimDelivery(db, claim);
      if (!deliveryId) return 'already-handled';
      let posted: { channel: string; ts: string };
      try {
        posted = await notifier.sendDm(claim.workspaceId, claim.slackUserId, message);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (error instanceof RateLimitedError || error instanceof NotDeliveredError) {
          await releaseDelivery(db, deliveryId, reason);
          throw error;
        }
        await failDelivery(db, deliveryId, error instanceof PermanentError ? reason : `outcome unknown: ${reason}`);
        // Whether it arrived is unknown; a retry could send it twice, so stop here.
        throw error instanceof PermanentError ? error : new PermanentError(reason, { cause: error });
      }
      // Outside the try: the message is in Slack, so a failure here must not mark it undelivered.
      await markDeliverySent(db, deliveryId, clock.now().toJSDate(), posted);
      return 'sent';
    },
  };
}
