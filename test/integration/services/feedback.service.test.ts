import { DateTime } from 'luxon';
import type { FeedbackStepKind } from '../../../src/domain/feedback';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import type { StepWork } from '../../../src/services/feedback-steps.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';

const WS = 'T0FEEDBACK';
const answerOf = (rating: string, words: string) => ({ ratings: [rating, 'na'], comments: [words, null], customAnswer: null, strengths: `${words} strengths`, suggestions: null });

describe('feedback services on Postgres', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-11-26T10:00:00Z'); // a Thursday, 10:00 in London
  let f: ReturnType<typeof wireFeedback>;
  let ana: Person;
  let max: Person;
  let admin: Person;
  let peers: Person[];
  let firstKey: string;
  /** Max's other report: Ana's summary is shared, so asking about her again waits out the cool-down. */
  let rey: Person;

  beforeAll(async () => {
    t = await createTestDatabase();
    f = wireFeedback(t.db, clock, WS);
    ana = await createPerson(t.db, { workspaceId: WS, realName: 'Ana' });
    max = await createPerson(t.db, { workspaceId: WS, realName: 'Max' });
    admin = await createPerson(t.db, { workspaceId: WS, isAdmin: true });
    peers = [];
    for (let i = 0; i < 5; i += 1) peers.push(await createPerson(t.db, { workspaceId: WS, realName: `Peer ${i}` }));
    rey = await createPerson(t.db, { workspaceId: WS, realName: 'Rey' });
    await linkManager(t.db, ana.id, max.id);
    await linkManager(t.db, rey.id, max.id);
  });
  afterAll(() => t.drop());

  const slackIds = (people: Person[]) => people.map((p) => p.slackUserId);

  async function ask(requester: Person, about: Person, asked: Person[], dueOn = clock.now().plus({ days: 7 }).toISODate() ?? '') {
    const result = await f.requests.create(requester, {
      subjectSlackId: about.slackUserId,
      peerSlackIds: slackIds(asked),
      focusAreas: ['Communication', 'Delivery'],
      customQuestion: null,
      dueOn,
      note: null,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value.request;
  }

  async function answer(peer: Person, requestId: string, words: string, rating = '4') {
    const result = await f.answers.answer(peer, requestId, answerOf(rating, words));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return result.value.editKey;
  }

  /** What the step job does, minus Slack: every queued step due by now (and any it queues), prepared and completed once. */
  async function runDueSteps(): Promise<StepWork[]> {
    const works: StepWork[] = [];
    for (;;) {
      const due = f.queued.steps.filter((s) => s.dueAt <= clock.now());
      if (due.length === 0) return works;
      f.queued.steps.splice(0, f.queued.steps.length, ...f.queued.steps.filter((s) => s.dueAt > clock.now()));
      for (const step of due) {
        const work = await f.steps.prepare(step.id);
        if (work) {
          works.push(work);
          await f.steps.complete(step.id, true);
        }
      }
    }
  }

  const sent = (works: StepWork[], kind: FeedbackStepKind) => works.filter((w) => w.kind === kind).map((w) => w.recipient.id).sort();
  const stepRows = (requestId: string) => t.db.selectFrom('feedback_step').selectAll().where('request_id', '=', requestId).execute();

  it('plans every message of a request as a row: invitations now, follow-ups, last reminders, the status and the close', async () => {
    const request = await ask(ana, ana, peers.slice(0, 3));
    const rows = await stepRows(request.id);
    const count = (kind: FeedbackStepKind) => rows.filter((r) => r.kind === kind).length;
    expect({ invite: count('invite'), follow_up: count('follow_up'), last_reminder: count('last_reminder'), requester_status: count('requester_status'), close: count('close') }).toEqual({
      invite: 3,
      follow_up: 3,
      last_reminder: 3,
      requester_status: 1,
      close: 1,
    });
    expect(f.queued.steps.map((s) => s.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const invites = await runDueSteps();
    expect(sent(invites, 'invite')).toEqual(peers.slice(0, 3).map((p) => p.id).sort());

    const again = await f.requests.create(ana, { subjectSlackId: null, peerSlackIds: slackIds(peers.slice(3, 5)), focusAreas: ['Delivery'], customQuestion: null, dueOn: '2026-12-03', note: null });
    expect(again).toEqual({ ok: false, errors: { subject: 'There is already an open feedback request about you. Add people to it instead.' } });
  });

  it('stores an answer with no way back to its author but the edit key, and lets only someone who answered use it', async () => {
    const [request] = (await f.requests.overview(ana)).requests;
    const key = await answer(peers[0] as Person, request?.request.id ?? '', 'p0 writes');
    firstKey = key;
    const columns = await t.db.selectFrom('feedback_answer').selectAll().where('request_id', '=', request?.request.id ?? '').execute();
    expect(Object.keys(columns[0] ?? {}).sort()).toEqual(['comments', 'custom_answer', 'edit_key_hash', 'id', 'ratings', 'request_id', 'strengths', 'suggestions']);
    expect(columns[0]?.edit_key_hash).not.toContain(key);
    expect(JSON.stringify(columns)).not.toContain((peers[0] as Person).id);

    await expect(f.answers.editForm(peers[1] as Person, key)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    await expect(f.answers.editForm(max, key)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    const form = await f.answers.editForm(peers[0] as Person, key);
    expect(form).toMatchObject({ outcome: 'open', form: { answer: { comments: ['p0 writes', null] } } });
    const edited = await f.answers.edit(peers[0] as Person, key, answerOf('5', 'p0 rewrites'));
    expect(edited.ok).toBe(true);
    expect(await f.answers.editForm(peers[0] as Person, key)).toMatchObject({ outcome: 'open', form: { answer: { ratings: [5, null], comments: ['p0 rewrites', null] } } });
    expect(await f.answers.answer(peers[0] as Person, request?.request.id ?? '', answerOf('1', 'twice'))).toEqual({
      ok: false,
      errors: { form: expect.stringContaining('You have answered already') },
    });
  });

  it('withholds the summary while answers are too few or someone can still answer, then releases it to the subject and their manager only', async () => {
    const [progress] = (await f.requests.overview(ana)).requests;
    const id = progress?.request.id ?? '';
    await answer(peers[1] as Person, id, 'p1 writes');
    expect((await f.requests.summary(ana, id)).progress.withheld).toEqual({ reason: 'open', needed: 3 });
    expect((await f.requests.summary(max, id)).summary).toBeUndefined();

    await answer(peers[2] as Person, id, 'p2 writes', '2');
    const released = await f.requests.summary(ana, id);
    expect(released.progress.request.status).toBe('released');
    expect(released.summary?.focusAreas[0]).toMatchObject({ mean: 3.7, distribution: [0, 1, 0, 1, 1] });
    expect((await f.requests.summary(max, id)).summary?.answered).toBe(3);
    for (const outsider of [admin, peers[0] as Person]) await expect(f.requests.summary(outsider, id)).rejects.toMatchObject({ name: 'AccessDeniedError' });

    const notices = await runDueSteps();
    expect(sent(notices, 'released_notice')).toEqual([ana.id, max.id].sort());
    // Once released, nothing can change it: answers are frozen.
    expect(await f.answers.edit(peers[0] as Person, firstKey, answerOf('1', 'after the fact'))).toEqual({
      ok: false,
      errors: { form: 'This request is closed: answers can no longer be added or changed.' },
    });
  });

  it('follows up once, on day 5, only with those who neither answered nor declined, and not with someone away', async () => {
    clock.set(DateTime.fromISO('2026-12-03T10:00:00Z'));
    const request = await ask(max, rey, peers.slice(1, 5));
    await runDueSteps();
    await answer(peers[1] as Person, request.id, 'p1 again');
    expect((await f.answers.decline(peers[2] as Person, request.id, 'Not enough overlap')).ok).toBe(true);
    await t.db.updateTable('person').set({ paused_until: '2026-12-09' }).where('id', '=', (peers[4] as Person).id).execute();

    const followUps = (await stepRows(request.id)).filter((r) => r.kind === 'follow_up');
    clock.set(DateTime.fromJSDate(followUps[0]?.due_at ?? new Date()));
    const works = await runDueSteps();
    expect(sent(works, 'follow_up')).toEqual([(peers[3] as Person).id]);
    expect(sent(works, 'decline_notice')).toEqual([max.id]);
    const decline = works.find((w) => w.kind === 'decline_notice');
    expect(decline?.kind === 'decline_notice' && decline.reason).toBe('Not enough overlap');

    // The same step run again (a retry, a duplicate job) does nothing.
    for (const row of followUps) expect(await f.steps.prepare(row.id)).toBeUndefined();
    const states = (await stepRows(request.id)).filter((r) => r.kind === 'follow_up').map((r) => r.state).sort();
    // Answering leaves the peer's reminders alone (settling them would date the answer); they skip when due.
    expect(states).toEqual(['cancelled', 'done', 'skipped', 'skipped']);
  });

  it('lets the requester ask someone else, moving a near due date and the reminders still to come', async () => {
    const [progress] = (await f.requests.overview(max)).requests.filter((p) => p.request.status === 'open');
    const id = progress?.request.id ?? '';
    clock.set(DateTime.fromISO('2026-12-09T10:00:00Z'));
    const form = await f.requests.askMoreForm(max, id);
    expect(form).toMatchObject({ outcome: 'open', form: { extendTo: '2026-12-12', progress: { room: 3 } } });
    await expect(f.requests.askMoreForm(ana, id)).rejects.toMatchObject({ name: 'AccessDeniedError' });

    const added = await f.requests.askMore(max, id, [(peers[0] as Person).slackUserId]);
    expect(added.ok).toBe(true);
    const request = (await f.requests.progress(max, id)).request;
    expect(request.dueOn).toBe('2026-12-12');
    const closes = (await stepRows(id)).filter((r) => r.kind === 'close');
    expect(closes.map((r) => [r.state, r.due_at.toISOString()]).sort()).toEqual([
      ['cancelled', '2026-12-11T00:00:00.000Z'],
      ['scheduled', request.dueAt.toJSDate().toISOString()],
    ]);
  });

  it('closes short at the due time: no summary, and the answers nobody may read are deleted', async () => {
    const [progress] = (await f.requests.overview(max)).requests.filter((p) => p.request.status === 'open');
    const id = progress?.request.id ?? '';
    clock.set((progress?.request.dueAt ?? clock.now()).plus({ minutes: 1 }));
    const works = await runDueSteps();
    expect(sent(works, 'closed_notice').sort()).toEqual([rey.id, max.id].sort());
    expect((await f.requests.progress(max, id)).request.status).toBe('closed');
    expect(await t.db.selectFrom('feedback_answer').select('id').where('request_id', '=', id).execute()).toEqual([]);
    expect((await f.requests.summary(max, id)).progress.withheld).toEqual({ reason: 'closed', answered: 0, needed: 3 });
  });

  it('reconciles: hands every scheduled step due within a day, overdue ones included, to the queue as replacements', async () => {
    clock.set(DateTime.fromISO('2026-12-14T10:00:00Z')); // a Monday morning: the invitations are due now
    const request = await ask(peers[0] as Person, peers[0] as Person, [peers[1] as Person, peers[2] as Person]);
    const rows = await stepRows(request.id);
    const queued = await f.steps.reconcile();
    const soon = rows.filter((r) => r.state === 'scheduled' && r.due_at <= clock.now().plus({ days: 1 }).toJSDate());
    const later = rows.filter((r) => r.state === 'scheduled' && r.due_at > clock.now().plus({ days: 1 }).toJSDate());
    expect(soon.length).toBeGreaterThan(0);
    expect(later.length).toBeGreaterThan(0);
    expect(queued.steps).toBe(f.queued.requeued.steps.length);
    // Replacements, so a job that failed while Postgres was away runs again (test/integration/jobs/run-later.test.ts).
    expect(f.queued.requeued.steps).toEqual(expect.arrayContaining(soon.map((r) => r.id)));
    expect(f.queued.requeued.steps.filter((id) => later.some((r) => r.id === id))).toEqual([]);
  });

  it('delivers notes to the person, and to their manager only when shared; managers read only what was shared with them', async () => {
    const shared = await f.notes.give(peers[1] as Person, { recipientSlackId: ana.slackUserId, body: 'Great demo', shareWithManager: true });
    const private_ = await f.notes.give(peers[2] as Person, { recipientSlackId: ana.slackUserId, body: 'Thanks for the help', shareWithManager: false });
    expect(shared.ok && shared.value.sharedWith?.id).toBe(max.id);
    expect(private_.ok && private_.value.sharedWith).toBeUndefined();
    expect(await f.notes.give(ana, { recipientSlackId: ana.slackUserId, body: 'me', shareWithManager: false })).toEqual({
      ok: false,
      errors: { recipient: 'Pick someone else: feedback is for a colleague.' },
    });
    expect((await f.notes.notesAbout(ana, ana, 10)).map((n) => n.note.body).sort()).toEqual(['Great demo', 'Thanks for the help']);
    expect((await f.notes.notesAbout(max, ana, 10)).map((n) => n.note.body)).toEqual(['Great demo']);
    await expect(f.notes.notesAbout(admin, ana, 10)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    expect(f.queued.notes).toHaveLength(2);
  });

  it('exports participation without content, and erases a person’s feedback data', async () => {
    const exported = await f.privacy.exportPerson(admin, (peers[1] as Person).slackUserId);
    if (!exported.ok) throw new Error('expected an export');
    const { feedback } = exported.value.data;
    expect(feedback.askedToAnswer.map((a) => a.status)).toEqual(expect.arrayContaining(['answered']));
    expect(JSON.stringify(feedback)).not.toMatch(/p1 writes|p1 again|Great demo/);
    expect(feedback.notes).toHaveLength(1);

    const erased = await f.privacy.erasePerson(admin, ana.slackUserId);
    expect(erased.ok).toBe(true);
    expect(await t.db.selectFrom('feedback_request').select('id').where('subject_id', '=', ana.id).execute()).toEqual([]);
    expect(await t.db.selectFrom('feedback_note').select('id').where('recipient_id', '=', ana.id).execute()).toEqual([]);
  });
});
