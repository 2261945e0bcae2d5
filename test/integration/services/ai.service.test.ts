import { createOpenAiProvider } from '../../../src/ai/openai.provider';
import type { GoalInput } from '../../../src/domain/goal';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { recordPeriods, saveCheckin } from '../../../src/repositories/checkin.repository';
import { createAccessService } from '../../../src/services/access.service';
import { createAiService } from '../../../src/services/ai.service';
import { createGoalService } from '../../../src/services/goal.service';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';
import { type ChatRequest, FakeOpenAi, promptEvidence } from '../../support/fake-openai';

const WS = 'T0AIDRAFTS';
const goalInput = (title: string, overrides: Partial<GoalInput> = {}): GoalInput => ({ title, description: null, category: 'performance', targetDate: null, ...overrides });

/** A fake model that cites every evidence id it was given, plus ids it was not. */
function citeEverything(request: ChatRequest) {
  const ids = promptEvidence(request).map((e) => e.id);
  const asked = (JSON.parse(request.messages[1]?.content ?? '{}') as { sections: Array<{ key: string }> }).sections;
  return {
    content: JSON.stringify({
      sections: asked.map(({ key }) => ({
        key,
        sentences: [
          ...ids.map((id) => ({ text: `Ask about ${id}.`, citations: [id] })),
          { text: 'Ask about the hidden goal.', citations: ['E999'] },
        ],
      })),
    }),
  };
}

describe('AI drafts are built only from what the reader may see', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-12-01T12:00:00Z');
  const fake = new FakeOpenAi();
  let manager: Person;
  let report: Person;
  let stranger: Person;
  let skipLevel: Person;
  let peers: Person[];
  let f: ReturnType<typeof wireFeedback>;
  let ai: ReturnType<typeof createAiService>;

  beforeAll(async () => {
    await fake.start();
    t = await createTestDatabase();
    const access = createAccessService({ db: t.db });
    const goals = createGoalService({ db: t.db, clock, access, events: { goalCreated: async () => undefined, goalChangedByOther: async () => undefined } });
    f = wireFeedback(t.db, clock, WS);
    ai = createAiService({
      db: t.db,
      clock,
      access,
      goals,
      feedbackRequests: f.requests,
      model: createOpenAiProvider({ baseUrl: fake.baseUrl, model: 'fake', timeoutMs: 5000 }),
    });
    skipLevel = await createPerson(t.db, { workspaceId: WS, realName: 'Sky Level' });
    manager = await createPerson(t.db, { workspaceId: WS, realName: 'Mona Manager', email: 'mona@corp.test' });
    report = await createPerson(t.db, { workspaceId: WS, realName: 'Remy Report', email: 'remy@corp.test' });
    stranger = await createPerson(t.db, { workspaceId: WS, realName: 'Stan Stranger' });
    peers = [];
    for (let i = 0; i < 3; i += 1) peers.push(await createPerson(t.db, { workspaceId: WS }));
    await linkManager(t.db, manager.id, skipLevel.id);
    await linkManager(t.db, report.id, manager.id);

    const own = await goals.create(report, goalInput('Ship billing v2 remyprivategoal', { visibility: 'private' }));
    if (!own.ok) throw new Error('goal');
    clock.set(clock.now().plus({ days: 1 }));
    await goals.updateProgress(report, own.value.goal.id, { status: 'at_risk', note: 'Waiting on payments remynote; Remy Report asked Mona (mona@corp.test, <@U0MONA>) for help', values: [], percent: '30' });
    const hidden = await goals.create(stranger, goalInput('Stranger plan strangerprivategoal', { visibility: 'private' }));
    if (!hidden.ok) throw new Error('goal');
    await goals.updateProgress(stranger, hidden.value.goal.id, { status: 'off_track', note: 'strangernote', values: [], percent: '10' });

    const periods = await recordPeriods(
      t.db,
      [
        { workspaceId: WS, personId: report.id, period: '2026-11-27' },
        { workspaceId: WS, personId: stranger.id, period: '2026-11-27' },
      ],
      clock.now(),
    );
    const answers = (wins: string, blockers: string) => ({ wins, blockers, confidence: 6, mood: 2, moodShared: false });
    await saveCheckin(t.db, periods.find((p) => p.personId === report.id)!.id, answers('Closed onboarding bugs remywin', 'No test environment remyblocker'), clock.now());
    await saveCheckin(t.db, periods.find((p) => p.personId === stranger.id)!.id, answers('strangerwin', 'strangerblocker'), clock.now());
  });
  afterAll(async () => {
    await fake.stop();
    await t.drop();
  });
  beforeEach(() => {
    fake.requests.splice(0);
    fake.answerWith(citeEverything);
  });

  const allCitations = (result: Awaited<ReturnType<typeof ai.prepQuestions>>) =>
    result.ok ? result.draft.sections.flatMap((s) => s.sentences.flatMap((x) => x.citations)) : [];

  it('gives the model the report’s goals, updates and check-ins, and nothing of anyone else, nor names, emails or Slack ids', async () => {
    const result = await ai.prepQuestions(manager, report.id);
    expect(result.ok).toBe(true);
    expect(fake.requests).toHaveLength(1);
    const sent = JSON.stringify(fake.requests[0]);
    for (const word of ['remyprivategoal', 'remynote', 'remywin', 'remyblocker']) expect(sent).toContain(word);
    for (const word of ['strangerprivategoal', 'strangernote', 'strangerwin', 'strangerblocker']) expect(sent).not.toContain(word);
    for (const personal of [report.realName, manager.realName, 'Mona', report.email, manager.email, 'U0MONA', report.slackUserId, manager.slackUserId, report.id])
      expect(sent).not.toContain(personal as string);
    // Mood is private to the person unless shared, and a draft never needs it.
    expect(sent).not.toMatch(/mood/i);
  });

  it('keeps only sentences citing records the manager may see, dropping the invented citation', async () => {
    const result = await ai.prepQuestions(manager, report.id);
    if (!result.ok) throw new Error('expected a draft');
    expect(result.draft.source).toBe('model');
    expect(result.draft.dropped).toBeGreaterThan(0);
    const refs = allCitations(result);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(result.draft.cited.get(ref)?.text).not.toMatch(/stranger/);
    expect(refs.every((ref) => /^(goal|goal_update|checkin):/.test(ref))).toBe(true);
  });

  it('refuses a draft about someone who is not the reader’s report, and about a skip-level report while skip-level visibility is off', async () => {
    await expect(ai.prepQuestions(manager, stranger.id)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    await expect(ai.prepQuestions(skipLevel, report.id)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    await expect(ai.prepQuestions(stranger, report.id)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    expect(fake.requests).toHaveLength(0);
  });

  it('sends nothing about a person who opted out: their drafts are built offline', async () => {
    await t.db.updateTable('person').set({ ai_opt_out: true }).where('id', '=', report.id).execute();
    try {
      const result = await ai.prepQuestions(manager, report.id);
      expect(result).toMatchObject({ ok: true, draft: { source: 'offline' } });
      expect(fake.requests).toHaveLength(0);
    } finally {
      await t.db.updateTable('person').set({ ai_opt_out: false }).where('id', '=', report.id).execute();
    }
  });

  it('offers nothing to a reader who opted out, and sends nothing when the workspace is offline-only or off', async () => {
    await t.db.updateTable('person').set({ ai_opt_out: true }).where('id', '=', manager.id).execute();
    expect(await ai.prepQuestions(manager, report.id)).toEqual({ ok: false, reason: 'opted_out' });
    await t.db.updateTable('person').set({ ai_opt_out: false }).where('id', '=', manager.id).execute();

    await t.db.updateTable('workspace').set({ ai_mode: 'offline' }).where('id', '=', WS).execute();
    expect(await ai.prepQuestions(manager, report.id)).toMatchObject({ ok: true, draft: { source: 'offline' } });
    await t.db.updateTable('workspace').set({ ai_mode: 'off' }).where('id', '=', WS).execute();
    expect(await ai.prepQuestions(manager, report.id)).toEqual({ ok: false, reason: 'off' });
    expect(await ai.writingCheck(manager, { text: 'She is so abrasive in meetings.' })).toBeUndefined();
    await t.db.updateTable('workspace').set({ ai_mode: 'on' }).where('id', '=', WS).execute();
    expect(fake.requests).toHaveLength(0);
  });

  it('logs every draft without its content: who, what kind, tokens, latency, outcome; and shows the totals only to HR admins', async () => {
    await ai.prepQuestions(manager, report.id);
    const logged = await t.db.selectFrom('ai_call').selectAll().where('workspace_id', '=', WS).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(logged).toMatchObject({ actor_id: manager.id, kind: 'prep_questions', provider: 'openai', model: 'fake', outcome: 'ok', prompt_tokens: 120, completion_tokens: 40 });
    expect(JSON.stringify(logged)).not.toMatch(/remy/);
    await expect(ai.usage(manager, clock.now().minus({ days: 30 }))).rejects.toMatchObject({ name: 'AccessDeniedError' });
    const admin = await createPerson(t.db, { workspaceId: WS, isAdmin: true });
    const usage = await ai.usage(admin, clock.now().minus({ days: 30 }));
    expect(usage.find((row) => row.provider === 'openai')).toMatchObject({ model: 'fake', promptTokens: expect.any(Number) });
    expect(usage.find((row) => row.provider === 'openai')!.calls).toBeGreaterThan(0);
  });

  describe('360 synthesis', () => {
    let requestId: string;
    beforeAll(async () => {
      const created = await f.requests.create(manager, {
        subjectSlackId: report.slackUserId,
        peerSlackIds: peers.map((p) => p.slackUserId),
        focusAreas: ['Communication'],
        customQuestion: null,
        dueOn: '2026-12-10',
        note: null,
      });
      if (!created.ok) throw new Error(JSON.stringify(created.errors));
      requestId = created.value.request.id;
    });

    const answer = (peer: Person, rating: string, strengths: string, suggestions: string) =>
      f.answers.answer(peer, requestId, { ratings: [rating], comments: [null], customAnswer: null, strengths, suggestions });

    it('sends nothing while the summary is withheld below the anonymity threshold', async () => {
      await answer(peers[0]!, '1', 'Calm in incidents peerone', 'Share plans earlier peerone');
      await answer(peers[1]!, '5', 'Clear writer peertwo', 'Delegate more peertwo');
      const result = await ai.feedbackSynthesis(manager, requestId);
      expect(result.ok && result.draft.sections.every((s) => s.status === 'thin')).toBe(true);
      expect(fake.requests).toHaveLength(0);
    });

    it('once released, cites only the summary’s excerpts, never an author', async () => {
      await answer(peers[2]!, '4', 'Helps new joiners peerthree', 'Say no more often peerthree');
      const result = await ai.feedbackSynthesis(manager, requestId);
      if (!result.ok) throw new Error('expected a draft');
      const sent = JSON.stringify(fake.requests[0]);
      expect(sent).toContain('peerthree');
      for (const peer of peers) {
        expect(sent).not.toContain(peer.slackUserId);
        expect(sent).not.toContain(peer.id);
        expect(sent).not.toContain(peer.email as string);
      }
      const refs = result.draft.sections.flatMap((s) => s.sentences.flatMap((x) => x.citations));
      expect(refs.length).toBeGreaterThan(0);
      expect(refs.every((ref) => ref.startsWith(`feedback:${requestId}`))).toBe(true);
      expect(result.draft.sections.find((s) => s.key === 'strengths')!.sentences.length).toBeLessThanOrEqual(3);
    });

    it('refuses the synthesis to someone who may not read the summary', async () => {
      await expect(ai.feedbackSynthesis(stranger, requestId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
      await expect(ai.feedbackSynthesis(peers[0]!, requestId)).rejects.toMatchObject({ name: 'AccessDeniedError' });
    });
  });
});
