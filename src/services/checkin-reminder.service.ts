import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { reminderKey, type ReminderRef, type ScheduledReminder } from '../domain/checkin-reminder';
import {
  answerWindowEnd,
  followUpAt,
  isNudgeMoment,
  localDay,
  nextNudgeMoment,
  snoozedUntil,
} from '../domain/checkin-schedule';
import { isActive, type Person } from '../domain/person';
import { type CheckinCadence, effectiveCadence, type WorkspaceSettings } from '../domain/settings';
import type { Clock } from '../lib/clock';
import type { DeliveryOutcome } from './delivery.service';
import {
  findReminder,
  findReminderById,
  insertReminders,
  latestNudge,
  listScheduledReminders,
  markReminderSent,
  postponeFollowUp,
  type ReminderCursor,
  type ReminderWithPeriod,
  rescheduleReminder,
  settleReminder,
  skipScheduledReminders,
} from '../repositories/checkin-reminder.repository';
import { findPeriodForUpdate, settlePeriod } from '../repositories/checkin.repository';
import { findDeliveryStatus, giveUpDelivery } from '../repositories/delivery.repository';
import { loadScheduleSubjects } from '../repositories/checkin-schedule.repository';
import { findWorkspaceSettings } from '../repositories/settings.repository';
import type { AccessService } from './access.service';
import { mutesCheckins } from './checkin-schedule.service';
import type { CheckinQueue } from './checkin-queue';
import { EARLY_TOLERANCE_MS } from '../domain/job-timing';

const RECONCILE_PAGE = 1000;

/** A reminder to send now, with what sending it and recording it needs. */
export interface SendWork {
  action: 'send';
  reminder: ReminderWithPeriod;
  person: Person;
  workspace: WorkspaceSettings;
  cadence: CheckinCadence;
  /** When the nudge stops being useful: its period's answer window closes. */
  usefulUntil: DateTime;
}

/** What a reminder's job should do now. */
export type ReminderWork = SendWork | { action: 'later'; at: DateTime } | { action: 'nothing' };

export type SnoozeOutcome =
  | { outcome: 'snoozed'; until: DateTime; timezone: string }
  | { outcome: 'checked_in' | 'skipped' | 'unknown' };

export type SkipOutcome = { outcome: 'skipped' | 'checked_in' | 'unknown'; period?: string };

export interface CheckinReminderService {
  /**
   * Decides what a reminder's job does: send it, wait (not yet its time, or outside the person's
   * working time), or nothing because it no longer applies (checked in, skipped, paused,
   * deactivated, check-in reminders turned off, or the period is over), which is recorded.
   */
  prepare(ref: ReminderRef): Promise<ReminderWork>;
  /** Records what the ledger reported; a nudge that reached Slack schedules the period's one follow-up. */
  delivered(work: SendWork, outcome: DeliveryOutcome): Promise<void>;
  /**
   * A send that failed for good: recorded on the reminder, and when nothing reached Slack but the
   * ledger still offered a retry, closed there too so admins see it.
   */
  failed(reminder: ReminderWithPeriod, reason: string): Promise<void>;
  /** "Snooze 2h" on a nudge: one more round two hours on, moved into working time. */
  snooze(actor: Person, reminderId: string): Promise<SnoozeOutcome>;
  /** "Skip this week": the period is settled as skipped, so nothing more is sent for it. */
  skip(actor: Person, reminderId: string): Promise<SkipOutcome>;
  /**
   * Hands every scheduled reminder to the queue again, which adds the jobs Redis lost and replaces
   * those that finished without settling it. Returns how many were checked.
   */
  reconcile(): Promise<number>;
}

export function createCheckinReminderService(deps: { db: Db; clock: Clock; access: AccessService; queue: CheckinQueue }): CheckinReminderService {
  const { db, clock, access, queue } = deps;

  const closeAs = async (reminder: ReminderWithPeriod, outcome: string): Promise<ReminderWork> => {
    await settleReminder(db, reminder.id, 'skipped', outcome, clock.now());
    return { action: 'nothing' };
  };

  /** The answer window closed: a nudge an outage kept from Slack until then failed, where admins look. */
  const tooLate = async (reminder: ReminderWithPeriod): Promise<ReminderWork> => {
    const status = await findDeliveryStatus(db, reminderKey(reminder));
    if (status === 'retry' || status === 'unknown') {
      await fail(reminder, 'Slack could not be reached before the answer window closed');
      return { action: 'nothing' };
    }
    return closeAs(reminder, 'too late: the period can no longer be answered');
  };

  const fail = async (reminder: ReminderWithPeriod, reason: string): Promise<void> => {
    await giveUpDelivery(db, reminderKey(reminder), reason);
    await settleReminder(db, reminder.id, 'failed', reason, clock.now());
  };

  /** The reminder a button names, once the actor is known to be its person. */
  const answerable = async (actor: Person, reminderId: string) => {
    const reminder = await findReminderById(db, reminderId);
    if (!reminder) return undefined;
    await access.authorize(actor, 'checkin.answer', await access.subject({ id: reminder.personId, workspaceId: reminder.workspaceId }));
    return reminder;
  };

  const sent = async ({ reminder, person, workspace }: SendWork): Promise<void> => {
    const now = clock.now();
    const followUp = reminder.kind === 'nudge' ? followUpAt(now, person.timezone, workspace) : undefined;
    let queued: ScheduledReminder[] = [];
    // The follow-up is written before the nudge is marked sent: if this stops in between, the
    // nudge's job runs again, finds the ledger row 'sent' and comes back here.
    if (followUp && reminder.seq > 0) {
      // A snoozed round just went out: the follow-up waits for the morning after it.
      await postponeFollowUp(db, reminder.periodId, followUp);
    } else if (followUp) {
      const added = await insertReminders(db, [{ periodId: reminder.periodId, kind: 'follow_up', seq: 0, dueAt: followUp }], now);
      queued = added.map((r) => ({ personId: reminder.personId, period: reminder.period, kind: r.kind, seq: r.seq, dueAt: r.dueAt }));
    }
    await markReminderSent(db, reminder.id, now);
    await queue.reminders(queued);
  };

  return {
    async prepare(ref) {
      const now = clock.now();
      const [reminder, subject] = await Promise.all([findReminder(db, ref), loadScheduleSubjects(db, [ref.personId]).then(([first]) => first)]);
      if (!reminder || reminder.state !== 'scheduled') return { action: 'nothing' };
      if (reminder.periodStatus !== 'pending') return closeAs(reminder, reminder.periodStatus === 'checked_in' ? 'already checked in' : 'skipped by the person');
      if (!subject || !isActive(subject.person)) return closeAs(reminder, 'the person is no longer active');
      const { person, personal } = subject;
      const workspace = await findWorkspaceSettings(db, person.workspaceId, person.homeTeamId);
      if (!workspace) return closeAs(reminder, 'the person is no longer active');
      if (mutesCheckins(personal)) return closeAs(reminder, 'check-in reminders turned off');
      const zone = person.timezone;
      if (personal.pausedUntil !== null && localDay(now, zone) <= personal.pausedUntil) return closeAs(reminder, 'paused');
      if (reminder.dueAt.toMillis() - now.toMillis() > EARLY_TOLERANCE_MS) return { action: 'later', at: reminder.dueAt };
      const windowEnd = answerWindowEnd(reminder.period, zone, workspace);
      if (!isNudgeMoment(now, zone, workspace)) {
        // A backlog (rate limits, a lost Redis rebuilt late) ran past working time: wait for the next.
        const at = nextNudgeMoment(now, zone, workspace);
        if (!at || at >= windowEnd) return tooLate(reminder);
        await rescheduleReminder(db, reminder.id, at);
        return { action: 'later', at };
      }
      if (now >= windowEnd) return tooLate(reminder);
      return { action: 'send', reminder, person, workspace, cadence: effectiveCadence(workspace, personal), usefulUntil: windowEnd };
    },

    async delivered(work, outcome) {
      const { reminder } = work;
      if (outcome === 'sent') return sent(work);
      const now = clock.now();
      if (outcome === 'recipient-inactive') return settleReminder(db, reminder.id, 'skipped', 'the person is no longer active', now);
      if (outcome === 'workspace-not-served') return settleReminder(db, reminder.id, 'skipped', 'Cadence was uninstalled from the workspace', now);
      // A duplicate or a retry: the ledger knows what happened to the first run.
      const status = await findDeliveryStatus(db, reminderKey(reminder));
      if (status === 'sent') return sent(work);
      if (status === 'failed') return settleReminder(db, reminder.id, 'failed', 'Slack refused it', now);
      // Anything else: another run holds it and will record the outcome.
    },

    failed: fail,

    async snooze(actor, reminderId) {
      const reminder = await answerable(actor, reminderId);
      if (!reminder) return { outcome: 'unknown' };
      const workspace = await access.settingsFor(actor);
      const until = workspace && snoozedUntil(clock.now(), actor.timezone, workspace);
      if (!until) return { outcome: 'unknown' };
      const result = await db.transaction().execute(async (tx): Promise<SnoozeOutcome & { added?: ScheduledReminder }> => {
        // The period's lock orders snoozes, skips and check-ins of one period.
        const period = await findPeriodForUpdate(tx, reminder.periodId);
        if (!period) return { outcome: 'unknown' };
        if (period.status !== 'pending') return { outcome: period.status };
        const latest = await latestNudge(tx, reminder.periodId);
        // A second click, or a click on an older DM: the round already waiting stands.
        if (latest && latest.seq > 0 && latest.state === 'scheduled') return { outcome: 'snoozed', until: latest.dueAt, timezone: actor.timezone };
        const seq = (latest?.seq ?? 0) + 1;
        await insertReminders(tx, [{ periodId: reminder.periodId, kind: 'nudge', seq, dueAt: until }], clock.now());
        return {
          outcome: 'snoozed',
          until,
          timezone: actor.timezone,
          added: { personId: reminder.personId, period: reminder.period, kind: 'nudge', seq, dueAt: until },
        };
      });
      const { added, ...outcome } = result;
      if (added) await queue.reminders([added]);
      return outcome;
    },

    async skip(actor, reminderId) {
      const reminder = await answerable(actor, reminderId);
      if (!reminder) return { outcome: 'unknown' };
      return db.transaction().execute(async (tx): Promise<SkipOutcome> => {
        const period = await findPeriodForUpdate(tx, reminder.periodId);
        if (!period) return { outcome: 'unknown' };
        if (period.status === 'checked_in') return { outcome: 'checked_in', period: period.period };
        if (period.status === 'pending') {
          const now = clock.now();
          await settlePeriod(tx, period.id, 'skipped', now);
          await skipScheduledReminders(tx, period.id, 'skipped by the person', now);
        }
        return { outcome: 'skipped', period: period.period };
      });
    },

    async reconcile() {
      let checked = 0;
      let cursor: ReminderCursor | null = null;
      for (;;) {
        const page = await listScheduledReminders(db, cursor, RECONCILE_PAGE);
        if (page.length === 0) break;
        await queue.requeue(page);
        checked += page.length;
        const last = page[page.length - 1];
        if (!last || page.length < RECONCILE_PAGE) break;
        cursor = { dueAt: last.dueAt, id: last.id };
      }
      return checked;
    },
  };
}
