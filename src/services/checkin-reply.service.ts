import type { Db } from '../db/client';
import { appendReply } from '../domain/checkin';
import type { Person } from '../domain/person';
import type { CheckinCadence } from '../domain/settings';
import type { Clock } from '../lib/clock';
import { skipScheduledReminders } from '../repositories/checkin-reminder.repository';
import { findPeriodByReminderMessage, findPeriodForUpdate, findPeriodNote, setPeriodNote } from '../repositories/checkin.repository';
import { claimSlackEvent } from '../repositories/slack-event.repository';
import type { CheckinService } from './checkin.service';

/** A message the person sent the bot in their DM with it. */
export interface DmReply {
  eventId: string;
  channel: string;
  /** The thread it was sent in; undefined for a message at the top of the DM. */
  threadTs: string | undefined;
  text: string;
}

export type DmReplyOutcome =
  /** Slack's retry of an event already acted on: say nothing more. */
  | { outcome: 'duplicate' }
  /** Not in a nudge's thread: the answer says how to check in. */
  | { outcome: 'not_in_thread' }
  /** The nudge's period is over. */
  | { outcome: 'closed' }
  /** The period's note is full (or the reply was blank). */
  | { outcome: 'too_long' }
  | { outcome: 'recorded'; period: string; cadence: CheckinCadence };

export interface CheckinReplyService {
  /**
   * Records a reply in a nudge's DM thread as the note of that nudge's period, once per Slack
   * event, while the period is still the one a check-in counts for. Its reminders stop: the person
   * answered. The period stays open for a full check-in (confidence, goals).
   */
  reply(actor: Person, message: DmReply): Promise<DmReplyOutcome>;
}

export function createCheckinReplyService(deps: { db: Db; clock: Clock; checkins: CheckinService }): CheckinReplyService {
  const { db, clock, checkins } = deps;
  return {
    async reply(actor, message) {
      // Also authorizes: only someone who may check in has their replies recorded.
      const { current, cadence } = await checkins.next(actor);
      return db.transaction().execute(async (tx): Promise<DmReplyOutcome> => {
        const now = clock.now();
        // Claimed with the note, so a crash between the two cannot drop or double a reply.
        if (!(await claimSlackEvent(tx, { eventId: message.eventId, workspaceId: actor.workspaceId }, now))) return { outcome: 'duplicate' };
        const found = message.threadTs ? await findPeriodByReminderMessage(tx, actor.id, { channel: message.channel, ts: message.threadTs }) : undefined;
        if (!found) return { outcome: 'not_in_thread' };
        if (found.period !== current.period) return { outcome: 'closed' };
        const period = await findPeriodForUpdate(tx, found.id);
        if (!period) return { outcome: 'closed' };
        const note = appendReply(await findPeriodNote(tx, period.id), message.text);
        if (note === undefined) return { outcome: 'too_long' };
        await setPeriodNote(tx, period.id, note);
        await skipScheduledReminders(tx, period.id, 'answered in the nudge thread', now);
        return { outcome: 'recorded', period: period.period, cadence };
      });
    },
  };
}
