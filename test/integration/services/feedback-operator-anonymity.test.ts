import { DateTime } from 'luxon';
import { sql } from 'kysely';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';

const WS = 'T0OPERATOR';
const answerOf = (words: string) => ({ ratings: ['4', '3'], comments: [words, null], customAnswer: null, strengths: null, suggestions: null });

/**
 * Anonymity against whoever runs the database: the queries someone with psql would try, each of
 * which tied answers to their authors before. Four peers answer at different moments, one edits,
 * one declines; nothing stored may join an answer to the person who wrote it.
 */
describe('no query over what Cadence stores links an answer to its author', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  let f: ReturnType<typeof wireFeedback>;
  let subject: Person;
  let manager: Person;
  let peers: Person[];
  let requestId: string;
  const keys: string[] = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    f = wireFeedback(t.db, clock, WS);
    subject = await createPerson(t.db, { workspaceId: WS, realName: 'Sub Ject' });
    manager = await createPerson(t.db, { workspaceId: WS, realName: 'Man Ager' });
    peers = [];
    for (let i = 0; i < 5; i += 1) peers.push(await createPerson(t.db, { workspaceId: WS, realName: `Pe Er${i}` }));
    await linkManager(t.db, subject.id, manager.id);
    const created = await f.requests.create(subject, {
      subjectSlackId: null,
      peerSlackIds: peers.map((p) => p.slackUserId),
      focusAreas: ['Communication', 'Ownership'],
      customQuestion: null,
      dueOn: '2026-12-10',
      note: null,
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    requestId = created.value.request.id;
    for (const [i, peer] of peers.slice(0, 4).entries()) {
      clock.set(clock.now().plus({ hours: 7 + i }));
      const answered = await f.answers.answer(peer, requestId, answerOf(`words of peer ${i}`));
      if (!answered.ok) throw new Error(JSON.stringify(answered.errors));
      keys.push(answered.value.editKey);
      // The steps a real worker would run between answers, settling what is due by now.
      for (const step of f.queued.steps.filter((s) => s.dueAt <= clock.now())) {
        if (await f.steps.prepare(step.id)) await f.steps.complete(step.id, true);
      }
    }
    clock.set(clock.now().plus({ hours: 1 }));
    expect((await f.answers.edit(peers[1] as Person, keys[1] ?? '', answerOf('peer 1, on reflection'))).ok).toBe(true);
    clock.set(clock.now().plus({ hours: 1 }));
    expect((await f.answers.decline(peers[4] as Person, requestId, 'No overlap')).ok).toBe(true);
    expect((await f.requests.progress(subject, requestId)).request.status).toBe('released');
  });
  afterAll(() => t.drop());

  it('shares no transaction id between an answer and a record of who answered: all answers were last written together', async () => {
    const joined = await sql<{ n: number }>`
      select count(*)::int as n from feedback_answer a join feedback_invitation i on a.xmin = i.xmin where a.request_id = ${requestId}`.execute(t.db);
    expect(joined.rows[0]?.n).toBe(0);
    const written = await sql<{ n: number }>`select count(distinct xmin::text)::int as n from feedback_answer where request_id = ${requestId}`.execute(t.db);
    expect(written.rows[0]?.n).toBe(1);
  });

  it('stamps no per-peer time when someone answers, so row order has nothing to be matched with', async () => {
    // The attack: order answer rows physically, order answerers by when their reminders were settled.
    const settled = await sql<{ at: Date | null }>`
      select distinct s.settled_at as at from feedback_step s join feedback_invitation i on i.id = s.invitation_id
      where i.request_id = ${requestId} and i.status = 'answered' and s.kind in ('follow_up', 'last_reminder') and s.state <> 'scheduled'`.execute(t.db);
    // Only the release settles them, all at one moment.
    expect(settled.rows.length).toBeLessThanOrEqual(1);
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'feedback_invitation' and data_type like 'timestamp%'`.execute(t.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['invited_at']);
  });

  it('keeps the edit keys nowhere: no row of any table holds one', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(t.db);
    expect(tables.rows.length).toBeGreaterThan(10);
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ row: unknown }>`select to_jsonb(t) as row from ${sql.table(table_name)} t`.execute(t.db);
      const dump = JSON.stringify(rows.rows);
      for (const key of keys) expect(dump.includes(key) ? `${table_name} holds an edit key` : 'clean').toBe('clean');
    }
  });

  it('shows the summary with the edit and without the declined peer, to its readers only', async () => {
    const { summary } = await f.requests.summary(subject, requestId);
    const comments = summary?.focusAreas[0]?.comments ?? [];
    expect([...comments].sort()).toEqual(['peer 1, on reflection', 'words of peer 0', 'words of peer 2', 'words of peer 3']);
    for (const peer of peers) await expect(f.requests.summary(peer, requestId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
  });
});

describe('360 rules that keep answers anonymous inside the product', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-11-30T09:00:00Z');
  let f: ReturnType<typeof wireFeedback>;
  let subject: Person;
  let manager: Person;
  let admin: Person;
  let peers: Person[];

  beforeAll(async () => {
    t = await createTestDatabase();
    f = wireFeedback(t.db, clock, 'T0RULES');
    subject = await createPerson(t.db, { workspaceId: 'T0RULES', realName: 'Sub Ject' });
    manager = await createPerson(t.db, { workspaceId: 'T0RULES', realName: 'Man Ager' });
    admin = await createPerson(t.db, { workspaceId: 'T0RULES', realName: 'Ad Min', isAdmin: true });
    peers = [];
    for (let i = 0; i < 8; i += 1) peers.push(await createPerson(t.db, { workspaceId: 'T0RULES', realName: `Pe Er${i}` }));
    await linkManager(t.db, subject.id, manager.id);
  });
  afterAll(() => t.drop());

  const ask = (asked: Person[], dueOn = clock.now().plus({ days: 7 }).toISODate() ?? '') =>
    f.requests.create(subject, { subjectSlackId: null, peerSlackIds: asked.map((p) => p.slackUserId), focusAreas: ['Communication'], customQuestion: null, dueOn, note: null });
  const setThreshold = (n: number) => t.db.updateTable('workspace').set({ anonymity_threshold: n }).where('id', '=', 'T0RULES').execute();

  it('refuses as a peer anyone who will read the summary', async () => {
    const result = await ask([manager, peers[0] as Person, peers[1] as Person]);
    expect(result).toEqual({ ok: false, errors: { peers: 'Leave Man Ager out: they will read the summary, so their own answer could not stay anonymous.' } });
  });

  it('keeps the threshold promised when asking, whatever the settings say at release; declined stays declined', async () => {
    await setThreshold(4);
    const created = await ask(peers.slice(0, 4));
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const id = created.value.request.id;
    await setThreshold(3);
    expect((await f.answers.decline(peers[3] as Person, id, null)).ok).toBe(true);
    expect(await f.answers.answer(peers[3] as Person, id, { ratings: ['5'], comments: ['after all'], customAnswer: null, strengths: null, suggestions: null })).toEqual({
      ok: false,
      errors: { form: 'You declined this request, so it no longer takes an answer from you.' },
    });
    for (const peer of peers.slice(0, 3)) expect((await f.answers.answer(peer, id, { ratings: ['4'], comments: [null], customAnswer: null, strengths: null, suggestions: null })).ok).toBe(true);
    // Three answered and everyone responded: the workspace now says 3, the request promised 4, so it waits and closes at its due time.
    expect((await f.requests.progress(subject, id)).request.status).toBe('open');
    clock.set(created.value.request.dueAt.plus({ minutes: 1 }));
    for (const step of f.queued.steps.filter((s) => s.dueAt <= clock.now())) await f.steps.prepare(step.id);
    expect((await f.requests.progress(subject, id)).request.status).toBe('closed');
    expect((await f.requests.summary(subject, id)).summary).toBeUndefined();
  });

  it('refuses a new request within the cool-down after a summary, and a group that differs from the last one by a few', async () => {
    await setThreshold(3);
    const created = await ask(peers.slice(0, 3));
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    for (const peer of peers.slice(0, 3)) await f.answers.answer(peer, created.value.request.id, { ratings: ['4'], comments: [null], customAnswer: null, strengths: null, suggestions: null });
    expect((await f.requests.progress(subject, created.value.request.id)).request.status).toBe('released');

    expect(await ask(peers.slice(3, 6))).toEqual({ ok: false, errors: { peers: expect.stringContaining('a new request can start from') } });
    clock.set(clock.now().plus({ days: 31 }));
    // Two of the earlier three plus one new: subtracting the summaries would single answers out.
    expect(await ask([peers[0] as Person, peers[1] as Person, peers[6] as Person])).toEqual({
      ok: false,
      errors: { peers: expect.stringContaining('2 of these people were asked for the summary shared on') },
    });
    expect((await ask([peers[0] as Person, ...peers.slice(5, 8)])).ok).toBe(true);
  });

  it('fixes the readers with the request: a new manager gains no past summary, an HR admin none, and each read is audited', async () => {
    const [released] = (await f.requests.listAbout(subject, subject)).filter((p) => p.request.status === 'released');
    const id = released?.request.id ?? '';
    expect((await f.requests.summary(manager, id)).summary).toBeDefined();
    const reads = await t.db.selectFrom('audit_event').select(['actor_id', 'action', 'subject_id']).where('action', '=', 'feedback.summary_read').execute();
    expect(reads).toContainEqual({ actor_id: manager.id, action: 'feedback.summary_read', subject_id: subject.id });

    const newManager = await createPerson(t.db, { workspaceId: 'T0RULES', realName: 'New Boss' });
    await t.db.updateTable('manager_link').set({ valid_to: DateTime.utc().toJSDate() }).where('person_id', '=', subject.id).where('valid_to', 'is', null).execute();
    await linkManager(t.db, subject.id, newManager.id);
    for (const reader of [newManager, manager, admin]) await expect(f.requests.summary(reader, id)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    expect((await f.requests.summary(subject, id)).summary).toBeDefined();
  });
});
