import { DateTime } from 'luxon';
import { defaultWorkspace, type WorkspaceSpec } from '../../sandbox';
import { QUEUE_NAMES } from '../../src/jobs/job-definition';
import { TimeMachine } from '../../src/jobs/time-machine';
import { OffsetClock } from '../../src/lib/clock';
import { type CadenceHarness, startCadenceHarness } from './cadence';
import { waitFor } from './redis';

/** People in the four zones the check-in tests care about; their ids are the emulator's. */
export const ZONED = {
  alice: { id: 'U0ALICE', name: 'alice', realName: 'Alice Example', email: 'alice@example.com', tz: 'Europe/London' },
  bob: { id: 'U0BOB', name: 'bob', realName: 'Bob Example', email: 'bob@example.com', tz: 'America/New_York' },
  kiran: { id: 'U0KIRAN', name: 'kiran', realName: 'Kiran Example', email: 'kiran@example.com', tz: 'Asia/Kathmandu' },
  lena: { id: 'U0LENA', name: 'lena', realName: 'Lena Example', email: 'lena@example.com', tz: 'Australia/Lord_Howe' },
} as const;

export interface TimedCadence {
  h: CadenceHarness;
  clock: OffsetClock;
  time: TimeMachine;
  /** Waits until every nudge due by now was dispatched and every job that became runnable ran. */
  settle(): Promise<void>;
  /** Jumps to whatever is scheduled next (a nudge in Postgres, a delayed job) and lets it happen. */
  step(): Promise<void>;
  /** Moves the clock to `iso` and lets whatever became due happen. */
  moveTo(iso: string): Promise<void>;
}

/**
 * The real Cadence on a clock that starts at `startIso` and moves only when told (besides real
 * time flowing), sharing that clock with the emulator, with everyone in the workspace scheduled.
 */
export async function startTimedCadence(
  startIso: string,
  options: { env?: NodeJS.ProcessEnv; people?: WorkspaceSpec['people']; schedulerCheckMs?: number } = {},
): Promise<TimedCadence> {
  const clock = new OffsetClock(DateTime.fromISO(startIso).toMillis() - Date.now());
  const workspace = defaultWorkspace();
  workspace.people = options.people ?? Object.values(ZONED).map((p) => ({ ...p }));
  const h = await startCadenceHarness({
    clock,
    emulator: { workspaces: [workspace], now: () => clock.now().toMillis() },
    ...(options.env ? { env: options.env } : {}),
    ...(options.schedulerCheckMs ? { schedulerCheckMs: options.schedulerCheckMs } : {}),
  });
  const deps = h.cadence.deps;
  const time = new TimeMachine({ clock, jobs: deps.jobs, logger: deps.logger, sources: deps.dueSources });
  const db = h.database.db;
  const people = workspace.people.length;
  await waitFor(async () => (await db.selectFrom('person').select('id').execute()).length >= people, { what: 'the start-up directory sync' });
  await deps.checkinSchedule.refresh();

  const count = (n: { n: number } | undefined) => n?.n ?? 0;
  /** What is still to happen at the clock's now; empty once everything due has happened. */
  const outstanding = async (): Promise<string[]> => {
    const now = clock.now().toJSDate();
    const due = await db.selectFrom('checkin_schedule').select((eb) => eb.fn.countAll<number>().as('n')).where('next_due_at', '<=', now).executeTakeFirst();
    const owed = await db
      .selectFrom('checkin_reminder')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('state', '=', 'scheduled')
      .where('due_at', '<=', now)
      .executeTakeFirst();
    const left = [...(count(due) > 0 ? [`${count(due)} schedules due`] : []), ...(count(owed) > 0 ? [`${count(owed)} reminders owed`] : [])];
    for (const name of QUEUE_NAMES) {
      const counts = await deps.jobs.queueFor(name).getJobCounts('waiting', 'active', 'prioritized');
      for (const [state, n] of Object.entries(counts)) if (n > 0) left.push(`${n} ${state} on ${name}`);
    }
    return left;
  };
  const settle = async () => {
    try {
      await waitFor(async () => (await outstanding()).length === 0, { timeoutMs: 90_000, intervalMs: 25 });
    } catch {
      throw new Error(`at ${clock.now().toISO()} still outstanding: ${(await outstanding()).join(', ')}`);
    }
  };

  return {
    h,
    clock,
    time,
    settle,
    async step() {
      if (!(await time.runNext())) throw new Error('nothing is scheduled');
      await settle();
    },
    async moveTo(iso) {
      await time.advance(Math.max(0, DateTime.fromISO(iso).toMillis() - clock.now().toMillis()));
      await settle();
    },
  };
}
