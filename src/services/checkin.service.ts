import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { type Checkin, type CheckinField, type CheckinInput, validateCheckin } from '../domain/checkin';
import { periodAt } from '../domain/checkin-schedule';
import type { Validated } from '../domain/goal';
import type { Person } from '../domain/person';
import type { CheckinCadence } from '../domain/settings';
import type { Clock } from '../lib/clock';
import { skipScheduledReminders } from '../repositories/checkin-reminder.repository';
import { findNextDue } from '../repositories/checkin-schedule.repository';
import { findCheckin, recordPeriods, saveCheckin, settlePeriod } from '../repositories/checkin.repository';
import { findPersonalSettings, findWorkspaceSettings } from '../repositories/settings.repository';
import type { AccessService } from './access.service';
import { scheduleInput } from './checkin-schedule.service';

/** What the check-in form needs: the period it answers and what the person already said for it. */
export interface CheckinForm {
  period: string;
  cadence: CheckinCadence;
  existing: Checkin | undefined;
}

export interface NextCheckin {
  /** The period a check-in made now counts for, and whether it has one. */
  current: { period: string; done: boolean };
  cadence: CheckinCadence;
  /** When the next nudge is due; undefined while the scheduler has not computed it yet. */
  nextNudgeAt: DateTime | undefined;
}

export type CheckinSubmitField = CheckinField | 'period';

export interface CheckinService {
  form(actor: Person): Promise<CheckinForm>;
  /**
   * Stores the actor's check-in for `period`, which must be the period a check-in counts for now
   * (the form may have stayed open past its end). Settles the period and cancels its reminders, in
   * one transaction.
   */
  submit(actor: Person, period: string, input: CheckinInput): Promise<Validated<{ period: string; cadence: CheckinCadence }, CheckinSubmitField>>;
  /** For the Home tab. */
  next(actor: Person): Promise<NextCheckin>;
}

export function createCheckinService(deps: { db: Db; clock: Clock; access: AccessService }): CheckinService {
  const { db, clock, access } = deps;

  const currentPeriod = async (actor: Person) => {
    await access.authorize(actor, 'checkin.answer', await access.subject(actor));
    const [workspace, personal] = await Promise.all([findWorkspaceSettings(db, actor.workspaceId), findPersonalSettings(db, actor.id)]);
    if (!workspace || !personal) throw new Error(`person ${actor.id} is not recorded`);
    const input = scheduleInput({ person: actor, personal }, workspace);
    return { period: periodAt(clock.now(), input), cadence: input.cadence };
  };

  return {
    async form(actor) {
      const { period, cadence } = await currentPeriod(actor);
      return { period, cadence, existing: await findCheckin(db, actor.id, period) };
    },

    async submit(actor, period, input) {
      const current = await currentPeriod(actor);
      const checked = validateCheckin(input);
      if (!checked.ok) return checked;
      if (period !== current.period) {
        return { ok: false, errors: { period: 'That check-in period has ended. Close this form and open /checkin again for the current one.' } };
      }
      await db.transaction().execute(async (tx) => {
        const now = clock.now();
        const [row] = await recordPeriods(tx, [{ workspaceId: actor.workspaceId, personId: actor.id, period }], now);
        if (!row) throw new Error('the check-in period was not recorded');
        await saveCheckin(tx, row.id, checked.value, now);
        await settlePeriod(tx, row.id, 'checked_in', now);
        await skipScheduledReminders(tx, row.id, 'already checked in', now);
      });
      return { ok: true, value: { period, cadence: current.cadence } };
    },

    async next(actor) {
      const { period, cadence } = await currentPeriod(actor);
      const [existing, due] = await Promise.all([findCheckin(db, actor.id, period), findNextDue(db, actor.id)]);
      return { current: { period, done: existing !== undefined }, cadence, nextNudgeAt: due?.dueAt };
    },
  };
}
