import { DateTime } from 'luxon';
import { FEEDBACK_LIMITS } from './feedback';
import { nextNudgeTime, nextWorkingMoment, type WorkingTime } from './working-time';

/**
 * When each message of a request goes out. Pure: the service stores the plan as rows (what must
 * be sent, and when) and queues a delayed job per row. Every message to a peer lands in their own
 * working hours; the close of a request does not wait for anyone's office hours.
 */

export type PeerStepKind = 'invite' | 'follow_up' | 'last_reminder';

export interface PlannedStep<K extends string = string> {
  kind: K;
  at: DateTime;
}

/** Someone a message goes to, as far as timing is concerned. */
export interface Recipient {
  timezone: string;
  /** The last day of a pause in their own calendar, or null. */
  awayUntil: string | null;
}

export interface RequestTiming {
  now: DateTime;
  dueOn: string;
  dueAt: DateTime;
  requesterZone: string;
  rules: WorkingTime;
}

const latest = (times: readonly DateTime[]): DateTime => times.reduce((a, b) => (b > a ? b : a));

/**
 * "1 day before the due date", on the recipient's own calendar: the last working day before it
 * (Friday for a Monday due date), from the start of their working hours.
 */
function dayBeforeDue(timing: RequestTiming, zone: string): DateTime {
  let day = DateTime.fromISO(timing.dueOn, { zone }).minus({ days: 1 });
  for (let back = 0; back < 7 && !timing.rules.workingDays.some((d) => d === day.weekday); back += 1) day = day.minus({ days: 1 });
  return nextNudgeTime(day.startOf('day'), zone, timing.rules);
}

export function lastReminderAt(timing: RequestTiming, peer: Recipient): DateTime {
  return dayBeforeDue(timing, peer.timezone);
}

/** Whether a follow-up is owed at all: day 5 after the invitation comes before the due time. */
export function followUpOwed(invite: DateTime, dueAt: DateTime): boolean {
  return invite.plus({ days: FEEDBACK_LIMITS.followUpAfterDays }) < dueAt;
}

/**
 * A newly asked peer's messages: the invitation at once (or when their working day starts, or when
 * they are back from a pause), a follow-up 5 days later (moved into their working time), and a
 * last reminder on the working day before the due date. When the follow-up would fall on the last
 * reminder's day or after it (a weekend in between), there is one message, the last reminder,
 * which says it is both (see `followUpOwed`). A reminder after the due time is left out.
 */
export function planPeerSteps(timing: RequestTiming, peer: Recipient): Array<PlannedStep<PeerStepKind>> {
  const { now, dueAt, rules } = timing;
  const earliest = nextWorkingMoment(now, peer.timezone, rules, peer.awayUntil);
  // A request must reach them while it is open, working hours or not.
  const invite = earliest < dueAt ? earliest : now;
  const steps: Array<PlannedStep<PeerStepKind>> = [{ kind: 'invite', at: invite }];
  const last = lastReminderAt(timing, peer);
  const hasLast = last > invite && last < dueAt;
  const followUp = nextNudgeTime(invite.plus({ days: FEEDBACK_LIMITS.followUpAfterDays }), peer.timezone, rules);
  const dayOf = (at: DateTime) => at.setZone(peer.timezone).toISODate() ?? '';
  const separateFollowUp = followUpOwed(invite, dueAt) && followUp < dueAt && (!hasLast || dayOf(followUp) < dayOf(last));
  if (separateFollowUp) steps.push({ kind: 'follow_up', at: followUp });
  if (hasLast) steps.push({ kind: 'last_reminder', at: last });
  return steps;
}

/**
 * When the requester hears how many have not answered: once the peers' last reminders are out, in
 * the requester's working hours; undefined when that would be after the due time.
 */
export function requesterStatusAt(timing: RequestTiming, requester: Recipient, peers: readonly Recipient[]): DateTime | undefined {
  const after = latest([dayBeforeDue(timing, requester.timezone), ...peers.map((peer) => lastReminderAt(timing, peer))]);
  const at = nextNudgeTime(after, requester.timezone, timing.rules);
  return at < timing.dueAt && at > timing.now ? at : undefined;
}

/** When the subject hears that someone else asked about them. */
export function selfPromptAt(timing: RequestTiming, subject: Recipient): DateTime {
  const at = nextNudgeTime(timing.now, subject.timezone, timing.rules);
  return at < timing.dueAt ? at : timing.now;
}
