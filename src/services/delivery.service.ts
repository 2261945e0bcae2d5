import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { isActive } from '../domain/person';
import { retryDelayMs } from '../domain/delivery-retry';
import { EARLY_TOLERANCE_MS } from '../domain/job-timing';
import { nextWorkingMoment } from '../domain/working-time';
import type { Clock } from '../lib/clock';
import { bindLogWorkspace } from '../lib/log-scope';
import { NotDeliveredError, OutcomeUnknownError, PermanentError, RateLimitedError, RunLaterError } from '../lib/errors';
import {
  claimDelivery,
  type DeliveryClaim,
  failDelivery,
  markDeliverySent,
  markDeliveryUnknown,
  releaseDelivery,
} from '../repositories/delivery.repository';
import { findPersonById } from '../repositories/person.repository';
import { findPersonalSettings, findWorkspaceSettings } from '../repositories/settings.repository';
import type { Notifier, OutboundMessage, PostedMessage, ServedWorkspaces } from './ports';

/**
 * When a message may go out. 'reply': it answers the recipient's own action, so at once.
 * 'working-time': Cadence starts it, so only in the recipient's working time, outside quiet hours
 * and pauses (README, "When Cadence writes to you"); earlier, `sendOnce` throws `RunLaterError`.
 */
export type DeliveryTiming = 'reply' | 'working-time';

/** How often a copy of a send that another attempt holds checks back. */
const HELD_RECHECK_MS = 5000;

/** How long a message is worth retrying through an outage when its sender names no deadline. */
const DEFAULT_USEFUL_FOR_MS = 24 * 3_600_000;

export interface DeliveryService {
  /**
   * Sends a DM exactly once per dedupe key. The ledger row is claimed (with a lease) before Slack
   * is called, so a retried or duplicated job finds it taken and sends nothing. Deactivated (or
   * erased) people, and anyone in a workspace Cadence was uninstalled from, receive nothing at all. A 'working-time' message asked for outside the
   * recipient's working time throws `RunLaterError` with the wait, and claims nothing.
   *
   * Through faults: a send that certainly did not happen (Slack refused or was unreachable) and one
   * whose answer was lost both throw `RunLaterError` with a growing wait until `usefulUntil`
   * (default a day after the first try), then `PermanentError`. Before sending again after a lost
   * answer or a sender that died, Slack's DM history is checked for the message's ledger key: found,
   * it is recorded as sent. A 429 throws `RateLimitedError`, for the queue to pause.
   */
  sendOnce(
    claim: DeliveryClaim & { slackUserId: string; timing: DeliveryTiming; usefulUntil?: DateTime },
    render: () => OutboundMessage,
  ): Promise<DeliveryOutcome>;
}

/** 'workspace-not-served': Cadence was uninstalled from the recipient's workspace; nothing is claimed. */
export type DeliveryOutcome = 'sent' | 'already-handled' | 'recipient-inactive' | 'workspace-not-served';

/** Whether a message reached, or may still reach, its recipient: false for someone Cadence can no longer write to. */
export const reachable = (outcome: DeliveryOutcome): boolean => outcome !== 'recipient-inactive' && outcome !== 'workspace-not-served';

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createDeliveryService(deps: {
  db: Db;
  notifier: Notifier;
  clock: Clock;
  workspaces?: ServedWorkspaces;
}): DeliveryService {
  const { db, notifier, clock } = deps;

  /**
   * Retries until the message stops being useful; then it is failed for good, where admins look.
   * `leftMs`: how long it stays useful from now.
   */
  const retryOrGiveUp = async (id: string, attempts: number, leftMs: number, error: Error): Promise<never> => {
    const waitMs = retryDelayMs(attempts);
    if (waitMs < leftMs) throw new RunLaterError(waitMs);
    const reason = `gave up: ${error.message}`;
    await failDelivery(db, id, reason);
    throw new PermanentError(reason, { cause: error });
  };

  return {
    async sendOnce(claim, render) {
      const recipient = await findPersonById(db, claim.personId);
      if (!recipient || !isActive(recipient)) return 'recipient-inactive';
      bindLogWorkspace(recipient.workspaceId);
      // Checked for every send, so an uninstall stops every job at once, without a retry.
      if (deps.workspaces && !(await deps.workspaces.serves(recipient.workspaceId))) return 'workspace-not-served';
      if (claim.timing === 'working-time') {
        const now = clock.now();
        const [workspace, personal] = await Promise.all([findWorkspaceSettings(db, recipient.workspaceId, recipient.homeTeamId), findPersonalSettings(db, recipient.id)]);
        const at = workspace ? nextWorkingMoment(now, recipient.timezone, workspace, personal?.pausedUntil ?? null) : now;
        const waitMs = at.toMillis() - now.toMillis();
        if (waitMs > EARLY_TOLERANCE_MS) throw new RunLaterError(waitMs);
      }
      // Rendered first: a bug in a builder is not an "outcome unknown" send.
      const message = render();
      const claimed = await claimDelivery(db, claim);
      if (claimed.state === 'done') return 'already-handled';
      // Another attempt is sending it: come back once it is likely through (a live sender is done
      // within the client's timeout), at the latest when its lease has run out, to see what it did.
      if (claimed.state === 'held') throw new RunLaterError(Math.min(HELD_RECHECK_MS, Math.max(1000, claimed.retryInMs)));
      const { id, attempts, since } = claimed;
      // The sender's deadline is on the service's clock; the default on the ledger's (Postgres's).
      const leftMs = () => (claim.usefulUntil ? claim.usefulUntil.toMillis() - clock.now().toMillis() : DEFAULT_USEFUL_FOR_MS - claimed.ageMs);

      if (claimed.verify) {
        let found: PostedMessage | undefined;
        try {
          found = await notifier.findDm(claim.workspaceId, claim.slackUserId, claim.dedupeKey, since);
        } catch (error) {
          // Still unknown: nothing may be sent until Slack's history can be read.
          await markDeliveryUnknown(db, id, `could not check Slack's history: ${reasonOf(error)}`, false);
          if (error instanceof RateLimitedError) throw error;
          return retryOrGiveUp(id, attempts, leftMs(), error instanceof Error ? error : new Error(String(error)));
        }
        if (found) {
          await markDeliverySent(db, id, clock.now().toJSDate(), found);
          return 'sent';
        }
      }

      let posted: PostedMessage;
      try {
        posted = await notifier.sendDm(claim.workspaceId, claim.slackUserId, message, claim.dedupeKey);
      } catch (error) {
        const reason = reasonOf(error);
        if (error instanceof PermanentError) {
          await failDelivery(db, id, reason);
          throw error;
        }
        if (error instanceof RateLimitedError) {
          await releaseDelivery(db, id, reason);
          throw error;
        }
        if (error instanceof NotDeliveredError) {
          await releaseDelivery(db, id, reason);
          return retryOrGiveUp(id, attempts, leftMs(), error);
        }
        await markDeliveryUnknown(db, id, `outcome unknown: ${reason}`);
        return retryOrGiveUp(id, attempts, leftMs(), new OutcomeUnknownError(reason, { cause: error }));
      }
      // Outside the try: the message is in Slack, so a failure here must not mark it undelivered.
      await markDeliverySent(db, id, clock.now().toJSDate(), posted);
      return 'sent';
    },
  };
}
