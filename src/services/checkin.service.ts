import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { type Checkin, type CheckinAnswers, CHECKIN_GOALS_MAX, type CheckinField, type CheckinInput, isActiveGoalStatus, validateCheckin } from '../domain/checkin';
import { periodAt } from '../domain/checkin-schedule';
import type { FieldErrors, Validated } from '../domain/goal';
import type { Person } from '../domain/person';
import { takesReportedProgress } from '../domain/progress';
import { type ProgressErrorKey, type ProgressInput, type ValidProgress, validateProgress } from '../domain/progress-update';
import type { CheckinCadence } from '../domain/settings';
import type { Clock } from '../lib/clock';
import { skipScheduledReminders } from '../repositories/checkin-reminder.repository';
import { findNextDue } from '../repositories/checkin-schedule.repository';
import { findCheckin, recordPeriods, saveCheckin, settlePeriod } from '../repositories/checkin.repository';
import { isSentMessageOf } from '../repositories/delivery.repository';
import { countAlignedGoals } from '../repositories/goal-tree.repository';
import { findPersonalSettings } from '../repositories/settings.repository';
import type { AccessService } from './access.service';
import { scheduleInput } from './checkin-schedule.service';
import type { GoalCard, GoalDetail, GoalService } from './goal.service';

/** What the check-in form needs: the period it answers and what the person already said for it. */
export interface CheckinForm {
  period: string;
  cadence: CheckinCadence;
  existing: Checkin | undefined;
  /** The person's active goals the form asks about, and how many more it leaves out. */
  goals: GoalCard[];
  moreGoals: number;
  /** The goals among them with neither key results nor aligned goals: the form asks for a percent. */
  reportable: string[];
}

/** One goal's progress as given in the check-in form. */
export interface CheckinGoalUpdate {
  goalId: string;
  input: ProgressInput;
}

export interface CheckinSubmission extends CheckinInput {
  goals?: readonly CheckinGoalUpdate[];
}

/** What a submission stored: the confirmation DM says it back. */
export interface SavedCheckin {
  period: string;
  cadence: CheckinCadence;
  periodId: string;
  /** When it was saved: one confirmation per save, so an edit is confirmed again. */
  savedAt: DateTime;
  answers: CheckinAnswers;
  goals: GoalDetail[];
}

export interface NextCheckin {
  /** The period a check-in made now counts for, and whether it has one. */
  current: { period: string; done: boolean };
  cadence: CheckinCadence;
  /** When the next nudge is due; undefined while the scheduler has not computed it yet. */
  nextNudgeAt: DateTime | undefined;
}

/** `goal.<goal id>.<field>` for an error in one goal's part of the form. */
export type CheckinSubmitField = CheckinField | 'period' | `goal.${string}.${ProgressErrorKey}`;

export interface CheckinService {
  form(actor: Person): Promise<CheckinForm>;
  /** The form again to edit the check-in of `period`, while that is still the period a check-in counts for. */
  editForm(actor: Person, period: string): Promise<{ outcome: 'open'; form: CheckinForm } | { outcome: 'closed' }>;
  /**
   * Stores the actor's check-in for `period`, which must be the period a check-in counts for now
   * (the form may have stayed open past its end). Every goal's update is checked before anything
   * is stored; the goals are then updated through the goal service (access, history, roll-up), and
   * the check-in is stored, its period settled and its reminders cancelled in one transaction.
   */
  submit(actor: Person, period: string, input: CheckinSubmission): Promise<Validated<SavedCheckin, CheckinSubmitField>>;
  /** For the Home tab. */
  next(actor: Person): Promise<NextCheckin>;
  /** Whether a message named in a form is a check-in nudge Cadence sent the actor (and so theirs to update). */
  isOwnNudge(actor: Person, message: { channel: string; ts: string }): Promise<boolean>;
}

/** One goal's errors under the keys of the check-in form. */
function goalErrors(goalId: string, errors: FieldErrors<ProgressErrorKey>): FieldErrors<CheckinSubmitField> {
  const out: FieldErrors<CheckinSubmitField> = {};
  for (const key of Object.keys(errors) as ProgressErrorKey[]) {
    const message = errors[key];
    if (message) out[`goal.${goalId}.${key}`] = message;
  }
  return out;
}

function changesGoal(card: GoalCard, update: ValidProgress): boolean {
  if (update.note !== null || update.status !== card.goal.status) return true;
  if (update.percent !== null && update.percent !== card.goal.progress) return true;
  return card.keyResults.some((kr) => update.values.has(kr.id) && update.values.get(kr.id) !== kr.current);
}

export function createCheckinService(deps: { db: Db; clock: Clock; access: AccessService; goals: GoalService }): CheckinService {
  const { db, clock, access, goals } = deps;

  const activeGoals = async (actor: Person) => {
    const cards = (await goals.listOwn(actor)).filter((card) => isActiveGoalStatus(card.goal.status));
    // Soonest deadline first; goals without one after those with one.
    cards.sort((a, b) => (a.goal.targetDate ?? '9999').localeCompare(b.goal.targetDate ?? '9999'));
    return cards;
  };

  /** The goals whose progress is the percent their owner reports. */
  const reportableGoals = async (cards: readonly GoalCard[]): Promise<Set<string>> => {
    const aligned = await countAlignedGoals(db, cards.map((card) => card.goal.id));
    return new Set(cards.filter((card) => takesReportedProgress(card.keyResults.length, aligned.get(card.goal.id) ?? 0)).map((card) => card.goal.id));
  };

  /**
   * Checks every goal's part of the form against the goals as stored, before any is written.
   * Returns the updates that change something: a goal left as the form showed it is not touched,
   * so its history and its "last updated" (which staleness reads) say only what really happened.
   */
  const checkGoals = async (actor: Person, updates: readonly CheckinGoalUpdate[]) => {
    const errors: FieldErrors<CheckinSubmitField> = {};
    const changing: CheckinGoalUpdate[] = [];
    if (updates.length === 0) return { errors, changing };
    const active = await activeGoals(actor);
    const own = new Map(active.map((card) => [card.goal.id, card]));
    const reportable = await reportableGoals(active);
    for (const update of updates) {
      const card = own.get(update.goalId);
      if (!card) {
        errors[`goal.${update.goalId}.status`] = 'This goal was closed or moved meanwhile. Close this form and open /checkin again.';
        continue;
      }
      const checked = validateProgress(card.keyResults, update.input, reportable.has(card.goal.id));
      if (!checked.ok) Object.assign(errors, goalErrors(update.goalId, checked.errors));
      else if (changesGoal(card, checked.value)) changing.push(update);
    }
    return { errors, changing };
  };

  const currentPeriod = async (actor: Person) => {
    await access.authorize(actor, 'checkin.answer', await access.subject(actor));
    const [workspace, personal] = await Promise.all([access.settingsFor(actor), findPersonalSettings(db, actor.id)]);
    if (!workspace || !personal) throw new Error(`person ${actor.id} is not recorded`);
    const input = scheduleInput({ person: actor, personal }, workspace);
    return { period: periodAt(clock.now(), input), cadence: input.cadence };
  };

  const form = async (actor: Person): Promise<CheckinForm> => {
    const { period, cadence } = await currentPeriod(actor);
    const [existing, active] = await Promise.all([findCheckin(db, actor.id, period), activeGoals(actor)]);
    const shown = active.slice(0, CHECKIN_GOALS_MAX);
    const reportable = await reportableGoals(shown);
    return { period, cadence, existing, goals: shown, moreGoals: Math.max(0, active.length - CHECKIN_GOALS_MAX), reportable: [...reportable] };
  };

  return {
    form,

    async editForm(actor, period) {
      const current = await form(actor);
      return current.period === period ? { outcome: 'open', form: current } : { outcome: 'closed' };
    },

    async submit(actor, period, input) {
      const current = await currentPeriod(actor);
      const checked = validateCheckin(input);
      const goalCheck = await checkGoals(actor, input.goals ?? []);
      const errors = { ...(checked.ok ? {} : checked.errors), ...goalCheck.errors };
      if (!checked.ok || Object.keys(errors).length > 0) return { ok: false, errors };
      if (period !== current.period) {
        return { ok: false, errors: { period: 'That check-in period has ended. Close this form and open /checkin again for the current one.' } };
      }
      // One goal at a time, each in the goal service's own transaction: it owns the tree lock,
      // history and roll-up. Everything was checked above, so a refusal here means the goal changed
      // in the last moments (a key result removed); the check-in itself is then not stored.
      const updated: GoalDetail[] = [];
      for (const update of goalCheck.changing) {
        const result = await goals.updateProgress(actor, update.goalId, update.input);
        if (!result.ok) return { ok: false, errors: goalErrors(update.goalId, result.errors) };
        updated.push(result.value);
      }
      const now = clock.now();
      const periodId = await db.transaction().execute(async (tx) => {
        const [row] = await recordPeriods(tx, [{ workspaceId: actor.workspaceId, personId: actor.id, period }], now);
        if (!row) throw new Error('the check-in period was not recorded');
        await saveCheckin(tx, row.id, checked.value, now);
        await settlePeriod(tx, row.id, 'checked_in', now);
        await skipScheduledReminders(tx, row.id, 'already checked in', now);
        return row.id;
      });
      return { ok: true, value: { period, cadence: current.cadence, periodId, savedAt: now, answers: checked.value, goals: updated } };
    },

    async next(actor) {
      const { period, cadence } = await currentPeriod(actor);
      const [existing, due] = await Promise.all([findCheckin(db, actor.id, period), findNextDue(db, actor.id)]);
      return { current: { period, done: existing !== undefined }, cadence, nextNudgeAt: due?.dueAt };
    },
    async isOwnNudge(actor, message) {
      const kinds = ['checkin-nudge', 'checkin-follow-up'];
      for (const kind of kinds) if (await isSentMessageOf(db, { personId: actor.id, kind, ...message })) return true;
      return false;
    },
  };
}
