import { createHmac } from 'node:crypto';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { OutcomeUnknownError, PermanentError, RateLimitedError, RunLaterError } from '../../../src/lib/errors';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { FakeTools } from '../../support/fake-tools';
import { goalInput, wireIntegrations } from '../../support/integrations';

/**
 * Goals pushed to Notion, Asana, monday.com and webhooks through the push ledger, against local
 * servers that speak each API's documented shapes: connections checked before they are stored,
 * secrets sealed, a push made once however often its job runs, 429s and lost answers survived,
 * progress changes carried to the item, and a revoked token shown to HR.
 */
describe('pushing goals to other tools', () => {
  let t: TestDatabase;
  const fake = new FakeTools();
  const clock = new ManualClock('2026-12-08T10:00:00Z');
  let w: ReturnType<typeof wireIntegrations>;
  let n = 0;
  /** Workspaces Cadence was uninstalled from. */
  const uninstalled = new Set<string>();

  beforeAll(async () => {
    t = await createTestDatabase();
    await fake.start();
    w = wireIntegrations(t.db, clock, fake, { workspaces: { serves: async (id) => !uninstalled.has(id) } });
  });
  afterAll(async () => {
    await fake.stop();
    await t.drop();
  });

  async function people() {
    const workspaceId = `T0INT${(n += 1)}`;
    const hr = await createPerson(t.db, { workspaceId, isAdmin: true });
    const manager = await createPerson(t.db, { workspaceId, realName: 'Mo Manager' });
    const owner = await createPerson(t.db, { workspaceId, realName: 'Olu Owner', email: `olu${n}@example.com` });
    const peer = await createPerson(t.db, { workspaceId });
    await linkManager(t.db, owner.id, manager.id);
    return { hr, manager, owner, peer };
  }

  async function goalOf(owner: Person, title = 'Ship billing') {
    const created = await w.goals.create(owner, goalInput(title, { targetDate: '2027-03-01', keyResults: [{ title: 'Invoices moved', kind: 'number', start: '0', target: '100', unit: null, weight: null }] }));
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    return created.value;
  }

  async function connect(actor: Person, input: Parameters<typeof w.integrations.addConnection>[1]) {
    const added = await w.integrations.addConnection(actor, input);
    if (!added.ok) throw new Error(JSON.stringify(added.errors));
    return added.value;
  }

  const notionDb = (id: string, title: string) =>
    fake.notion.databases.set(id, {
      title,
      properties: { Name: { type: 'title' }, Progress: { type: 'number' }, Status: { type: 'select' }, Due: { type: 'date' }, 'Cadence ID': { type: 'rich_text' } },
    });
  const connections = () => t.db.selectFrom('integration_connection').select(['name', 'secret']).execute();
  const drain = () => w.synced.splice(0);

  it('checks a connection before storing it: a wrong token, a database that does not exist, an unreachable URL, a board that does not exist', async () => {
    const { hr } = await people();
    const before = await connections();
    notionDb('0123456789abcdef0123456789abcdef', 'Team goals');
    notionDb('11111111111111111111111111111111', 'Roadmap');
    notionDb('22222222222222222222222222222222', 'OKRs');
    const notion = { scope: 'workspace' as const, kind: 'notion', name: 'Goals in Notion' };
    expect(await w.integrations.addConnection(hr, { ...notion, secret: 'secret_wrong', target: '0123456789abcdef0123456789abcdef' })).toEqual({
      ok: false,
      errors: { secret: 'Notion refused the token: Notion said: API token is invalid.' },
    });
    // The search answers two databases a page: all three pages are read to name them.
    expect(await w.integrations.addConnection(hr, { ...notion, secret: 'secret_notion', target: 'https://www.notion.so/acme/Goals-99999999999999999999999999999999?v=1' })).toEqual({
      ok: false,
      errors: { target: 'Notion has no such database shared with this integration. Shared with it: Team goals, Roadmap, OKRs.' },
    });
    expect(await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'webhook', name: 'Hook', secret: 'a-long-enough-secret', target: 'http://127.0.0.1:9/nowhere' })).toEqual({
      ok: false,
      errors: { target: 'Cadence could not reach the webhook at http://127.0.0.1:9.' },
    });
    expect(await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'monday', name: 'Board', secret: 'monday-token', target: '404' })).toEqual({
      ok: false,
      errors: { target: 'monday.com has no board 404 that this token can see.' },
    });
    expect(await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'asana', name: 'Asana', secret: 'asana-pat', target: 'not-a-number' })).toEqual({
      ok: false,
      errors: { target: 'Enter the project’s number (the digits after /project/ in its link).' },
    });
    expect(await connections()).toEqual(before);
  });

  it('seals the secret, never shows it again, and lets only HR manage workspace connections', async () => {
    const { hr, peer } = await people();
    fake.asana.projects.set('1201', 'Q1 objectives');
    const view = await connect(hr, { scope: 'workspace', kind: 'asana', name: 'Asana', secret: 'asana-pat', target: '1201' });
    expect(view).toEqual({ id: view.id, kind: 'asana', name: 'Asana', scope: 'workspace', target: 'Q1 objectives', problem: null, rules: [] });
    const row = await t.db.selectFrom('integration_connection').select(['secret', 'settings']).where('id', '=', view.id).executeTakeFirstOrThrow();
    expect(row.secret).not.toContain('asana-pat');
    expect(JSON.stringify(row.settings)).not.toContain('asana-pat');
    await expect(w.integrations.addConnection(peer, { scope: 'workspace', kind: 'asana', name: 'Mine', secret: 'asana-pat', target: '1201' })).rejects.toThrow('not_permitted');
    await expect(w.integrations.removeConnection(peer, view.id)).rejects.toThrow('not_permitted');
    expect((await w.integrations.connections(peer)).workspace).toEqual([]);
    expect((await w.integrations.pushTargets(peer)).map((c) => c.id)).toEqual([view.id]);
  });

  it('pushes a goal once even when its job runs twice, at the same time or one after the other', async () => {
    const { hr, owner } = await people();
    notionDb('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'Goals');
    const connection = await connect(hr, { scope: 'workspace', kind: 'notion', name: 'Notion', secret: 'secret_notion', target: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' });
    const detail = await goalOf(owner);
    const pushed = await w.integrations.pushGoal(owner, detail.goal.id, connection.id);
    expect(pushed.ok).toBe(true);
    const [job] = drain();
    const runs = await Promise.allSettled([w.integrations.sync(job!.itemId), w.integrations.sync(job!.itemId)]);
    // One run sends; the other finds the item held and is told to come back later.
    expect(runs.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(runs.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []))[0]).toBeInstanceOf(RunLaterError);
    await w.integrations.sync(job!.itemId);
    const pages = [...fake.notion.pages.values()].filter((p) => p.databaseId === 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.properties).toMatchObject({ Name: { title: [{ text: { content: 'Ship billing' } }] }, Progress: { number: 0 }, Due: { date: { start: '2027-03-01' } } });
    const request = fake.requestsTo('notion', 'POST').find((r) => r.path === '/v1/pages')!;
    expect(request.headers.authorization).toBe('Bearer secret_notion');
    const items = await w.integrations.goalItems(owner, detail.goal.id);
    expect(items).toEqual([{ connectionName: 'Notion', kind: 'notion', url: expect.stringMatching(/^https:\/\/www\.notion\.so\//), state: 'sent', error: null }]);
  });

  it('sends nothing for a workspace Cadence was uninstalled from: the push settles, unsent', async () => {
    const { hr, owner } = await people();
    notionDb('cccccccccccccccccccccccccccccccc', 'Uninstalled');
    const connection = await connect(hr, { scope: 'workspace', kind: 'notion', name: 'Notion', secret: 'secret_notion', target: 'cccccccccccccccccccccccccccccccc' });
    const detail = await goalOf(owner, 'Never pushed');
    expect((await w.integrations.pushGoal(owner, detail.goal.id, connection.id)).ok).toBe(true);
    const [job] = drain();
    uninstalled.add(owner.workspaceId);
    await w.integrations.sync(job!.itemId);
    expect([...fake.notion.pages.values()].filter((p) => p.databaseId === 'cccccccccccccccccccccccccccccccc')).toEqual([]);
    // Settled, so the reconciler does not queue it again and again.
    expect(await t.db.selectFrom('integration_item').select(['last_error', 'synced_version', 'wanted_version']).where('id', '=', job!.itemId).executeTakeFirstOrThrow()).toEqual({
      last_error: 'not sent: Cadence was uninstalled from the workspace',
      synced_version: 1,
      wanted_version: 1,
    });
  });

  it('updates the item when progress changes', async () => {
    const { hr, owner } = await people();
    notionDb('bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'Goals');
    const connection = await connect(hr, { scope: 'workspace', kind: 'notion', name: 'Notion', secret: 'secret_notion', target: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' });
    const detail = await goalOf(owner);
    await w.integrations.pushGoal(owner, detail.goal.id, connection.id);
    await w.integrations.sync(drain()[0]!.itemId);
    const updated = await w.goals.updateProgress(owner, detail.goal.id, { status: 'at_risk', note: null, values: [{ keyResultId: detail.keyResults[0]!.id, value: '40' }] });
    expect(updated.ok).toBe(true);
    const queued = drain();
    expect(queued).toEqual([{ itemId: expect.any(String), version: 2 }]);
    await w.integrations.sync(queued[0]!.itemId);
    const page = [...fake.notion.pages.values()].find((p) => p.databaseId === 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')!;
    expect(page.properties).toMatchObject({ Progress: { number: 0.4 }, Status: { select: { name: 'at risk' } } });
    expect([...fake.notion.pages.values()].filter((p) => p.databaseId === 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')).toHaveLength(1);
  });

  it('honours a 429’s Retry-After and sends nothing until then', async () => {
    const { hr, owner } = await people();
    fake.asana.projects.set('1301', 'Goals');
    const connection = await connect(hr, { scope: 'workspace', kind: 'asana', name: 'Asana', secret: 'asana-pat', target: '1301' });
    const detail = await goalOf(owner);
    await w.integrations.pushGoal(owner, detail.goal.id, connection.id);
    const [job] = drain();
    fake.fail('asana', { status: 429, headers: { 'retry-after': '7' } });
    const error = await w.integrations.sync(job!.itemId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
    expect([...fake.asana.tasks.values()].filter((task) => task.projects.includes('1301'))).toEqual([]);
    expect(await w.integrations.goalItems(owner, detail.goal.id)).toMatchObject([{ state: 'failed', error: 'waiting: the tool asked to slow down' }]);
    await w.integrations.sync(job!.itemId);
    const tasks = [...fake.asana.tasks.values()].filter((task) => task.projects.includes('1301'));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ name: 'Ship billing', due_on: '2027-03-01', completed: false });
    expect(tasks[0]!.notes).toContain('Owner: Olu Owner');
  });

  it('looks for a create whose answer was lost before sending it again (Asana: through every page of the project)', async () => {
    const { hr, owner } = await people();
    fake.asana.projects.set('1401', 'Goals');
    const connection = await connect(hr, { scope: 'workspace', kind: 'asana', name: 'Asana', secret: 'asana-pat', target: '1401' });
    // Three tasks already in the project: the lost one is on the second page.
    for (const name of ['a', 'b']) fake.asana.tasks.set(`77${name.charCodeAt(0)}`, { name, notes: '', projects: ['1401'], completed: false, due_on: null });
    const detail = await goalOf(owner);
    await w.integrations.pushGoal(owner, detail.goal.id, connection.id);
    const [job] = drain();
    fake.fail('asana', { status: 502, afterApplying: true });
    await expect(w.integrations.sync(job!.itemId)).rejects.toBeInstanceOf(OutcomeUnknownError);
    await w.integrations.sync(job!.itemId);
    expect([...fake.asana.tasks.values()].filter((task) => task.name === 'Ship billing' && task.projects.includes('1401'))).toHaveLength(1);
    expect(fake.requestsTo('asana', 'GET').filter((r) => r.path.startsWith('/api/1.0/projects/1401/tasks'))).toHaveLength(2);
    expect(await w.integrations.goalItems(owner, detail.goal.id)).toMatchObject([{ state: 'sent', url: expect.stringContaining('https://app.asana.com/0/0/') }]);
  });

  it('finds a lost Notion create by its Cadence ID and a lost monday.com one by its column', async () => {
    const { hr, owner } = await people();
    notionDb('cccccccccccccccccccccccccccccccc', 'Goals');
    fake.monday.boards.set('5001', {
      name: 'Objectives',
      columns: [
        { id: 'numbers1', title: 'Progress', type: 'numbers' },
        { id: 'status', title: 'Status', type: 'status' },
        { id: 'date4', title: 'Due', type: 'date' },
        { id: 'text9', title: 'Cadence ID', type: 'text' },
      ],
    });
    const notion = await connect(hr, { scope: 'workspace', kind: 'notion', name: 'Notion', secret: 'secret_notion', target: 'cccccccccccccccccccccccccccccccc' });
    const monday = await connect(hr, { scope: 'workspace', kind: 'monday', name: 'monday', secret: 'monday-token', target: '5001' });
    const detail = await goalOf(owner);
    for (const connection of [notion, monday]) await w.integrations.pushGoal(owner, detail.goal.id, connection.id);
    const jobs = drain();
    fake.fail('notion', { status: 504, afterApplying: true, method: 'POST' });
    fake.fail('monday', { status: 500, afterApplying: true });
    for (const job of jobs) await expect(w.integrations.sync(job.itemId)).rejects.toBeInstanceOf(OutcomeUnknownError);
    for (const job of jobs) await w.integrations.sync(job.itemId);
    expect([...fake.notion.pages.values()].filter((p) => p.databaseId === 'cccccccccccccccccccccccccccccccc')).toHaveLength(1);
    const items = [...fake.monday.items.values()].filter((item) => item.boardId === '5001');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ name: 'Ship billing', values: { numbers1: '0', status: { label: 'Working on it' }, date4: { date: '2027-03-01' } } });
    expect(fake.requestsTo('monday').every((r) => r.headers.authorization === 'monday-token' && r.headers['api-version'] === '2024-10')).toBe(true);
  });

  it('shows a revoked token to HR as a problem with the connection, and stops retrying', async () => {
    const { hr, owner } = await people();
    fake.asana.projects.set('1501', 'Goals');
    fake.tokens.asana.add('asana-soon-revoked');
    const connection = await connect(hr, { scope: 'workspace', kind: 'asana', name: 'Team Asana', secret: 'asana-soon-revoked', target: '1501' });
    const detail = await goalOf(owner);
    await w.integrations.pushGoal(owner, detail.goal.id, connection.id);
    fake.tokens.asana.delete('asana-soon-revoked');
    await expect(w.integrations.sync(drain()[0]!.itemId)).rejects.toBeInstanceOf(PermanentError);
    const [shown] = (await w.integrations.connections(hr)).workspace.filter((c) => c.id === connection.id);
    expect(shown!.problem).toBe('Asana refused the token (Asana said: API token is invalid.). It may have been revoked: remove this connection and add it again with a new token.');
    expect(await w.integrations.testConnection(hr, connection.id)).toEqual({ ok: false, problem: 'Asana refused the token: Asana said: API token is invalid.' });
  });

  it('sends webhooks signed as the README says, goal.created then goal.updated in order', async () => {
    const { hr, owner } = await people();
    const secret = 'whsec-0123456789abcdef';
    const connection = await connect(hr, { scope: 'workspace', kind: 'webhook', name: 'Hook', secret, target: `${fake.url}/hook` });
    const detail = await goalOf(owner);
    await w.integrations.pushGoal(owner, detail.goal.id, connection.id);
    await w.integrations.sync(drain()[0]!.itemId);
    expect((await w.goals.updateProgress(owner, detail.goal.id, { status: 'on_track', note: null, values: [{ keyResultId: detail.keyResults[0]!.id, value: '25' }] })).ok).toBe(true);
    await w.integrations.sync(drain()[0]!.itemId);
    const events = fake.hook.deliveries.slice(-2);
    // The recipe: HMAC-SHA256 of "<Cadence-Timestamp>.<raw body>" with the secret, hex, after "v1=".
    for (const event of events) {
      const expected = `v1=${createHmac('sha256', secret).update(`${event.headers['cadence-timestamp'] as string}.${event.body}`).digest('hex')}`;
      expect(event.headers['cadence-signature']).toBe(expected);
      expect(Number(event.headers['cadence-timestamp'])).toBe(clock.now().toSeconds());
    }
    const bodies = events.map((e) => JSON.parse(e.body) as { type: string; sequence: number; id: string; data: { progress: number; title: string } });
    expect(bodies.map((b) => [b.type, b.sequence, b.data.title, b.data.progress])).toEqual([
      ['goal.created', 1, 'Ship billing', 0],
      ['goal.updated', 2, 'Ship billing', 25],
    ]);
    expect(events.map((e) => e.headers['cadence-event-id'])).toEqual(bodies.map((b) => b.id));
  });

  it('pushes every new goal of a level by rule, and nobody else’s level', async () => {
    const { hr, manager, owner } = await people();
    fake.asana.projects.set('1601', 'Team goals');
    const connection = await connect(hr, { scope: 'workspace', kind: 'asana', name: 'Asana', secret: 'asana-pat', target: '1601' });
    await w.integrations.setRule(hr, connection.id, 'team', true);
    await expect(w.integrations.setRule(owner, connection.id, 'individual', true)).rejects.toThrow('not_permitted');
    const team = await w.goals.create(manager, goalInput('Halve support tickets', { level: 'team' }));
    expect(team.ok).toBe(true);
    await goalOf(owner, 'Not a team goal');
    const queued = drain();
    expect(queued).toHaveLength(1);
    await w.integrations.sync(queued[0]!.itemId);
    expect([...fake.asana.tasks.values()].filter((task) => task.projects.includes('1601')).map((task) => task.name)).toEqual(['Halve support tickets']);
    expect((await w.integrations.connections(hr)).workspace.find((c) => c.id === connection.id)!.rules).toEqual(['team']);
  });

  it('lets only someone who may edit a goal push it, and only to their own or the workspace’s connections', async () => {
    const { hr, manager, owner, peer } = await people();
    fake.asana.projects.set('1701', 'Goals');
    const shared = await connect(hr, { scope: 'workspace', kind: 'asana', name: 'Asana', secret: 'asana-pat', target: '1701' });
    const mine = await connect(peer, { scope: 'personal', kind: 'asana', name: 'My Asana', secret: 'asana-pat', target: '1701' });
    const detail = await goalOf(owner);
    await expect(w.integrations.pushGoal(peer, detail.goal.id, shared.id)).rejects.toThrow('not_permitted');
    expect(await w.integrations.pushGoal(manager, detail.goal.id, mine.id)).toEqual({ ok: false, errors: { connection: 'Pick one of the connections offered.' } });
    expect((await w.integrations.pushGoal(manager, detail.goal.id, shared.id)).ok).toBe(true);
    expect((await w.integrations.connections(peer)).personal.map((c) => c.name)).toEqual(['My Asana']);
    await expect(w.integrations.removeConnection(owner, mine.id)).rejects.toThrow('not_permitted');
    await w.integrations.removeConnection(peer, mine.id);
    expect((await w.integrations.connections(peer)).personal).toEqual([]);
    drain();
  });
});
