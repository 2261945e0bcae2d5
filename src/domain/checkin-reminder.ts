import type { DateTime } from 'luxon';

/** A nudge asks for the period's check-in; the follow-up asks once more the next working morning. */
export type ReminderKind = 'nudge' | 'follow_up';
export type ReminderState = 'scheduled' | 'sent' | 'skipped' | 'failed';

/**
 * Which DM a reminder is, by ids only (job payloads and ledger keys are built from it): the
 * person, the period, the kind, and for nudges the round (0, then 1, 2, ... per snooze).
 */
export interface ReminderRef {
  personId: string;
  period: string;
  kind: ReminderKind;
  seq: number;
}

export interface ScheduledReminder extends ReminderRef {
  dueAt: DateTime;
}

export interface Reminder extends ScheduledReminder {
  id: string;
  periodId: string;
  workspaceId: string;
  state: ReminderState;
}

/**
 * One key per DM: the ledger's dedupe key and the job id (`-`, never BullMQ's `:`), so a retried
 * or duplicated job finds its ledger row taken and sends nothing.
 */
export function reminderKey(ref: ReminderRef): string {
  return `checkin-${ref.kind.replace('_', '-')}-${ref.personId}-${ref.period}-${ref.seq}`;
}

const REMINDER_KEY = /^checkin-(?:nudge|follow-up)-.+-(\d{4}-\d{2}-\d{2})-\d+$/;

/** The period a reminder's ledger key names: a reply in a nudge's thread answers that period. */
export function periodOfReminderKey(key: string): string | undefined {
  return REMINDER_KEY.exec(key)?.[1];
}

/** The delivery kinds reminders are recorded under (see the check-in job). */
export const REMINDER_DELIVERY_KINDS = ['checkin-nudge', 'checkin-follow-up'] as const;
