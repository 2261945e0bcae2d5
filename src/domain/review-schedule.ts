import { DateTime } from 'luxon';
import type { ReviewItem, ReviewPhase } from './review-cycle';
import { nextNudgeTime, nextWorkingMoment, previousNudgeTime, type WorkingTime } from './working-time';

/**
 * When each review message goes out, on the recipient's own calendar. Pure: the services store
 * the plan as rows (Postgres says what must be sent and when) and queue a delayed job per row.
 */

/**
 * `conversation_notice` tells the employee when their manager set the conversation; the others go
 * to an item's owner. Peer feedback has no item of its own: `peer_nomination_reminder` rides on
 * the self-assessment (the employee's) and `peer_approval_request` on the manager review (the
 * manager's of today), and each stands whatever state that item is in.
 */
export const REVIEW_STEP_KINDS = [
  'invitation',
  'due_in_7_days',
  'due_in_1_day',
  'prep_pack',
  'sign_off_request',
  'sign_off_reminder',
  'conversation_notice',
  'peer_approval_request',
  'peer_nomination_reminder',
] as const;

/** The steps about peer feedback, which do not follow their item's state. */
export const PEER_STEP_KINDS: readonly ReviewStepKind[] = ['peer_approval_request', 'peer_nomination_reminder'];
export type ReviewStepKind = (typeof REVIEW_STEP_KINDS)[number];

export const REVIEW_TIMING = { invitationDaysAhead: 14, remindDaysAhead: [7, 1], prepPackHoursAhead: 48, signOffReminderAfterHours: 24, peerNominationDaysAhead: 7 } as const;

export interface PlannedReviewStep {
  kind: ReviewStepKind;
  item: ReviewItem;
  at: DateTime;
}

/** The moment a phase is due for someone: the end of its due day where they live. */
export function dueMoment(dueOn: string, zone: string): DateTime {
  return DateTime.fromISO(dueOn, { zone }).plus({ days: 1 }).startOf('day').toUTC();
}

/**
 * "N days ahead": N calendar days before the due moment on the recipient's calendar (so 7 days
 * is 7 local days across a DST change, not 168 hours), moved to the nearest working moment
 * before it, never after.
 */
export function daysAhead(dueOn: string, days: number, zone: string, rules: WorkingTime): DateTime {
  const local = dueMoment(dueOn, zone).setZone(zone).minus({ days });
  return previousNudgeTime(local, zone, rules);
}

/** Who an item's reminders go to and the item's due day. */
export interface ItemTiming {
  item: ReviewItem;
  dueOn: string;
  zone: string;
}

/**
 * The D-7 and D-1 reminders of an item, left out when already past (`now`) or when they would
 * fall on the same moment as an earlier step of the same item.
 */
export function planReminders(timing: ItemTiming, rules: WorkingTime, now: DateTime, after?: DateTime): PlannedReviewStep[] {
  const steps: PlannedReviewStep[] = [];
  for (const days of REVIEW_TIMING.remindDaysAhead) {
    const at = daysAhead(timing.dueOn, days, timing.zone, rules);
    const last = steps.at(-1)?.at ?? after;
    if (at > now && (!last || at > last)) steps.push({ kind: days === 7 ? 'due_in_7_days' : 'due_in_1_day', item: timing.item, at });
  }
  return steps;
}

/**
 * The self-assessment invitation: when working hours start on the day 14 days before its due
 * day, or at the launch (in working time) when that day has passed.
 */
export function invitationAt(dueOn: string, zone: string, rules: WorkingTime, now: DateTime, pausedUntil: string | null): DateTime {
  const opens = nextNudgeTime(DateTime.fromISO(dueOn, { zone }).minus({ days: REVIEW_TIMING.invitationDaysAhead }).startOf('day'), zone, rules);
  return opens > now ? nextWorkingMoment(opens, zone, rules, pausedUntil) : nextWorkingMoment(now, zone, rules, pausedUntil);
}

/** The day the self-assessment opens: 14 days before it is due. */
export function selfAssessmentOpensOn(dueOn: string): string {
  return DateTime.fromISO(dueOn).minus({ days: REVIEW_TIMING.invitationDaysAhead }).toISODate() ?? dueOn;
}

/** The manager's prep pack: 48 hours before the conversation, moved to the nearest working moment before it. */
export function prepPackAt(conversationAt: DateTime, managerZone: string, rules: WorkingTime): DateTime {
  return previousNudgeTime(conversationAt.minus({ hours: REVIEW_TIMING.prepPackHoursAhead }), managerZone, rules);
}

/** The sign-off reminder: 24 hours after the summary was shared, in the recipient's working time. */
export function signOffReminderAt(sharedAt: DateTime, zone: string, rules: WorkingTime): DateTime {
  return nextNudgeTime(sharedAt.plus({ hours: REVIEW_TIMING.signOffReminderAfterHours }), zone, rules);
}

/** Which phases' D-7 and D-1 reminders are planned at launch, per item. */
export const REMINDED_ITEMS: ReadonlyArray<{ item: ReviewItem; phase: ReviewPhase }> = [
  { item: 'self_assessment', phase: 'self_assessment' },
  { item: 'manager_review', phase: 'manager_review' },
  { item: 'conversation', phase: 'conversation' },
  { item: 'employee_sign_off', phase: 'sign_off' },
  { item: 'manager_sign_off', phase: 'sign_off' },
];
