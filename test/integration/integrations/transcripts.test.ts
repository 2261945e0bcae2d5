import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Person } from '../../../src/domain/person';
import { createTranscriptWebhookHandler } from '../../../src/http/transcript-webhook';
import { ManualClock } from '../../../src/lib/clock';
import { createLogger } from '../../../src/lib/logger';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { FakeTools } from '../../support/fake-tools';
import { wireIntegrations } from '../../support/integrations';
import { QUESTIONS, wireReviews } from '../../support/reviews';

/**
 * Transcripts into review conversations (pasted, announced by a Fireflies webhook, polled from
 * Granola), matched by the participants' emails and the time, pending until both accept; and next
 * steps from the conversation pushed out.
 */
describe('transcripts and next steps', () => {
  let t: TestDatabase;
  const fake = new FakeTools();
  const clock = new ManualClock('2026-12-08T10:00:00Z');
  let w: ReturnType<typeof wireIntegrations>;
  let n = 0;
  /** Workspaces Cadence was uninstalled from. */
  const uninstalled = new Set<string>();
  const conversationAt = new Date('2026-12-10T14:00:00Z');

  beforeAll(async () => {
    t = await createTestDatabase();
    await fake.start();
    w = wireIntegrations(t.db, clock, fake, { workspaces: { serves: async (id) => !uninstalled.has(id) } });
  });
  afterAll(async () => {
    await fake.stop();
    await t.drop();
  });

  /** A running cycle with one participant whose conversation is booked. */
  async function conversation() {
    const workspaceId = `T0TRN${(n += 1)}`;
    const hr = await createPerson(t.db, { workspaceId, isAdmin: true });
    const manager = await createPerson(t.db, { workspaceId, realName: 'Mo Manager', email: `mo${n}@example.com` });
    const employee = await createPerson(t.db, { workspaceId, realName: 'Emma Employee', email: `emma${n}@example.com` });
    const peer = await createPerson(t.db, { workspaceId });
    await linkManager(t.db, employee.id, manager.id);
    const r = wireReviews(t.db, clock);
    const template = await r.admin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error('template');
    const phases = { self_assessment: '2026-12-18', peer_feedback: '2026-12-23', manager_review: '2026-12-23', conversation: '2027-01-08', sign_off: '2027-01-15' };
    const cycle = await r.admin.createCycle(hr, { name: 'H2 2026', templateVersionId: template.value.id, participants: { kind: 'people', personIds: [employee.id] }, phases });
    if (!cycle.ok) throw new Error('cycle');
    await r.admin.launch(hr, cycle.value.id);
    const participant = await t.db
      .updateTable('review_participant')
      .set({ conversation_at: conversationAt })
      .where('cycle_id', '=', cycle.value.id)
      .returning('id')
      .executeTakeFirstOrThrow();
    return { workspaceId, hr, manager, employee, peer, participantId: participant.id };
  }

  const transcriptRows = (participantId: string) => t.db.selectFrom('transcript').select(['id', 'source']).where('participant_id', '=', participantId).execute();

  /** A Fireflies connection and one meeting of the conversation, fetched as the webhook's job would. */
  async function fromFireflies(hr: Person, sentences: Array<{ speaker_name: string; text: string; start_time: number }>) {
    const connection = await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'fireflies', name: 'Fireflies', secret: 'ff-key', target: '', webhookSecret: 'ff-webhook-secret-123' });
    if (!connection.ok) throw new Error(JSON.stringify(connection.errors));
    const meeting = { id: `meet-${n}`, title: 'Emma / Mo review', date: conversationAt.getTime(), meeting_attendees: [{ email: `emma${n}@example.com` }, { email: `mo${n}@example.com` }], sentences };
    fake.fireflies.transcripts.set(meeting.id, meeting);
    expect(await w.inboundTranscripts.fetchAnnounced(connection.value.id, meeting.id)).toBe('stored');
    return (await t.db.selectFrom('transcript').select('id').where('external_id', '=', meeting.id).executeTakeFirstOrThrow()).id;
  }

  it('shows a transcript only to the two people of the conversation', async () => {
    const { hr, peer, participantId } = await conversation();
    const id = await fromFireflies(hr, [{ speaker_name: 'Mo', text: 'How did it go?', start_time: 1 }]);
    await expect(w.inboundTranscripts.decide(peer, id, 'accepted')).rejects.toThrow('not_permitted');
    await expect(w.inboundTranscripts.decide(hr, id, 'accepted')).rejects.toThrow('not_permitted');
    expect(await w.inboundTranscripts.pending(peer)).toEqual([]);
    expect(await w.inboundTranscripts.pending(hr)).toEqual([]);
    expect(await transcriptRows(participantId)).toHaveLength(1);
  });

  it('summarises a transcript both accepted into the conversation, citing its passages, as a pasted one is', async () => {
    const { hr, manager, employee, participantId } = await conversation();
    const id = await fromFireflies(hr, [
      { speaker_name: 'Mo', text: 'How did the billing rewrite go?', start_time: 1 },
      { speaker_name: 'Emma', text: 'We agreed to ship it on Tuesdays.', start_time: 5 },
      { speaker_name: 'Mo', text: "I'll book the training by Friday.", start_time: 9 },
    ]);
    expect(await w.inboundTranscripts.decide(manager, id, 'accepted')).toEqual({ state: 'waiting', participantId });
    expect((await w.transcripts.view(manager, participantId)).transcript).toBeUndefined();
    expect(await w.inboundTranscripts.decide(employee, id, 'accepted')).toEqual({ state: 'summarised', participantId });
    const { transcript } = await w.transcripts.view(employee, participantId);
    expect(transcript?.sections.find((s) => s.key === 'agreed')?.points).toEqual([{ text: '“Emma: We agreed to ship it on Tuesdays.”', passages: [{ n: 2, text: 'Emma: We agreed to ship it on Tuesdays.' }] }]);
    expect(transcript?.sections.find((s) => s.key === 'next_steps')?.points[0]?.passages.map((p) => p.n)).toEqual([3]);
    expect(transcript).toMatchObject({ accepted: false, raw: "Mo: How did the billing rewrite go?\nEmma: We agreed to ship it on Tuesdays.\nMo: I'll book the training by Friday." });
    // The words live with the summary now, and go with it once the manager accepts it.
    expect((await t.db.selectFrom('transcript').select('segments').where('id', '=', id).executeTakeFirstOrThrow()).segments).toEqual([]);
    // Accepting again from a stale Home tab changes nothing.
    expect(await w.inboundTranscripts.decide(manager, id, 'accepted')).toEqual({ state: 'summarised', participantId });
    expect((await w.transcripts.view(manager, participantId)).transcript?.sections.find((s) => s.key === 'agreed')?.points).toHaveLength(1);
    expect(await w.transcripts.accept(manager, participantId)).toMatchObject({ accepted: true, raw: null });
  });

  it('summarises once when both accept at the same moment, and never replaces a summary already accepted', async () => {
    const { hr, manager, employee, participantId } = await conversation();
    const id = await fromFireflies(hr, [
      { speaker_name: 'Mo', text: 'How did it go?', start_time: 1 },
      { speaker_name: 'Emma', text: 'We agreed to ship it on Tuesdays.', start_time: 5 },
    ]);
    const outcomes = await Promise.all([w.inboundTranscripts.decide(manager, id, 'accepted'), w.inboundTranscripts.decide(employee, id, 'accepted')]);
    expect(outcomes.map((o) => o.state).sort()).toEqual(['summarised', 'waiting']);
    expect((await t.db.selectFrom('transcript').select('segments').where('id', '=', id).executeTakeFirstOrThrow()).segments).toEqual([]);
    // A transcript pasted, checked, then summarised only after that summary was accepted: too late to replace it.
    const pasted = await w.transcripts.submit(manager, participantId, { text: 'Mo: Something else entirely.', consent: true });
    if (!pasted.ok) throw new Error(JSON.stringify(pasted.errors));
    await w.transcripts.accept(manager, participantId);
    expect(await pasted.value.summarise()).toEqual({ ok: false, problem: 'You accepted the summary of this conversation already.' });
    const row = await t.db.selectFrom('review_transcript').select(['accepted_at', 'summary']).where('participant_id', '=', participantId).executeTakeFirstOrThrow();
    expect(row.accepted_at).not.toBeNull();
    expect(JSON.stringify(row.summary)).toContain('Tuesdays');
  });

  it('keeps both acceptances waiting when the summary cannot be drawn, and says why', async () => {
    const { hr, manager, employee, participantId } = await conversation();
    const id = await fromFireflies(hr, [{ speaker_name: 'Mo', text: 'We agreed.', start_time: 1 }]);
    await t.db.updateTable('workspace').set({ ai_mode: 'off' }).where('id', '=', manager.workspaceId).execute();
    expect(await w.inboundTranscripts.decide(manager, id, 'accepted')).toEqual({ state: 'waiting', participantId });
    expect(await w.inboundTranscripts.decide(employee, id, 'accepted')).toEqual({
      state: 'not_summarised',
      participantId,
      problem: 'AI is turned off in this workspace, so Cadence cannot summarise a transcript.',
    });
    expect(await w.inboundTranscripts.pending(employee)).toHaveLength(1);
    expect(await t.db.selectFrom('review_transcript').select('participant_id').where('participant_id', '=', participantId).execute()).toEqual([]);
  });

  it('fetches a transcript a signed Fireflies webhook announces, matches it by emails and time, and keeps a rejected one out', async () => {
    const { hr, manager, employee, participantId } = await conversation();
    const connection = await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'fireflies', name: 'Fireflies', secret: 'ff-key', target: '', webhookSecret: 'ff-webhook-secret-123' });
    if (!connection.ok) throw new Error(JSON.stringify(connection.errors));
    fake.fireflies.transcripts.set(`meet-${n}`, {
      id: `meet-${n}`,
      title: 'Emma / Mo review',
      date: conversationAt.getTime() + 5 * 60_000,
      meeting_attendees: [{ email: `EMMA${n}@example.com` }, { email: `mo${n}@example.com` }, { email: null }],
      sentences: [
        { speaker_name: 'Mo', text: 'Let us agree the next steps.', start_time: 3.2 },
        { speaker_name: 'Emma', text: 'I will lead the pricing project.', start_time: 7 },
      ],
    });
    const server: Server = createServer((req, res) => {
      void createTranscriptWebhookHandler({ inboundTranscripts: w.inboundTranscripts, logger: createLogger('silent') })(req, res).then((handled) => handled || res.writeHead(404).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/integrations/fireflies/${connection.value.id}`;
    const post = (body: string, signature: string) => fetch(base, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature': signature }, body });
    try {
      const body = JSON.stringify({ event: 'meeting.transcribed', meeting_id: `meet-${n}` });
      expect((await post(body, 'sha256=' + 'ab'.repeat(32))).status).toBe(401);
      expect(w.fetches).toEqual([]);
      const signed = createHmac('sha256', 'ff-webhook-secret-123').update(body).digest('hex');
      expect((await post(body, signed)).status).toBe(202);
      expect((await post('{"event":"other"}', createHmac('sha256', 'ff-webhook-secret-123').update('{"event":"other"}').digest('hex'))).status).toBe(400);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const [announced] = w.fetches.splice(0);
    expect(await w.inboundTranscripts.fetchAnnounced(announced!.connectionId, announced!.meetingId)).toBe('stored');
    // The same meeting announced again is the same transcript.
    expect(await w.inboundTranscripts.fetchAnnounced(announced!.connectionId, announced!.meetingId)).toBe('duplicate');
    expect(fake.requestsTo('fireflies').at(-1)!.headers.authorization).toBe('Bearer ff-key');
    const [forEmployee] = await w.inboundTranscripts.pending(employee);
    const [forManager] = await w.inboundTranscripts.pending(manager);
    expect(forEmployee).toMatchObject({ title: 'Emma / Mo review', source: 'fireflies', side: 'employee' });
    expect(forManager).toMatchObject({ id: forEmployee!.id, side: 'manager' });
    expect(await w.inboundTranscripts.decide(employee, forEmployee!.id, 'accepted')).toEqual({ state: 'waiting', participantId });
    expect(await w.inboundTranscripts.decide(manager, forEmployee!.id, 'rejected')).toEqual({ state: 'rejected', participantId });
    expect((await w.transcripts.view(employee, participantId)).transcript).toBeUndefined();
    expect(await w.inboundTranscripts.pending(employee)).toEqual([]);
  });

  it('leaves a meeting that is not the conversation (someone else, or another day) unmatched', async () => {
    const { hr, participantId } = await conversation();
    const connection = await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'fireflies', name: 'Fireflies', secret: 'ff-key', target: '', webhookSecret: 'ff-webhook-secret-123' });
    if (!connection.ok) throw new Error('connection');
    fake.fireflies.transcripts.set(`other-${n}`, { id: `other-${n}`, title: 'x', date: conversationAt.getTime(), meeting_attendees: [{ email: `emma${n}@example.com` }], sentences: [{ speaker_name: 'A', text: 'hi', start_time: 0 }] });
    fake.fireflies.transcripts.set(`late-${n}`, {
      id: `late-${n}`,
      title: 'x',
      date: conversationAt.getTime() + 2 * 86_400_000,
      meeting_attendees: [{ email: `emma${n}@example.com` }, { email: `mo${n}@example.com` }],
      sentences: [{ speaker_name: 'A', text: 'hi', start_time: 0 }],
    });
    fake.fireflies.transcripts.set(`empty-${n}`, { id: `empty-${n}`, title: 'x', date: conversationAt.getTime(), meeting_attendees: [{ email: `emma${n}@example.com` }, { email: `mo${n}@example.com` }], sentences: [] });
    expect(await w.inboundTranscripts.fetchAnnounced(connection.value.id, `other-${n}`)).toBe('unmatched');
    expect(await w.inboundTranscripts.fetchAnnounced(connection.value.id, `late-${n}`)).toBe('unmatched');
    expect(await w.inboundTranscripts.fetchAnnounced(connection.value.id, `empty-${n}`)).toBe('empty');
    expect(await w.inboundTranscripts.fetchAnnounced(connection.value.id, 'missing')).toBe('not_found');
    expect(await transcriptRows(participantId)).toEqual([]);
  });

  it('does not poll the sources of a workspace Cadence was uninstalled from', async () => {
    const { hr, workspaceId } = await conversation();
    const connection = await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'granola', name: 'Granola', secret: 'granola-key', target: '' });
    if (!connection.ok) throw new Error(JSON.stringify(connection.errors));
    uninstalled.add(workspaceId);
    const asked = fake.requestsTo('granola').length;
    await w.inboundTranscripts.poll();
    // Its connection is the only Granola one so far: nothing was asked at all.
    expect(fake.requestsTo('granola').slice(asked)).toEqual([]);
    await t.db.deleteFrom('integration_connection').where('id', '=', connection.value.id).execute();
  });

  it('polls Granola for notes updated since the last poll, through every page', async () => {
    const { hr, employee, participantId } = await conversation();
    const connection = await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'granola', name: 'Granola', secret: 'granola-key', target: '' });
    if (!connection.ok) throw new Error(JSON.stringify(connection.errors));
    const note = (id: string, updatedAt: string, emails: string[]) => ({
      id,
      title: `Note ${id}`,
      created_at: '2026-12-10T13:58:00Z',
      updated_at: updatedAt,
      calendar_event: { scheduled_start_time: '2026-12-10T14:00:00Z' },
      attendees: emails.map((email) => ({ name: null, email })),
      transcript: [{ speaker: { source: 'microphone', name: 'Emma' }, text: 'Thanks for the review.', start_time: '2026-12-10T14:01:00Z' }],
    });
    fake.granola.notes.splice(0, fake.granola.notes.length, note('old', '2026-12-01T00:00:00Z', [`emma${n}@example.com`, `mo${n}@example.com`]));
    fake.granola.notes.push(note('x1', '2026-12-10T15:00:00Z', ['a@example.com']), note('x2', '2026-12-10T15:00:00Z', ['b@example.com']), note(`g-${n}`, '2026-12-10T15:00:00Z', [`emma${n}@example.com`, `mo${n}@example.com`]));
    // The first poll asks from when the source was connected; the meeting happened since.
    const connectedAt = clock.now();
    clock.set(connectedAt.set({ day: 10, hour: 16 }));
    expect(await w.inboundTranscripts.poll()).toBe(1);
    expect(fake.requestsTo('granola').filter((r) => r.path.startsWith('/v1/notes?updated_after=2026-12-08T10'))).toHaveLength(2);
    expect(await transcriptRows(participantId)).toEqual([{ id: expect.any(String), source: 'granola' }]);
    const [pending] = await w.inboundTranscripts.pending(employee);
    expect(pending!.opening).toEqual([{ speaker: 'Emma', text: 'Thanks for the review.', startSeconds: 60 }]);
    clock.advance({ minutes: 5 });
    const asked = fake.requestsTo('granola').length;
    expect(await w.inboundTranscripts.poll()).toBe(0);
    expect(fake.requestsTo('granola').slice(asked).map((r) => r.path)).toEqual(['/v1/notes?updated_after=2026-12-10T16%3A00%3A00.000Z&page_size=30']);
    clock.set(connectedAt);
  });

  it('pushes a review’s next steps for either person of the conversation, checked first', async () => {
    const { hr, manager, employee, peer, participantId } = await conversation();
    fake.asana.projects.set('1901', 'Follow-ups');
    const connection = await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'asana', name: 'Asana', secret: 'asana-pat', target: '1901' });
    if (!connection.ok) throw new Error('connection');
    await expect(w.integrations.pushNextSteps(peer, participantId, connection.value.id, ['x'])).rejects.toThrow('not_permitted');
    expect(await w.integrations.pushNextSteps(manager, participantId, connection.value.id, [])).toEqual({ ok: false, errors: { next_steps: 'There are no next steps to send.' } });
    expect(await w.integrations.pushNextSteps(manager, participantId, connection.value.id, ['a', ' '])).toEqual({ ok: false, errors: { next_steps: 'A next step is empty.' } });
    expect(await w.integrations.pushNextSteps(manager, participantId, connection.value.id, ['1', '2', '3', '4', '5', '6'])).toEqual({ ok: false, errors: { next_steps: 'Send at most 5 next steps.' } });
    expect(await t.db.selectFrom('integration_item').select('id').where('subject_id', '=', participantId).execute()).toEqual([]);
    const pushed = await w.integrations.pushNextSteps(employee, participantId, connection.value.id, ['Lead the pricing project', 'Pair with design weekly']);
    expect(pushed.ok).toBe(true);
    await w.integrations.sync(w.synced.splice(0)[0]!.itemId);
    const [task] = [...fake.asana.tasks.values()].filter((x) => x.projects.includes('1901'));
    expect(task!.name).toBe('Next steps for Emma Employee (H2 2026)');
    expect(task!.notes).toContain('☐ Lead the pricing project\n☐ Pair with design weekly');
    // Asked again with the same steps, it is the same item, and nothing more is queued.
    const again = await w.integrations.pushNextSteps(manager, participantId, connection.value.id, ['Lead the pricing project', 'Pair with design weekly']);
    expect(again).toEqual(pushed);
    expect(w.synced).toEqual([]);
    expect(await w.integrations.nextStepItems(employee, participantId)).toEqual([{ connectionName: 'Asana', kind: 'asana', url: expect.any(String), state: 'sent', error: null }]);
    await expect(w.integrations.nextStepItems(peer, participantId)).rejects.toThrow('not_permitted');
  });

  it('cannot add a connection without INTEGRATIONS_KEY, and says so under the secret', async () => {
    const { hr } = await conversation();
    const keyless = wireIntegrations(t.db, clock, fake, { key: false });
    expect(await keyless.integrations.addConnection(hr, { scope: 'workspace', kind: 'granola', name: 'Granola', secret: 'granola-key', target: '' })).toEqual({
      ok: false,
      errors: { secret: 'Cadence has no INTEGRATIONS_KEY to encrypt secrets with: ask whoever runs it to set one.' },
    });
  });

  it('says a wrong Granola or Fireflies key is wrong, under the key', async () => {
    const { hr } = await conversation();
    expect(await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'granola', name: 'Granola', secret: 'nope', target: '' })).toEqual({
      ok: false,
      errors: { secret: 'Granola refused the token: Granola said: API token is invalid.' },
    });
    expect(await w.integrations.addConnection(hr, { scope: 'workspace', kind: 'fireflies', name: 'FF', secret: 'ff-key', target: '', webhookSecret: 'short' })).toEqual({
      ok: false,
      errors: { webhook_secret: 'Enter the webhook secret from Fireflies’ settings (at least 16 characters).' },
    });
  });
});
