import { createAnswersFirst } from '../../../src/http/answers-first';

/** Whether the promise has settled by now (after the microtasks queued so far). */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

describe('follow-up work waits for the answers to Slack', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('starts once nothing has waited for its answer for the quiet period', async () => {
    const gate = createAnswersFirst();
    const followUp = gate.answered();
    await jest.advanceTimersByTimeAsync(19);
    expect(await settled(followUp)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(followUp)).toBe(true);
  });

  it('waits while a request is unanswered, and for the quiet period after its answer', async () => {
    const gate = createAnswersFirst();
    const answer = gate.arrived();
    const followUp = gate.answered();
    await jest.advanceTimersByTimeAsync(100);
    expect(await settled(followUp)).toBe(false);
    answer();
    await jest.advanceTimersByTimeAsync(19);
    expect(await settled(followUp)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(followUp)).toBe(true);
  });

  it('a request arriving in the quiet period holds the work until it is answered too', async () => {
    const gate = createAnswersFirst();
    const first = gate.arrived();
    const followUp = gate.answered();
    first();
    await jest.advanceTimersByTimeAsync(10);
    const second = gate.arrived();
    await jest.advanceTimersByTimeAsync(50);
    expect(await settled(followUp)).toBe(false);
    second();
    await jest.advanceTimersByTimeAsync(20);
    expect(await settled(followUp)).toBe(true);
  });

  it('never waits longer than a second, however busy Slack keeps it', async () => {
    const gate = createAnswersFirst();
    gate.arrived();
    const followUp = gate.answered();
    await jest.advanceTimersByTimeAsync(999);
    expect(await settled(followUp)).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(await settled(followUp)).toBe(true);
  });

  it('counts an answer once, however often it is reported', async () => {
    const gate = createAnswersFirst();
    const first = gate.arrived();
    gate.arrived();
    first();
    first();
    const followUp = gate.answered();
    await jest.advanceTimersByTimeAsync(100);
    expect(await settled(followUp)).toBe(false);
  });
});
