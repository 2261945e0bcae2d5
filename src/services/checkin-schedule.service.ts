import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { answerWindowEnd, type CheckinScheduleInput, type DueNudge, nextNudge, nextNudgeMoment } from '../domain/checkin-schedule';
import { isActive } from '../domain/person';
import { effectiveCadence, type PersonalSettings, settingsKey, type WorkspaceSettings } from '../domain/settings';
import type { Clock } from '../lib/clock';
import { type DuePeriod, recordDuePeriods } from '../repositories/checkin-reminder.repository';
import {
  type DueSubject,
  findEarliestDue,
  findSchedulesToRecompute,
  loadScheduleSubjects,
  lockDueSchedules,
  saveSchedules,
  type ScheduleRow,
} from '../repositories/checkin-schedule.repository';
import { findWorkspaceSettings } from '../repositories/settings.repository';
import type { CheckinQueue } from './checkin-queue';

/** Rows per transaction: big enough to keep 10,000 due in one minute quick, small enough to hold locks briefly. */
const BATCH = 500;
/**
 * Batches in flight at once: while one waits for Postgres, another computes, and Postgres works
 * on several. Few enough to leave the pool to everything else.
 */
const LANES = 3;
/** Queue adds under way at once (see dispatchDue). */
const ADDS_IN_FLIGHT = 2;
/** Batches per tick; whatever remains is due still and waits for the next tick. */
const MAX_BATCHES = 200;
/** The dispatcher ticks every minute: a slot found within two ticks of its time is on time. */
const LATE_AFTER_MINUTES = 2;

export interface CheckinScheduleService {
  /**
   * Recomputes the schedules that changed behind the scheduler's back: someone new, a timezone or
   * a deactivation from the directory sync, or workspace rules changed. Returns how many.
   */
  refresh(): Promise<number>;
  /**
   * Records every due period as pending, queues its nudge, and advances the schedule, all in the
   * transaction that locks the schedule rows: a second tick (or a second replica) finds nothing due.
   */
  dispatchDue(): Promise<{ periods: number; nudges: number }>;
  /** The earliest nudge due anywhere: what the sandbox's "deliver what is scheduled next" jumps to. */
  earliestDue(): Promise<DateTime | undefined>;
}

/** What decides a person's schedule, from their row, their settings and their workspace's. */
export function scheduleInput(subject: Pick<DueSubject, 'person' | 'personal'>, workspace: WorkspaceSettings): CheckinScheduleInput {
  return {
    zone: subject.person.timezone,
    cadence: effectiveCadence(workspace, subject.personal),
    rules: workspace,
    pausedUntil: subject.personal.pausedUntil,
  };
}

export function mutesCheckins(personal: PersonalSettings): boolean {
  return personal.mutedNudges.includes('checkin');
}

/** The settings of each subject's workspace, read once per workspace and Slack workspace (an org's may differ). */
async function settingsFor(db: Db, subjects: readonly DueSubject[]): Promise<(person: DueSubject['person']) => WorkspaceSettings | undefined> {
  const people = new Map(subjects.map((s) => [settingsKey(s.person), s.person]));
  const found = await Promise.all([...people].map(async ([key, person]) => [key, await findWorkspaceSettings(db, person.workspaceId, person.homeTeamId)] as const));
  const settings = new Map(found);
  return (person) => settings.get(settingsKey(person));
}

/**
 * Recomputes the next nudge of these people from their current settings, never asking again for
 * a period already dispatched. Uses only `db`, so callers may pass their transaction.
 */
export async function recomputeSchedules(db: Db, personIds: readonly string[], now: DateTime): Promise<void> {
  const subjects = await loadScheduleSubjects(db, personIds);
  const settingsOf = await settingsFor(db, subjects);
  const rows = subjects.flatMap((subject): ScheduleRow[] => {
    const workspace = settingsOf(subject.person);
    if (!workspace) return [];
    const active = isActive(subject.person);
    const next = active ? (nextNudge(scheduleInput(subject, workspace), now, subject.lastPeriod, subject.next?.period ?? null) ?? null) : null;
    return [scheduleRow(subject, active, next, subject.lastPeriod)];
  });
  await saveSchedules(db, rows, now);
}

/** A schedule row as written back; spelled out rather than spread, which costs more per row than the rest of a dispatch. */
function scheduleRow({ person }: DueSubject, active: boolean, next: DueNudge | null, lastPeriod: string | null): ScheduleRow {
  return { personId: person.id, workspaceId: person.workspaceId, timezone: person.timezone, active, next, lastPeriod };
}

/** When a due period's nudge goes out (undefined: its window is over) and the schedule's next nudge. */
interface Plan {
  sendAt: DateTime | undefined;
  next: DueNudge | undefined;
}

function planOf(input: CheckinScheduleInput, due: DueNudge, now: DateTime): Plan {
  // On time (this tick or the last): the slot itself, which is working time. Late (downtime, a
  // backlog): now if that is working time, else the next working moment; none once the period
  // can no longer be answered.
  const late = now.toMillis() - due.dueAt.toMillis() >= LATE_AFTER_MINUTES * 60_000;
  const sendAt = late ? nextNudgeMoment(now, input.zone, input.rules) : due.dueAt;
  const answerable = sendAt !== undefined && sendAt < answerWindowEnd(due.period, input.zone, input.rules);
  return { sendAt: answerable ? sendAt : undefined, next: nextNudge(input, now, due.period) };
}

/**
 * A batch's plans, computed once for everyone who shares a zone, the settings that apply to them
 * (`rulesKey`: one workspace, or one Slack workspace of an organization that sets its own), a
 * cadence, a pause and a due slot: everything `planOf` depends on besides `now`, which a batch shares.
 */
function plansFor(now: DateTime): (input: CheckinScheduleInput, rulesKey: string, due: DueNudge) => Plan {
  const plans = new Map<string, Plan>();
  return (input, rulesKey, due) => {
    const { zone, cadence, pausedUntil } = input;
    const key = `${zone}|${rulesKey}|${cadence.weekday}|${cadence.time}|${cadence.everyWeeks}|${pausedUntil}|${due.period}|${due.dueAt.toMillis()}`;
    let plan = plans.get(key);
    if (!plan) plans.set(key, (plan = planOf(input, due, now)));
    return plan;
  };
}

export function createCheckinScheduleService(deps: { db: Db; clock: Clock; queue: CheckinQueue }): CheckinScheduleService {
  const { db, clock, queue } = deps;

  /** One batch in one transaction; returns the nudges to queue once it committed, or undefined when nothing was due. */
  const dispatchBatch = (now: DateTime) =>
    db.transaction().execute(async (tx) => {
      const due = await lockDueSchedules(tx, now, BATCH);
      if (due.length === 0) return undefined;
      const settingsOf = await settingsFor(tx, due);
      const plan = plansFor(now);
      // Every locked schedule is written back; the due periods are recorded, and nudged.
      const rows: ScheduleRow[] = [];
      const periods: DuePeriod[] = [];
      for (const subject of due) {
        const workspace = settingsOf(subject.person);
        const active = isActive(subject.person);
        if (!subject.next || !workspace || !active) {
          // Deactivated since the schedule was computed: nothing to ask, nothing more to schedule.
          rows.push(scheduleRow(subject, active, null, subject.lastPeriod));
          continue;
        }
        const { sendAt, next } = plan(scheduleInput(subject, workspace), settingsKey(subject.person), subject.next);
        const nudgeAt = mutesCheckins(subject.personal) ? undefined : sendAt;
        periods.push({ workspaceId: workspace.workspaceId, personId: subject.person.id, period: subject.next.period, nudgeAt });
        rows.push(scheduleRow(subject, true, next ?? null, subject.next.period));
      }
      const recorded = await recordDuePeriods(tx, periods, now);
      await saveSchedules(tx, rows, now);
      return recorded;
    });

  return {
    async refresh() {
      let total = 0;
      for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
        const ids = await findSchedulesToRecompute(db, BATCH);
        if (ids.length === 0) break;
        await recomputeSchedules(db, ids, clock.now());
        total += ids.length;
        if (ids.length < BATCH) break;
      }
      return total;
    },

    async dispatchDue() {
      const totals = { periods: 0, nudges: 0 };
      let batches = 0;
      // Each batch's jobs go to the queue as soon as it committed, while later batches are written
      // to Postgres; all of them are added before the tick ends. Adds take turns in a few chains,
      // so Redis runs one batch's scripts while the next batch's jobs are being serialized here.
      const adds = Array.from({ length: ADDS_IN_FLIGHT }, (): Promise<void> => Promise.resolve());
      let committed = 0;
      const lane = async () => {
        while (batches < MAX_BATCHES) {
          batches += 1;
          const result = await dispatchBatch(clock.now());
          if (!result) return;
          totals.periods += result.periods;
          totals.nudges += result.nudges.length;
          const chain = committed++ % ADDS_IN_FLIGHT;
          adds[chain] = adds[chain]!.then(() => queue.reminders(result.nudges));
        }
      };
      // Lanes lock disjoint rows (SKIP LOCKED), so their transactions run side by side.
      await Promise.all(Array.from({ length: LANES }, lane));
      await Promise.all(adds);
      return totals;
    },

    earliestDue: () => findEarliestDue(db),
  };
}
