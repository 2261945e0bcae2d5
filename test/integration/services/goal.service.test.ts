import type { Goal, GoalInput } from '../../../src/domain/goal';
import type { KeyResultInput } from '../../../src/domain/key-result';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { createAccessService } from '../../../src/services/access.service';
import { createGoalService, type GoalDetail, type GoalService } from '../../../src/services/goal.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';

const kr = (title: string, start: string, target: string, overrides: Partial<KeyResultInput> = {}): KeyResultInput => ({
  title,
  kind: 'number',
  start,
  target,
  unit: null,
  weight: null,
  ...overrides,
});
const goalInput = (title: string, overrides: Partial<GoalInput> = {}): GoalInput => ({ title, description: null, category: 'performance', targetDate: null, ...overrides });

describe('goal service', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  function setup(now = '2026-11-23T12:00:00Z') {
    const created: Goal[] = [];
    const changedByOthers: number[] = [];
    const clock = new ManualClock(now);
    const goals = createGoalService({
      db: t.db,
      clock,
      events: { goalCreated: async (g) => void created.push(g), goalChangedByOther: async ({ eventId }) => void changedByOthers.push(eventId) },
      access: createAccessService({ db: t.db }),
    });
    return { goals, created, changedByOthers, clock };
  }

  async function create(goals: GoalService, actor: Person, input: GoalInput): Promise<GoalDetail> {
    const result = await goals.create(actor, input);
    if (!result.ok) throw new Error(`expected a goal, got ${JSON.stringify(result.errors)}`);
    return result.value;
  }

  const stored = async (id: string) => t.db.selectFrom('goal').select(['progress', 'status', 'parent_id']).where('id', '=', id).executeTakeFirstOrThrow();

  describe('creating', () => {
    it('stores a goal with its key results, records its creation and announces it', async () => {
      const { goals, created } = setup();
      const owner = await createPerson(t.db);
      const detail = await create(
        goals,
        owner,
        goalInput('Ship billing', { description: 'Move invoices', category: 'development', targetDate: '2027-02-01', keyResults: [kr('Invoices moved', '0', '1200'), kr('Payment errors', '40', '5', { unit: '%' })] }),
      );
      expect(detail.goal).toMatchObject({ ownerId: owner.id, title: 'Ship billing', status: 'not_started', level: 'individual', visibility: 'private', progress: 0 });
      expect(detail.goal.createdAt.toISO()).toBe('2026-11-23T12:00:00.000Z');
      expect(detail.keyResults.map((k) => [k.position, k.title, k.start, k.target, k.current, k.unit])).toEqual([
        [0, 'Invoices moved', 0, 1200, 0, null],
        [1, 'Payment errors', 40, 5, 40, '%'],
      ]);
      expect(detail.history).toMatchObject([{ kind: 'created', actor: { id: owner.id }, changes: [] }]);
      expect(created.map((g) => g.title)).toEqual(['Ship billing']);
      expect((await goals.listOwn(owner)).map((c) => c.goal.title)).toEqual(['Ship billing']);
    });

    it('stores nothing and announces nothing when the input breaks a rule', async () => {
      const { goals, created } = setup();
      const owner = await createPerson(t.db);
      const result = await goals.create(owner, goalInput('Good title', { keyResults: [kr('Fine', '0', '10'), kr('Flat', '5', '5')] }));
      expect(result).toEqual({ ok: false, errors: { 'kr.1.target': 'The target must differ from the start, or there is nothing to measure.' } });
      expect(created).toEqual([]);
      expect(await goals.listOwn(owner)).toEqual([]);
      expect(await t.db.selectFrom('key_result').innerJoin('goal', 'goal.id', 'key_result.goal_id').select('key_result.id').where('goal.owner_id', '=', owner.id).execute()).toEqual([]);
    });

    it("measures 'in the past' on the owner's own calendar", async () => {
      // 23:30 UTC on the 23rd is already the 24th in Kolkata, still the 23rd in New York.
      const { goals } = setup('2026-11-23T23:30:00Z');
      const inKolkata = await createPerson(t.db, { timezone: 'Asia/Kolkata' });
      const inNewYork = await createPerson(t.db, { timezone: 'America/New_York' });
      const goal = goalInput('Due on the 23rd', { targetDate: '2026-11-23' });
      expect((await goals.create(inKolkata, goal)).ok).toBe(false);
      expect((await goals.create(inNewYork, goal)).ok).toBe(true);
    });

    it('lets only HR admins own company goals and only people who lead a team own team goals', async () => {
      const { goals } = setup();
      const admin = await createPerson(t.db, { isAdmin: true });
      const lead = await createPerson(t.db);
      const report = await createPerson(t.db);
      await linkManager(t.db, report.id, lead.id);
      expect((await goals.create(report, goalInput('Company thing', { level: 'company' }))).ok).toBe(false);
      expect(await goals.create(report, goalInput('Team thing', { level: 'team' }))).toMatchObject({ ok: false, errors: { level: expect.stringContaining('lead a team') } });
      expect((await goals.create(lead, goalInput('Team thing', { level: 'team' }))).ok).toBe(true);
      expect((await goals.create(admin, goalInput('Company thing', { level: 'company' }))).ok).toBe(true);
      expect((await goals.formOptions(report)).levels).toEqual(['individual']);
      expect((await goals.formOptions(lead)).levels).toEqual(['team', 'individual']);
      expect((await goals.formOptions(admin)).levels).toEqual(['company', 'team', 'individual']);
    });

    it("lists only the actor's own goals, soonest first and undated last", async () => {
      const { goals } = setup();
      const owner = await createPerson(t.db);
      const other = await createPerson(t.db);
      for (const [title, targetDate] of [['later', '2027-06-01'], ['undated', null], ['sooner', '2027-01-01']] as const) {
        await goals.create(owner, goalInput(title, { targetDate }));
      }
      await goals.create(other, goalInput('not mine'));
      expect((await goals.listOwn(owner)).map((c) => c.goal.title)).toEqual(['sooner', 'later', 'undated']);
    });
  });

  describe('progress and history', () => {
    it('records new values, status and a note in one history entry, and moves progress', async () => {
      const { goals, clock } = setup();
      const owner = await createPerson(t.db);
      const detail = await create(goals, owner, goalInput('Faster checkout', { keyResults: [kr('p95 latency', '450', '300', { unit: 'ms' }), kr('Docs published', '0', '1', { kind: 'yes_no' })] }));
      const [latency, docs] = detail.keyResults;
      clock.advance({ hours: 3 });
      const result = await goals.updateProgress(owner, detail.goal.id, {
        status: 'on_track',
        note: 'Cache warmed up',
        values: [
          { keyResultId: latency!.id, value: '380' },
          { keyResultId: docs!.id, value: '0' },
        ],
      });
      if (!result.ok) throw new Error('expected an update');
      // latency (450 → 300, now 380) is 46.666…%; docs 0%; mean 23.333…%, rounded down
      expect(result.value.goal).toMatchObject({ progress: 23.333333, status: 'on_track' });
      expect(result.value.history[0]).toMatchObject({
        kind: 'progress',
        actor: { id: owner.id },
        note: 'Cache warmed up',
        changes: [
          { type: 'kr_value', title: 'p95 latency', from: 450, to: 380, unit: 'ms' },
          { type: 'field', field: 'status', from: 'not_started', to: 'on_track' },
          { type: 'field', field: 'progress', from: 0, to: 23.333333 },
        ],
      });
      expect(result.value.history[0]?.at.toISO()).toBe('2026-11-23T15:00:00.000Z');
      expect(result.value.lastChange?.id).toBe(result.value.history[0]?.id);
    });

    it('starts a goal left "not started" once it moves, and says so in the history', async () => {
      const { goals } = setup();
      const owner = await createPerson(t.db);
      const detail = await create(goals, owner, goalInput('Grow', { keyResults: [kr('Teams', '10', '20')] }));
      const result = await goals.updateProgress(owner, detail.goal.id, { status: 'not_started', note: null, values: [{ keyResultId: detail.keyResults[0]!.id, value: '15' }] });
      expect(result).toMatchObject({ ok: true, value: { goal: { status: 'on_track', progress: 50 } } });
    });

    it('refuses bad values with an error per key result and changes nothing', async () => {
      const { goals } = setup();
      const owner = await createPerson(t.db);
      const detail = await create(goals, owner, goalInput('Quality', { keyResults: [kr('Coverage', '40', '80', { kind: 'percent' }), kr('Bugs', '30', '5')] }));
      const [coverage, bugs] = detail.keyResults;
      const result = await goals.updateProgress(owner, detail.goal.id, {
        status: 'weird',
        note: null,
        values: [
          { keyResultId: coverage!.id, value: '120' },
          { keyResultId: bugs!.id, value: '12' },
        ],
      });
      expect(result).toEqual({
        ok: false,
        errors: { status: 'Choose a status.', [`kr.${coverage!.id}`]: 'A percentage is between 0 and 100.' },
      });
      const after = await goals.forEdit(owner, detail.goal.id);
      expect(after.keyResults.map((k) => k.current)).toEqual([40, 30]);
      expect(after.history).toHaveLength(1);
    });

    it('sets a goal without key results to 100 when it is completed', async () => {
      const { goals } = setup();
      const owner = await createPerson(t.db);
      const detail = await create(goals, owner, goalInput('Run the offsite'));
      const result = await goals.updateProgress(owner, detail.goal.id, { status: 'completed', note: 'Done!', values: [] });
      expect(result).toMatchObject({ ok: true, value: { goal: { status: 'completed', progress: 100 } } });
    });

    it('keeps what an edit adds, removes and redefines in the history, and resets a key result whose kind changed', async () => {
      const { goals } = setup();
      const owner = await createPerson(t.db);
      const detail = await create(goals, owner, goalInput('Launch', { keyResults: [kr('Signups', '0', '100'), kr('Press', '0', '10')] }));
      const [signups, press] = detail.keyResults;
      await goals.updateProgress(owner, detail.goal.id, {
        status: 'on_track',
        note: null,
        values: [
          { keyResultId: signups!.id, value: '50' },
          { keyResultId: press!.id, value: '5' },
        ],
      });
      const result = await goals.edit(
        owner,
        detail.goal.id,
        goalInput('Launch v2', {
          note: 'Press is a yes/no now',
          keyResults: [
            { ...kr('Press', '0', '1'), id: press!.id, kind: 'yes_no' },
            kr('Reviews', '0', '20'),
          ],
        }),
      );
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.value.keyResults.map((k) => [k.title, k.kind, k.current, k.position])).toEqual([
        ['Press', 'yes_no', 0, 0],
        ['Reviews', 'number', 0, 1],
      ]);
      expect(result.value.history[0]).toMatchObject({
        kind: 'edited',
        note: 'Press is a yes/no now',
        changes: [
          { type: 'field', field: 'title', from: 'Launch', to: 'Launch v2' },
          { type: 'kr_removed', title: 'Signups' },
          { type: 'kr_edited', title: 'Press', changes: [{ field: 'kind', from: 'number', to: 'yes_no' }, { field: 'target', from: 10, to: 1 }] },
          { type: 'kr_added', title: 'Reviews' },
          { type: 'field', field: 'progress', from: 50, to: 0 },
        ],
      });
    });

    it('refuses anyone but the owner and their managers, with the policy’s error, and tells the owner what a manager changed', async () => {
      const { goals, changedByOthers } = setup();
      const owner = await createPerson(t.db);
      const manager = await createPerson(t.db);
      const peer = await createPerson(t.db);
      await linkManager(t.db, owner.id, manager.id);
      const detail = await create(goals, owner, goalInput('Private plan', { keyResults: [kr('Steps', '0', '4')] }));
      const update = { status: 'on_track', note: 'from my manager', values: [{ keyResultId: detail.keyResults[0]!.id, value: '1' }] };
      await expect(goals.updateProgress(peer, detail.goal.id, update)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(goals.details(peer, detail.goal.id)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(goals.details(peer, 'not-a-goal-id')).rejects.toMatchObject({ name: 'AccessDeniedError' });
      const byManager = await goals.updateProgress(manager, detail.goal.id, update);
      expect(byManager).toMatchObject({ ok: true, value: { goal: { progress: 25 }, history: [{ actor: { id: manager.id }, note: 'from my manager' }, {}] } });
      // The owner's own changes need no telling; the manager's do, once per history entry.
      await goals.updateProgress(owner, detail.goal.id, { ...update, note: 'mine' });
      expect(changedByOthers).toEqual([byManager.ok ? byManager.value.history[0]?.id : undefined]);
      const change = await goals.loadChangeForOwner(changedByOthers[0]!);
      expect(change).toMatchObject({ detail: { owner: { id: owner.id } }, event: { note: 'from my manager', actor: { id: manager.id } } });
    });
  });

  describe('alignment and roll-up', () => {
    let admin: Person;
    let lead: Person;
    let ana: Person;
    let ben: Person;
    let outsider: Person;
    let goals: GoalService;

    beforeAll(async () => {
      goals = setup().goals;
      admin = await createPerson(t.db, { isAdmin: true });
      lead = await createPerson(t.db);
      ana = await createPerson(t.db);
      ben = await createPerson(t.db);
      outsider = await createPerson(t.db);
      await linkManager(t.db, ana.id, lead.id);
      await linkManager(t.db, ben.id, lead.id);
    });

    it('rolls a key result change up through every goal above it, in the same transaction', async () => {
      const company = await create(goals, admin, goalInput('Win the market', { level: 'company', visibility: 'public' }));
      const team = await create(goals, lead, goalInput('Ship the platform', { level: 'team', visibility: 'public', parentId: company.goal.id }));
      const mine = await create(goals, ana, goalInput('Migrate billing', { parentId: team.goal.id, keyResults: [kr('Invoices', '0', '100')] }));
      const bens = await create(goals, ben, goalInput('Harden auth', { parentId: team.goal.id, weight: '3', keyResults: [kr('Findings fixed', '0', '10')] }));

      await goals.updateProgress(ana, mine.goal.id, { status: 'on_track', note: null, values: [{ keyResultId: mine.keyResults[0]!.id, value: '40' }] });
      await goals.updateProgress(ben, bens.goal.id, { status: 'on_track', note: null, values: [{ keyResultId: bens.keyResults[0]!.id, value: '8' }] });
      // team = (40·1 + 80·3) / 4 = 70; company = 70 (its only aligned goal)
      expect((await stored(team.goal.id)).progress).toBe(70);
      expect((await stored(company.goal.id)).progress).toBe(70);

      // Ben's goal archived: it leaves the team goal's progress, and the company's above it.
      await goals.updateProgress(ben, bens.goal.id, { status: 'archived', note: 'Moved to another team', values: [] });
      expect((await stored(team.goal.id)).progress).toBe(40);
      expect((await stored(company.goal.id)).progress).toBe(40);

      // Ana's goal moves to a second team goal: both parents and the company are recomputed.
      const other = await create(goals, lead, goalInput('Cut costs', { level: 'team', visibility: 'public', parentId: company.goal.id }));
      const moved = await goals.align(ana, mine.goal.id, { parentId: other.goal.id, weight: null, note: 'Billing belongs to costs' });
      expect(moved).toMatchObject({ ok: true, value: { parent: { id: other.goal.id }, history: [{ kind: 'aligned', changes: [{ field: 'parent', from: team.goal.id, to: other.goal.id }] }, {}, {}] } });
      expect((await stored(team.goal.id)).progress).toBe(0);
      expect((await stored(other.goal.id)).progress).toBe(40);
      // company = (0 + 40) / 2
      expect((await stored(company.goal.id)).progress).toBe(20);

      const shown = await goals.details(outsider, company.goal.id);
      expect(shown.children.map((g) => g.title).sort()).toEqual(['Cut costs', 'Ship the platform']);
      expect(shown.canEdit).toBe(false);
      expect(moved.ok && moved.value.goalTitles.get(team.goal.id)).toBe('Ship the platform');
    });

    it('refuses a parent that would make a loop, or that the owner cannot see, with the same words for hidden and missing goals', async () => {
      const top = await create(goals, ana, goalInput('Top'));
      const middle = await create(goals, ana, goalInput('Middle', { parentId: top.goal.id }));
      const bottom = await create(goals, ana, goalInput('Bottom', { parentId: middle.goal.id }));
      expect(await goals.align(ana, top.goal.id, { parentId: bottom.goal.id, weight: null, note: null })).toEqual({
        ok: false,
        errors: { parent: '“Bottom” is aligned under this goal already, so aligning this goal to it would make a loop.' },
      });
      expect(await goals.align(ana, top.goal.id, { parentId: top.goal.id, weight: null, note: null })).toEqual({ ok: false, errors: { parent: 'A goal cannot be aligned to itself.' } });
      expect((await stored(top.goal.id)).parent_id).toBeNull();

      const hidden = await create(goals, outsider, goalInput('Outsider’s private goal'));
      const cannotSee = { ok: false, errors: { parent: "You can't see that. Pick a goal from the list." } };
      expect(await goals.align(ana, top.goal.id, { parentId: hidden.goal.id, weight: null, note: null })).toEqual(cannotSee);
      expect(await goals.align(ana, top.goal.id, { parentId: '00000000-0000-4000-8000-000000000000', weight: null, note: null })).toEqual(cannotSee);
      expect(await goals.create(ana, goalInput('Sneaky', { parentId: hidden.goal.id }))).toEqual(cannotSee);
      // The form only offers what both may see, and never the goal itself or what is below it.
      const offered = (await goals.formOptions(ana, top.goal.id)).parents.map((g) => g.title);
      expect(offered).not.toEqual(expect.arrayContaining(['Top', 'Middle', 'Bottom', 'Outsider’s private goal']));
      expect(offered).toEqual(expect.arrayContaining(['Win the market']));
    });

    it('shows a manager each report with the goals they may see, and everyone the public company and team goals', async () => {
      const team = await goals.team(lead);
      expect(team.map((m) => m.person.id).sort()).toEqual([ana.id, ben.id].sort());
      expect(team.find((m) => m.person.id === ana.id)?.goals.map((g) => g.title)).toEqual(expect.arrayContaining(['Migrate billing', 'Top']));
      expect(await goals.team(ana)).toEqual([]);
      const shared = (await goals.shared(outsider)).map(({ goal, owner }) => [goal.title, owner.id]);
      expect(shared).toEqual(
        expect.arrayContaining([
          ['Win the market', admin.id],
          ['Ship the platform', lead.id],
        ]),
      );
      expect(shared.map(([title]) => title)).not.toContain('Top');
    });

    it('keeps parents consistent when siblings are updated at the same moment', async () => {
      const parent = await create(goals, lead, goalInput('Parallel', { level: 'team', visibility: 'public' }));
      const children = await Promise.all(
        [ana, ben, lead].map((owner, i) => create(goals, owner, goalInput(`Child ${i}`, { parentId: parent.goal.id, keyResults: [kr('Steps', '0', '10')] }))),
      );
      await Promise.all(
        children.map((child, i) =>
          goals.updateProgress(child.owner, child.goal.id, { status: 'on_track', note: null, values: [{ keyResultId: child.keyResults[0]!.id, value: String((i + 1) * 3) }] }),
        ),
      );
      // (30 + 60 + 90) / 3
      expect((await stored(parent.goal.id)).progress).toBe(60);
    });

    it('loads a goal as its owner sees it, for notifications', async () => {
      const loaded = await goals.loadForOwner((await goals.listOwn(ana))[0]!.goal.id);
      expect(loaded?.owner.id).toBe(ana.id);
      expect(loaded?.goal.createdAt.zoneName).toBe('UTC');
      expect(await goals.loadForOwner('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    });
  });
});
