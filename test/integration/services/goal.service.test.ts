import type { Goal } from '../../../src/domain/goal';
import { ManualClock } from '../../../src/lib/clock';
import { createAccessService } from '../../../src/services/access.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';

describe('goal service', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  function setup(now = '2026-11-23T12:00:00Z') {
    const created: Goal[] = [];
    const clock = new ManualClock(now);
    const goals = createGoalService({
      db: t.db,
      clock,
      events: { goalCreated: async (g) => void created.push(g) },
      access: createAccessService({ db: t.db }),
    });
    return { goals, created, clock };
  }

  it('stores a valid goal for the actor and announces it', async () => {
    const { goals, created } = setup();
    const owner = await createPerson(t.db);
    const result = await goals.create(owner, {
      title: 'Ship billing',
      description: 'Move invoices to the new provider',
      category: 'development',
      targetDate: '2027-02-01',
    });
    expect(result).toMatchObject({ ok: true, value: { ownerId: owner.id, title: 'Ship billing', status: 'not_started' } });
    expect(created.map((g) => g.title)).toEqual(['Ship billing']);
    expect((await goals.listOwn(owner)).map((g) => g.title)).toEqual(['Ship billing']);
  });

  it('stores nothing and announces nothing when the input breaks a rule', async () => {
    const { goals, created } = setup();
    const owner = await createPerson(t.db);
    const result = await goals.create(owner, { title: '', description: null, category: 'performance', targetDate: null });
    expect(result).toEqual({ ok: false, errors: { title: 'Give your goal a title.' } });
    expect(created).toEqual([]);
    expect(await goals.listOwn(owner)).toEqual([]);
  });

  it("measures 'in the past' on the owner's own calendar", async () => {
    // 23:30 UTC on the 23rd is already the 24th in Kolkata, still the 23rd in New York.
    const { goals } = setup('2026-11-23T23:30:00Z');
    const inKolkata = await createPerson(t.db, { timezone: 'Asia/Kolkata' });
    const inNewYork = await createPerson(t.db, { timezone: 'America/New_York' });
    const goal = { title: 'Due on the 23rd', description: null, category: 'stretch', targetDate: '2026-11-23' };
    expect((await goals.create(inKolkata, goal)).ok).toBe(false);
    expect((await goals.create(inNewYork, goal)).ok).toBe(true);
  });

  it("lists only the actor's own goals, soonest first and undated last", async () => {
    const { goals } = setup();
    const owner = await createPerson(t.db);
    const other = await createPerson(t.db);
    for (const [title, targetDate] of [['later', '2027-06-01'], ['undated', null], ['sooner', '2027-01-01']] as const) {
      await goals.create(owner, { title, description: null, category: 'performance', targetDate });
    }
    await goals.create(other, { title: 'not mine', description: null, category: 'performance', targetDate: null });
    expect((await goals.listOwn(owner)).map((g) => g.title)).toEqual(['sooner', 'later', 'undated']);
  });

  it('loads a goal with its owner for notifications', async () => {
    const { goals } = setup();
    const owner = await createPerson(t.db);
    const result = await goals.create(owner, { title: 'Loaded', description: null, category: 'performance', targetDate: null });
    if (!result.ok) throw new Error('expected a goal');
    const loaded = await goals.loadWithOwner(result.value.id);
    expect(loaded?.owner.id).toBe(owner.id);
    expect(loaded?.goal.createdAt.zoneName).toBe('UTC');
    expect(loaded?.goal.createdAt.isValid).toBe(true);
    expect(await goals.loadWithOwner('00000000-0000-0000-0000-000000000000')).toBeUndefined();
  });
});
