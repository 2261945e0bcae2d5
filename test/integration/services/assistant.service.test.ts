import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { MEMORY_HOURS } from '../../../src/services/assistant.service';
import { wireAssistant } from '../../support/assistant';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson } from '../../support/factories';
import { FakeOpenAi } from '../../support/fake-openai';

describe('the assistant service: memory, limits and a model that fails', () => {
  let t: TestDatabase;
  const fake = new FakeOpenAi();
  // 10:00 in London.
  const clock = new ManualClock('2026-12-08T10:00:00Z');
  let w: ReturnType<typeof wireAssistant>;
  let ana: Person;
  let event = 0;
  const answer = (text: string, threadTs = `${(event += 1)}.0`) => w.assistant.answer(ana, { eventId: `svc-${(event += 1)}`, channel: 'D0ANA', threadTs, text });
  const conversationOf = (request: { messages: Array<{ role: string; content: string | null }> }) =>
    request.messages.filter((m) => m.role === 'user' || m.role === 'assistant').map((m) => m.content);

  beforeAll(async () => {
    await fake.start();
    t = await createTestDatabase();
    ana = await createPerson(t.db, { workspaceId: 'T0SVC', timezone: 'Europe/London' });
    w = wireAssistant(t.db, clock, 'T0SVC', { baseUrl: fake.baseUrl, model: 'local', timeoutMs: 2000 });
  });
  afterAll(async () => {
    await t.drop();
    await fake.stop();
  });
  beforeEach(() => fake.requests.splice(0));

  it(`remembers a thread for ${MEMORY_HOURS} hours, then forgets it`, async () => {
    fake.answerWith({ content: 'Noted.' });
    await answer('first thing', '100.0');
    await answer('second thing', '100.0');
    expect(conversationOf(fake.requests[1]!)).toEqual(['first thing', 'Noted.', 'second thing']);
    // Another thread knows nothing of it.
    await answer('elsewhere', '200.0');
    expect(conversationOf(fake.requests[2]!)).toEqual(['elsewhere']);

    clock.advance({ hours: MEMORY_HOURS, minutes: 1 });
    await answer('third thing', '100.0');
    expect(conversationOf(fake.requests[3]!)).toEqual(['third thing']);
    const kept = await t.db.selectFrom('assistant_message').select('content').where('person_id', '=', ana.id).execute();
    expect(kept.map((m) => m.content).sort()).toEqual(['Noted.', 'third thing']);
  });

  it('falls back to the fixed phrases when the model fails, and says so when those do not fit either', async () => {
    fake.answerWith({ status: 500, error: 'overloaded' });
    expect(await answer('goals')).toMatchObject({ kind: 'result', result: { kind: 'goals', self: true } });
    expect(await answer('how am I doing?')).toEqual({ kind: 'model_unavailable' });
  });

  it('logs each message sent to the model with its tokens and outcome, never its words', async () => {
    const calls = await t.db.selectFrom('ai_call').selectAll().where('actor_id', '=', ana.id).where('kind', '=', 'assistant').orderBy('id').execute();
    expect(calls.map((c) => [c.provider, c.model, c.outcome])).toEqual([
      ...Array(4).fill(['openai', 'local', 'ok']),
      ['openai', 'local', 'fallback_error'],
      ['openai', 'local', 'fallback_error'],
    ]);
    expect(calls[0]).toMatchObject({ prompt_tokens: 120, completion_tokens: 40 });
    expect(JSON.stringify(calls)).not.toContain('first thing');
  });

  it('keeps to the daily limit in the person’s own day, and starts afresh the next morning', async () => {
    fake.answerWith({ toolCalls: [{ name: 'list_goals', arguments: {} }] });
    const used = await t.db.selectFrom('assistant_message').select((eb) => eb.fn.sum<number>('tool_calls').as('n')).where('person_id', '=', ana.id).executeTakeFirstOrThrow();
    await t.db.updateTable('workspace').set({ assistant_daily_tool_calls: Number(used.n ?? 0) + 2 }).where('id', '=', 'T0SVC').execute();
    expect(await answer('list my goals, again and again')).toMatchObject({ kind: 'limit', which: 'day' });
    expect(await answer('goals')).toMatchObject({ kind: 'limit', which: 'day' });
    // Midnight in London, not in UTC or on the server, opens a new day.
    clock.set(clock.now().setZone('Europe/London').plus({ days: 1 }).startOf('day').plus({ minutes: 1 }));
    fake.answerWith({ content: 'Fresh day.' });
    expect(await answer('hello')).toEqual({ kind: 'answer', text: 'Fresh day.', results: [] });
  });

  it('says it is off when the workspace allows it no actions, before asking any model', async () => {
    await t.db.updateTable('workspace').set({ assistant_daily_tool_calls: 0 }).where('id', '=', 'T0SVC').execute();
    fake.answerWith({ content: 'should not be asked' });
    expect(await answer('goals')).toMatchObject({ kind: 'limit', which: 'off' });
    expect(fake.requests).toHaveLength(0);
  });

  it('stops at the token limit of the day', async () => {
    clock.advance({ days: 1 });
    await t.db.updateTable('workspace').set({ assistant_daily_tool_calls: 100, assistant_daily_tokens: 200 }).where('id', '=', 'T0SVC').execute();
    // Each fake answer costs 160 tokens: the second turn would pass 200.
    fake.answerWith({ toolCalls: [{ name: 'whats_waiting', arguments: {} }] });
    expect(await answer('what is waiting?')).toMatchObject({ kind: 'limit', which: 'day' });
    expect(fake.requests).toHaveLength(2);
  });
});
