import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TRANSCRIPT_MAX_BYTES } from '../../../src/domain/inbound-transcript';
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
  const conversationAt = new Date('2026-12-10T14:00:00Z');

  beforeAll(async () => {
    t = await createTestDatabase();
    await fake.start();
    w = wireIntegrations(t.db, clock, fake);
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

  const VTT = ['WEBVTT', '', '1', '00:00:01.000 --> 00:00:04.000', '<v Mo Manager>How did the billing rewrite go?</v>', '', '2', '00:00:05.000 --> 00:00:09.500', '<v Emma Employee>We shipped it a week early.</v>', ''].join('\n');

  it('takes a pasted VTT transcript from a participant, pending the other participant’s acceptance', async () => {
    const { manager, employee, participantId } = await conversation();
    const submitted = await w.inboundTranscripts.submit(manager, participantId, VTT);
    expect(submitted).toMatchObject({ ok: true, value: { side: 'manager', managerDecision: 'accepted', employeeDecision: null, passages: 2, employeeName: 'Emma Employee', cycleName: 'H2 2026' } });
    expect(await w.inboundTranscripts.pending(manager)).toEqual([]);
    const [waiting] = await w.inboundTranscripts.pending(employee);
    expect(waiting!.opening).toEqual([
      { speaker: 'Mo Manager', text: 'How did the billing rewrite go?', startSeconds: 1 },
      { speaker: 'Emma Employee', text: 'We shipped it a week early.', startSeconds: 5 },
    ]);
    expect(await w.inboundTranscripts.accepted(employee, participantId)).toEqual([]);
    expect(await w.inboundTranscripts.decide(employee, waiting!.id, 'accepted')).toBe('accepted');
    expect((await w.inboundTranscripts.accepted(manager, participantId)).map((x) => x.segments.length)).toEqual([2]);
  });

  it('refuses an empty, binary or oversized transcript inline and stores nothing', async () => {
    const { employee, participantId } = await conversation();
    expect(await w.inboundTranscripts.submit(employee, participantId, 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n\n')).toEqual({ ok: false, errors: { transcript: 'The transcript has no text in it.' } });
    expect(await w.inboundTranscripts.submit(employee, participantId, '%PDF-1.7\u0000\u0001\u0002binary')).toEqual({
      ok: false,
      errors: { transcript: 'That is not a text transcript: paste text, or a VTT or SRT file.' },
    });
    expect(await w.inboundTranscripts.submit(employee, participantId, 'Emma: hello\n'.repeat(TRANSCRIPT_MAX_BYTES / 10))).toEqual({
      ok: false,
      errors: { transcript: 'The transcript is over 512 KB: cut it to the conversation itself.' },
    });
    expect(await transcriptRows(participantId)).toEqual([]);
  });

  it('shows a transcript only to the two people of the conversation', async () => {
    const { hr, peer, employee, participantId } = await conversation();
    await expect(w.inboundTranscripts.submit(peer, participantId, VTT)).rejects.toThrow('not_permitted');
    await expect(w.inboundTranscripts.submit(hr, participantId, VTT)).rejects.toThrow('not_permitted');
    const submitted = await w.inboundTranscripts.submit(employee, participantId, VTT);
    if (!submitted.ok) throw new Error('expected a transcript');
    await expect(w.inboundTranscripts.decide(peer, submitted.value.id, 'accepted')).rejects.toThrow('not_permitted');
    await expect(w.inboundTranscripts.accepted(hr, participantId)).rejects.toThrow('not_permitted');
    expect(await w.inboundTranscripts.pending(peer)).toEqual([]);
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
    expect(await w.inboundTranscripts.decide(employee, forEmployee!.id, 'accepted')).toBe('waiting');
    expect(await w.inboundTranscripts.decide(manager, forEmployee!.id, 'rejected')).toBe('rejected');
    expect(await w.inboundTranscripts.accepted(employee, participantId)).toEqual([]);
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
