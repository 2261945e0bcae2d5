import { createOpenAiProvider } from '../../../src/ai/openai.provider';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { createAiService } from '../../../src/services/ai.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createTranscriptService } from '../../../src/services/transcript.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { FakeOpenAi, promptEvidence } from '../../support/fake-openai';
import { wireFeedback } from '../../support/feedback';
import { QUESTIONS, wireReviews } from '../../support/reviews';

/** A review conversation's transcript: pasted by the manager, summarised with cited lines, read by both, its raw text let go. */
const WS = 'T0TRANSCRIPT';
const TRANSCRIPT = [
  'Mona: How did the billing launch feel?',
  'Remy: Good. We agreed to move releases to Tuesdays.',
  "Mona: I'll book the incident training by Friday.",
  'Remy: Not sure yet whether I want to lead the migration.',
].join('\n');

describe('review conversation transcripts', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-12-07T10:00:00Z');
  const fake = new FakeOpenAi();
  let hr: Person;
  let manager: Person;
  let employee: Person;
  let skipLevel: Person;
  let peer: Person;
  let participantId: string;
  let transcripts: ReturnType<typeof createTranscriptService>;

  beforeAll(async () => {
    await fake.start();
    t = await createTestDatabase();
    const r = wireReviews(t.db, clock);
    const goals = createGoalService({ db: t.db, clock, access: r.access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } });
    const ai = createAiService({
      db: t.db,
      clock,
      access: r.access,
      goals,
      feedbackRequests: wireFeedback(t.db, clock, WS).requests,
      model: createOpenAiProvider({ baseUrl: fake.baseUrl, model: 'fake', timeoutMs: 5000 }),
    });
    transcripts = createTranscriptService({ db: t.db, clock, access: r.access, ai });
    hr = await createPerson(t.db, { workspaceId: WS, isAdmin: true });
    skipLevel = await createPerson(t.db, { workspaceId: WS });
    manager = await createPerson(t.db, { workspaceId: WS, realName: 'Mona Manager' });
    employee = await createPerson(t.db, { workspaceId: WS, realName: 'Remy Report' });
    peer = await createPerson(t.db, { workspaceId: WS });
    await linkManager(t.db, manager.id, skipLevel.id);
    await linkManager(t.db, employee.id, manager.id);
    const template = await r.admin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error('template');
    const cycle = await r.admin.createCycle(hr, {
      name: 'H2',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [employee.id] },
      phases: { self_assessment: '2026-12-18', peer_feedback: '2026-12-23', manager_review: '2026-12-23', conversation: '2027-01-08', sign_off: '2027-01-15' },
    });
    if (!cycle.ok) throw new Error('cycle');
    await r.admin.launch(hr, cycle.value.id);
    participantId = (await t.db.selectFrom('review_participant').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => {
    await fake.stop();
    await t.drop();
  });
  beforeEach(() => fake.requests.splice(0));

  const stored = () => t.db.selectFrom('review_transcript').selectAll().executeTakeFirst();

  /** Checked, then summarised: the two steps the form takes on either side of its answer to Slack. */
  async function summarised(text: string) {
    const checked = await transcripts.submit(manager, participantId, { text, consent: true });
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    const done = await checked.value.summarise();
    if (!done.ok) throw new Error(done.problem);
    return done.value;
  }

  it('says AI is off while checking the form, before anything is stored or sent to a model', async () => {
    await t.db.updateTable('workspace').set({ ai_mode: 'off' }).where('id', '=', WS).execute();
    try {
      expect(await transcripts.submit(manager, participantId, { text: TRANSCRIPT, consent: true })).toEqual({
        ok: false,
        errors: { text: 'AI is turned off in this workspace, so Cadence cannot summarise a transcript.' },
      });
    } finally {
      await t.db.updateTable('workspace').set({ ai_mode: 'on' }).where('id', '=', WS).execute();
    }
    expect(fake.requests).toEqual([]);
    expect(await stored()).toBeUndefined();
  });

  it('refuses an empty, binary or unconsented transcript with an error on each field, storing nothing', async () => {
    expect(await transcripts.submit(manager, participantId, { text: '  ', consent: false })).toEqual({
      ok: false,
      errors: { text: 'Paste the transcript, or upload it as a .txt, .vtt or .srt file below.', consent: 'Confirm that Remy Report knows about the transcript and agrees to a summary.' },
    });
    expect(await transcripts.submit(manager, participantId, { text: 'Mona: \u0000\u0001', consent: true })).toEqual({ ok: false, errors: { text: 'That is not a text transcript: paste text, or a VTT or SRT file.' } });
    expect(await stored()).toBeUndefined();
  });

  it('takes an uploaded file instead of pasted text, never both, saying under the file what is wrong with it', async () => {
    const upload = (text: string) => ({ ok: true as const, name: 'review.vtt', text });
    const submit = (input: { text?: string; upload: Parameters<typeof transcripts.submit>[2]['upload'] }) => transcripts.submit(manager, participantId, { text: '', consent: true, ...input });
    expect(await submit({ text: TRANSCRIPT, upload: upload(TRANSCRIPT) })).toEqual({ ok: false, errors: { file: 'Paste the transcript or upload a file, not both.' } });
    expect(await submit({ upload: { ok: false, problem: 'wrong_type' } })).toEqual({ ok: false, errors: { file: 'Upload the transcript as a .txt, .vtt or .srt file.' } });
    expect(await submit({ upload: { ok: false, problem: 'too_large' } })).toEqual({ ok: false, errors: { file: 'The transcript is over 512 KB: cut it to the conversation itself.' } });
    expect(await submit({ upload: upload('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n') })).toEqual({ ok: false, errors: { file: 'The transcript has no text in it.' } });
    expect(await submit({ upload: upload('%PDF-1.7\u0000\u0001binary') })).toEqual({ ok: false, errors: { file: 'That is not a text transcript: paste text, or a VTT or SRT file.' } });
    expect(await stored()).toBeUndefined();
    expect(fake.requests).toHaveLength(0);
  });

  it('lets only the manager of today paste one, and only the two participants read it', async () => {
    for (const someone of [employee, skipLevel, peer, hr])
      await expect(transcripts.submit(someone, participantId, { text: TRANSCRIPT, consent: true })).rejects.toMatchObject({ name: 'AccessDeniedError' });
    for (const someone of [skipLevel, peer, hr]) await expect(transcripts.view(someone, participantId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    expect(await transcripts.view(employee, participantId)).toMatchObject({ side: 'employee', transcript: undefined });
  });

  it('summarises through the model with valid citations only, sending no names, and both participants read it', async () => {
    fake.answerWith((request) => {
      const line = (word: string) => promptEvidence(request).find((e) => e.text.includes(word))?.id ?? 'E0';
      return {
        content: JSON.stringify({
          sections: [
            { key: 'agreed', sentences: [{ text: 'Releases move to Tuesdays.', citations: [line('Tuesdays')] }, { text: 'Invented.', citations: ['E99'] }] },
            { key: 'next_steps', sentences: [{ text: 'The manager books the incident training by Friday.', citations: [line('training')] }] },
            { key: 'open_questions', sentences: [{ text: 'Whether they lead the migration.', citations: [line('migration')] }] },
          ],
        }),
      };
    });
    const result = await summarised(TRANSCRIPT);
    expect(result.source).toBe('model');
    const agreed = result.sections.find((s) => s.key === 'agreed');
    expect(agreed?.points).toEqual([{ text: 'Releases move to Tuesdays.', passages: [{ n: 2, text: 'Remy: Good. We agreed to move releases to Tuesdays.' }] }]);
    const sent = JSON.stringify(fake.requests);
    for (const name of ['Mona', 'Remy']) expect(sent).not.toContain(name);
    const read = await transcripts.view(employee, participantId);
    expect(read.transcript?.sections.find((s) => s.key === 'next_steps')?.points[0]?.text).toBe('The manager books the incident training by Friday.');
    expect(read.transcript?.raw).toBe(TRANSCRIPT);
    // Only the cited lines are kept beside the summary.
    expect(((await stored())!.passages as Array<{ n: number }>).map((p) => p.n)).toEqual([2, 3, 4]);
  });

  it('falls back to the offline, extractive summary when the model answers malformed output', async () => {
    fake.answerWith({ content: 'not json' });
    const result = await summarised(TRANSCRIPT);
    expect(result).toMatchObject({ source: 'offline', fallback: 'invalid' });
    expect(result.sections.find((s) => s.key === 'agreed')?.points[0]?.passages.map((p) => p.n)).toEqual([2]);
  });

  it('deletes the raw transcript when the summary is accepted, unless both participants keep it', async () => {
    await expect(transcripts.accept(employee, participantId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    // The manager keeps it, the employee does too, then changes their mind after acceptance.
    await transcripts.keep(manager, participantId, true);
    await transcripts.keep(employee, participantId, true);
    const accepted = await transcripts.accept(manager, participantId);
    expect(accepted).toMatchObject({ accepted: true, raw: TRANSCRIPT, keep: { manager: true, employee: true } });
    const dropped = await transcripts.keep(employee, participantId, false);
    expect(dropped.raw).toBeNull();
    expect((await stored())!.raw).toBeNull();
    // The summary and its cited lines stay for both; a new paste cannot replace an accepted summary.
    expect((await transcripts.view(employee, participantId)).transcript?.sections.find((s) => s.key === 'agreed')?.points.length).toBe(1);
    expect(await transcripts.submit(manager, participantId, { text: TRANSCRIPT, consent: true })).toEqual({ ok: false, errors: { text: 'You accepted the summary of this conversation already.' } });
  });
});
