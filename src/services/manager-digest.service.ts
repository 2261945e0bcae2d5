import type { DateTime } from 'luxon';
import type { Db } from '../db/client';
import { AccessDeniedError } from '../domain/access-policy';
import type { Checkin } from '../domain/checkin';
import { nextNudgeMoment } from '../domain/checkin-schedule';
import type { Goal } from '../domain/goal';
import { isOverdue } from '../domain/goal-status';
import { type DigestScheduleInput, type DigestSummary, digestWindow, nextDigest, reportsReadyAt, summarizeDigest } from '../domain/manager-digest';
import { nextWorkingMoment } from '../domain/working-time';
import { displayName, isActive, type Person } from '../domain/person';
import { type PersonalSettings, settingsKey, strictestThreshold, type WorkspaceSettings } from '../domain/settings';
import type { Clock } from '../lib/clock';
import { findCheckin, listCheckinsInWindow } from '../repositories/checkin.repository';
import {
  type DigestRecord,
  type DigestScheduleRow,
  findDigest,
  findEarliestDigestDue,
  findLastPeriods,
  findManagersToSchedule,
  insertDigests,
  listScheduledDigests,
  lockDueDigestSchedules,
  saveDigestSchedules,
  settleDigest,
} from '../repositories/manager-digest.repository';
import { listReportIds } from '../repositories/org.repository';
import { findPeopleByIds, findPersonById } from '../repositories/person.repository';
import { findPersonalSettings, findWorkspaceSettings } from '../repositories/settings.repository';
import type { AccessService } from './access.service';
import type { GoalService } from './goal.service';
import type { StaleGoal, StaleGoalService } from './stale-goal.service';
import { EARLY_TOLERANCE_MS } from '../domain/job-timing';

/** Carries a digest to its time (a delayed job in production). Queueing one twice must be harmless. */
export interface DigestQueue {
  digests(list: ReadonlyArray<Pick<DigestRecord, 'personId' | 'period' | 'dueAt'>>): Promise<void>;
}

export interface DigestContent {
  manager: Person;
  period: string;
  summary: DigestSummary;
  /** At risk or off track, or past their target date, as the manager may see them. */
  goalsAtRisk: Array<{ goal: Goal; owner: Person; overdue: boolean }>;
  staleGoals: StaleGoal[];
  /** The period key of each checked-in report's check-in, for the buttons that open it. */
  checkinPeriods: Map<string, string>;
}

export type DigestWork = { action: 'nothing' } | { action: 'later'; at: DateTime } | { action: 'send'; digest: DigestRecord; content: DigestContent };

export interface ReportCheckin {
  report: Person;
  checkin: Checkin | undefined;
  /** Whether the viewer may see the mood itself: their own, or one shared with them. */
  showMood: boolean;
}

export interface ManagerDigestService {
  /** Schedules new managers, records every due digest, advances the schedules and queues (again) every digest owed. */
  dispatchDue(): Promise<{ scheduled: number; recorded: number; queued: number }>;
  /** What the digest job should do now. */
  prepare(managerId: string, period: string): Promise<DigestWork>;
  /** After the send, or a recipient who cannot receive it: the digest owes nothing more. */
  complete(digest: DigestRecord): Promise<void>;
  earliestDue(): Promise<DateTime | undefined>;
  /** A report's check-in for a period, as the digest's button opens it. Throws AccessDeniedError. */
  reportCheckin(actor: Person, reportId: string, period: string): Promise<ReportCheckin>;
}

export const DIGEST_KIND = 'manager-digest';
/** Per manager and period; '-' rather than ':', which BullMQ job ids cannot hold. */
export const digestKey = (managerId: string, period: string) => `manager-digest-${managerId}-${period}`;

const BATCH = 200;
const MAX_BATCHES = 50;
/** The dispatcher ticks every minute: a digest found within two ticks of its moment is on time. */
const LATE_AFTER_MINUTES = 2;
const RISKY_STATUSES: ReadonlySet<Goal['status']> = new Set(['at_risk', 'off_track']);

export function digestInput(manager: Person, personal: PersonalSettings, workspace: WorkspaceSettings): DigestScheduleInput {
  return { zone: manager.timezone, cadence: workspace.checkin, rules: workspace, pausedUntil: personal.pausedUntil };
}

export function createManagerDigestService(deps: {
  db: Db;
  clock: Clock;
  access: AccessService;
  goals: GoalService;
  staleGoals: StaleGoalService;
  queue: DigestQueue;
}): ManagerDigestService {
  const { db, clock, access, goals, staleGoals, queue } = deps;

  /**
   * The next digest of each manager, from their current settings. None for someone who can no
   * longer get one, nor for someone who no longer manages anyone: the empty schedule brings them
   * back (findManagersToSchedule) should they gain a report again.
   */
  const computeRows = async (tx: Db, managers: readonly Person[], lastPeriods: Map<string, string | null>, now: DateTime): Promise<DigestScheduleRow[]> => {
    const rows: DigestScheduleRow[] = [];
    for (const manager of managers) {
      const [personal, workspace, reports] = await Promise.all([
        findPersonalSettings(tx, manager.id),
        findWorkspaceSettings(tx, manager.workspaceId, manager.homeTeamId),
        listReportIds(tx, manager.id),
      ]);
      const lastPeriod = lastPeriods.get(manager.id) ?? null;
      const eligible = personal && workspace && isActive(manager) && reports.length > 0;
      const next = eligible ? (nextDigest(digestInput(manager, personal, workspace), now, lastPeriod) ?? null) : null;
      rows.push({ personId: manager.id, workspaceId: manager.workspaceId, next, lastPeriod });
    }
    return rows;
  };

  const scheduleNewManagers = async (now: DateTime): Promise<number> => {
    const ids = await findManagersToSchedule(db, BATCH);
    if (ids.length === 0) return 0;
    const managers = await findPeopleByIds(db, ids);
    await saveDigestSchedules(db, await computeRows(db, managers, await findLastPeriods(db, ids), now), now);
    return ids.length;
  };

  /**
   * On time (this tick or the last): the digest's own moment. Late (downtime, a backlog): now if
   * that is working time for the manager, else their next working moment, never 3 a.m.
   */
  const sendAt = async (tx: Db, workspaceId: string, dueAt: DateTime, manager: Person | undefined, now: DateTime): Promise<DateTime> => {
    if (now.diff(dueAt).as('minutes') < LATE_AFTER_MINUTES || !manager) return dueAt;
    const workspace = await findWorkspaceSettings(tx, workspaceId, manager.homeTeamId);
    return (workspace && nextNudgeMoment(now, manager.timezone, workspace)) ?? dueAt;
  };

  /** One batch in one transaction: the due rows are locked, so a second tick or replica finds nothing. */
  const dispatchBatch = (now: DateTime) =>
    db.transaction().execute(async (tx) => {
      const due = await lockDueDigestSchedules(tx, now, BATCH);
      if (due.length === 0) return 0;
      const managers = await findPeopleByIds(tx, due.map((row) => row.personId));
      const byId = new Map(managers.map((m) => [m.id, m]));
      const digests = [];
      for (const row of due) {
        if (!row.next) continue;
        digests.push({ workspaceId: row.workspaceId, personId: row.personId, period: row.next.period, dueAt: await sendAt(tx, row.workspaceId, row.next.dueAt, byId.get(row.personId), now) });
      }
      await insertDigests(tx, digests, now);
      const periods = new Map(due.map((row) => [row.personId, row.next?.period ?? row.lastPeriod]));
      await saveDigestSchedules(tx, await computeRows(tx, managers, periods, now), now);
      return due.length;
    });

  /** The team mood's threshold: the strictest of the reports' policies (one read per home workspace among them). */
  const moodThreshold = async (reports: readonly Person[], workspace: WorkspaceSettings): Promise<number> => {
    const oneEach = [...new Map(reports.map((report) => [settingsKey(report), report])).values()];
    const thresholds = await Promise.all(
      oneEach.map(async (report) => (await findWorkspaceSettings(db, report.workspaceId, report.homeTeamId))?.anonymityThreshold ?? workspace.anonymityThreshold),
    );
    return strictestThreshold(workspace.anonymityThreshold, thresholds);
  };

  const contentFor = async (manager: Person, period: string, workspace: WorkspaceSettings): Promise<DigestContent> => {
    const reports = (await findPeopleByIds(db, await listReportIds(db, manager.id))).filter(isActive);
    const subjects = await access.subjects(manager.workspaceId, reports.map((r) => r.id));
    const visible: Person[] = [];
    for (const report of reports) {
      const subject = subjects.get(report.id);
      if (subject && (await access.decide(manager, 'checkin.view', subject)).allowed) visible.push(report);
    }
    const checkins = await listCheckinsInWindow(db, visible.map((r) => r.id), digestWindow(period, workspace.checkin));
    // Newest first: a report with two periods in the window (a personal cadence) shows the latest.
    const latest = new Map<string, Checkin>();
    for (const checkin of checkins) if (!latest.has(checkin.personId)) latest.set(checkin.personId, checkin);
    const summary = summarizeDigest(
      reports.map((report) => ({ personId: report.id, name: displayName(report), checkin: latest.get(report.id) })),
      await moodThreshold(reports, workspace),
    );
    const team = await goals.team(manager);
    const goalsAtRisk = team.flatMap(({ person, goals: list }) =>
      list.flatMap((goal) => {
        const overdue = isOverdue(goal, goals.today(person));
        return overdue || RISKY_STATUSES.has(goal.status) ? [{ goal, owner: person, overdue }] : [];
      }),
    );
    return {
      manager,
      period,
      summary,
      goalsAtRisk,
      staleGoals: await staleGoals.forManager(manager),
      checkinPeriods: new Map([...latest].map(([personId, checkin]) => [personId, checkin.period])),
    };
  };

  return {
    async dispatchDue() {
      const now = clock.now();
      const scheduled = await scheduleNewManagers(now);
      let recorded = 0;
      for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
        const count = await dispatchBatch(now);
        recorded += count;
        if (count < BATCH) break;
      }
      // Every digest still owed, queued again: the ones Redis holds are left as they are, the ones it lost come back.
      const owed = await listScheduledDigests(db, BATCH * MAX_BATCHES);
      await queue.digests(owed);
      return { scheduled, recorded, queued: owed.length };
    },

    async prepare(managerId, period) {
      const digest = await findDigest(db, managerId, period);
      if (!digest || digest.state !== 'scheduled') return { action: 'nothing' };
      const now = clock.now();
      if (digest.dueAt.toMillis() - now.toMillis() > EARLY_TOLERANCE_MS) return { action: 'later', at: digest.dueAt };
      const [manager, personal] = await Promise.all([findPersonById(db, managerId), findPersonalSettings(db, managerId)]);
      const workspace = await findWorkspaceSettings(db, digest.workspaceId, manager?.homeTeamId);
      const paused = personal?.pausedUntil != null && (now.setZone(manager?.timezone ?? 'utc').toISODate() ?? '') <= personal.pausedUntil;
      if (!manager || !isActive(manager) || !personal || !workspace || paused || personal.mutedNudges.includes('digest')) {
        await settleDigest(db, digest.id, 'skipped', now);
        return { action: 'nothing' };
      }
      // A report in a zone behind the manager's may still check in for the period: wait for them.
      const reports = (await findPeopleByIds(db, await listReportIds(db, manager.id))).filter(isActive);
      const ready = reportsReadyAt(period, reports.map((r) => r.timezone), workspace);
      if (ready && ready > now) return { action: 'later', at: nextWorkingMoment(ready, manager.timezone, workspace, personal.pausedUntil) };
      const content = await contentFor(manager, period, workspace);
      if (content.summary.checkedIn.length + content.summary.missing.length === 0) {
        // No longer manages anyone: nothing to tell.
        await settleDigest(db, digest.id, 'skipped', now);
        return { action: 'nothing' };
      }
      return { action: 'send', digest, content };
    },

    complete: (digest) => settleDigest(db, digest.id, 'sent', clock.now()),

    earliestDue: () => findEarliestDigestDue(db),

    async reportCheckin(actor, reportId, period) {
      const report = await findPersonById(db, reportId);
      // Someone unknown is refused like anyone the actor may not see: a crafted id learns nothing.
      if (!report) throw new AccessDeniedError('checkin.view', 'not_permitted');
      const grounds = await access.authorize(actor, 'checkin.view', await access.subject(report));
      const checkin = await findCheckin(db, report.id, period);
      return { report, checkin, showMood: grounds === 'self' || checkin?.moodShared === true };
    },
  };
}
