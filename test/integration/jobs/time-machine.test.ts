import { randomUUID } from 'node:crypto';
import { DEFAULT_PEOPLE, DEFAULT_TEAM_ID } from '../../../sandbox';
import { goalCreatedJob } from '../../../src/jobs/goal-created.job';
import { recurring, upsertSchedulers } from '../../../src/jobs/schedulers';
import { TimeMachine } from '../../../src/jobs/time-machine';
import { OffsetClock } from '../../../src/lib/clock';
import { insertGoal } from '../../../src/repositories/goal.repository';
import { type CadenceHarness, startCadenceHarness } from '../../support/cadence';
import { createPerson } from '../../support/factories';

const DAY = 86_400_000;
const alice = DEFAULT_PEOPLE.alice;

/**
 * The sandbox's clock control on the real stack (worker, BullMQ, ledger, emulator): moving time
 * releases exactly what production would have run by then, and nothing earlier.
 */
describe('TimeMachine', () => {
  let h: CadenceHarness;
  let clock: OffsetClock;
  let time: TimeMachine;
  let goalId: string;

  beforeAll(async () => {
    clock = new OffsetClock();
    h = await startCadenceHarness({ clock });
    time = new TimeMachine({ clock, jobs: h.cadence.deps.jobs, logger: h.cadence.deps.logger });
    const owner = await createPerson(h.database.db, { workspaceId: DEFAULT_TEAM_ID, slackUserId: alice.id, timezone: alice.tz });
    const goal = await insertGoal(h.database.db, { workspace_id: DEFAULT_TEAM_ID, owner_id: owner.id, title: 'Delayed hello', category: 'performance' });
    goalId = goal.id;
  });
  afterAll(() => h.stop());

  const confirmations = () => h.emulator.dms(alice.id).filter((m) => m.text.includes('Delayed hello'));

  it('reports delayed work at its time on the app clock', async () => {
    expect(await time.next()).toBeUndefined();
    const start = clock.now();
    await h.cadence.deps.jobs.enqueue(goalCreatedJob, { goalId }, { delayMs: 2 * DAY });
    const next = await time.next();
    expect(next?.what).toBe('goal-created');
    expect(Math.abs(next!.at.toMillis() - start.plus(2 * DAY).toMillis())).toBeLessThan(1000);
  });

  it('keeps that time when the clock moves part of the way, and runs nothing early', async () => {
    const due = (await time.next())!.at;
    await time.advance(DAY);
    expect(Math.abs((await time.next())!.at.toMillis() - due.toMillis())).toBeLessThan(1000);
    expect(await h.cadence.deps.jobs.getJobState(goalCreatedJob, { goalId })).toBe('delayed');
    expect(confirmations()).toHaveLength(0);
  });

  it('delivers what is scheduled next through the real worker, moving the clock to it', async () => {
    const due = (await time.next())!.at;
    const work = await time.runNext();
    expect(work?.what).toBe('goal-created');
    await h.emulator.waitForDm(alice.id, (m) => m.text.includes('Delayed hello'));
    expect(confirmations()).toHaveLength(1);
    expect(clock.now() >= due).toBe(true);
    expect(clock.now().diff(due).as('seconds')).toBeLessThan(5);
    expect(await time.next()).toBeUndefined();
  });

  it('reports work other sources know of (a nudge due in Postgres) when it comes first', async () => {
    const at = clock.now().plus({ hours: 3 });
    const withNudges = new TimeMachine({
      clock,
      jobs: h.cadence.deps.jobs,
      logger: h.cadence.deps.logger,
      sources: [{ next: async () => ({ at, what: 'checkin-nudge' }) }],
    });
    const later = { goalId: randomUUID() };
    await h.cadence.deps.jobs.enqueue(goalCreatedJob, later, { delayMs: 5 * 3_600_000 });
    expect(await withNudges.next()).toEqual({ at, what: 'checkin-nudge' });
    expect((await time.next())?.what).toBe('goal-created');
    await h.cadence.deps.jobs.remove(goalCreatedJob, later);
  });

  it('lets recurring ticks run when time moves past them, without reporting them as next', async () => {
    await upsertSchedulers(h.cadence.deps.jobs, [
      recurring({ schedulerId: 'hourly-tick', definition: goalCreatedJob, payload: { goalId: randomUUID() }, every: 3_600_000 }),
    ]);
    const tick = async () => (await time.delayedJobs()).find((j) => j.schedulerId === 'hourly-tick');
    // A new `every` scheduler runs at once and then keeps its next run delayed.
    await waitUntil(async () => (await tick()) !== undefined);
    const first = (await tick())!;
    expect(await time.next()).toBeUndefined();

    const { released } = await time.advance(2 * 3_600_000);
    expect(released).toBeGreaterThanOrEqual(1);
    await waitUntil(async () => ((await tick())?.jobId ?? first.jobId) !== first.jobId);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
