/**
 * Rate limits (HTTP 429 + Retry-After, as the SDK expects them) and fault injection: the two ways
 * the emulator lets tests prove the bot survives Slack saying no.
 */
import { ErrorCode, type WebAPIHTTPError, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { DEFAULT_BOT_TOKEN, DEFAULT_PEOPLE, startSlackEmulator, type SlackEmulator } from '../../../sandbox';
import { clientFor, ManualClock } from './support';

const alice = DEFAULT_PEOPLE.alice.id;
const bob = DEFAULT_PEOPLE.bob.id;

async function rejection(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('rate limits with a manual clock', () => {
  const clock = new ManualClock();
  let emulator: SlackEmulator;

  beforeAll(async () => {
    emulator = await startSlackEmulator({ now: clock.now });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('answers 429 with Retry-After once an explicit limit is spent, and recovers as time passes', async () => {
    emulator.setRateLimit('chat.postMessage', { max: 2, windowMs: 1000 });
    const client = clientFor(emulator, { rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: alice, text: '1' });
    await client.chat.postMessage({ channel: bob, text: '2' });
    const error = (await rejection(client.chat.postMessage({ channel: alice, text: '3' }))) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(1);
    expect(emulator.dms(alice).map((m) => m.text)).toEqual(['1']);

    clock.advance(500); // one call's worth of budget back (2 per second)
    await client.chat.postMessage({ channel: alice, text: '3' });
    expect(emulator.dms(alice).map((m) => m.text)).toEqual(['1', '3']);
  });

  it('sends the 429 as Slack does: status, Retry-After header and {ok:false, error:"ratelimited"}', async () => {
    emulator.setRateLimit('users.info', { max: 1, windowMs: 10_000 });
    const post = () => fetch(`${emulator.apiUrl}users.info?user=${alice}`, { method: 'POST', headers: { Authorization: `Bearer ${DEFAULT_BOT_TOKEN}` } });
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('10');
    expect(await limited.json()).toEqual({ ok: false, error: 'ratelimited' });
    expect(emulator.calls('users.info').map((c) => c.status)).toEqual([200, 429]);
  });

  it('the Slack preset limits chat.postMessage per conversation (user id and D… id alike), not per workspace', async () => {
    const client = clientFor(emulator, { rejectRateLimitedCalls: true });
    const targets = [alice, 'D0ALICE', alice, 'D0ALICE'];
    for (const channel of targets) await client.chat.postMessage({ channel, text: 'burst' });
    const error = (await rejection(client.chat.postMessage({ channel: alice, text: 'one too many' }))) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    await client.chat.postMessage({ channel: bob, text: 'another conversation' });
    clock.advance(1000);
    await client.chat.postMessage({ channel: alice, text: 'a second later' });
  });

  it('null removes a limit and the "off" preset has none', async () => {
    emulator.setRateLimit('users.info', { max: 1, windowMs: 60_000 });
    emulator.setRateLimit('users.info', null);
    const client = clientFor(emulator, { rejectRateLimitedCalls: true });
    for (let i = 0; i < 5; i += 1) await client.users.info({ user: alice });

    emulator.setRateLimitPreset('off');
    for (let i = 0; i < 10; i += 1) await client.chat.postMessage({ channel: alice, text: `${i}` });
    emulator.setRateLimitPreset('slack');
  });
});

describe('rate limits with the real clock', () => {
  let emulator: SlackEmulator;

  beforeAll(async () => {
    emulator = await startSlackEmulator();
  });
  afterAll(() => emulator.stop());

  it('a WebClient that does not reject rate-limited calls waits Retry-After and then succeeds', async () => {
    emulator.setRateLimit('chat.postMessage', { max: 1, windowMs: 1000 });
    const client = clientFor(emulator, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    await client.chat.postMessage({ channel: alice, text: 'first' });
    const started = Date.now();
    await client.chat.postMessage({ channel: alice, text: 'second' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(emulator.calls('chat.postMessage').map((c) => c.status)).toEqual([200, 429, 200]);
    expect(emulator.dms(alice).map((m) => m.text)).toEqual(['first', 'second']);
  });
});

describe('fault injection', () => {
  let emulator: SlackEmulator;

  beforeAll(async () => {
    emulator = await startSlackEmulator({ rateLimits: 'off' });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('fails the next N calls of a method with a Slack error, then behaves again', async () => {
    emulator.failNext('chat.postMessage', { times: 2, error: 'internal_error' });
    const client = clientFor(emulator);
    for (let i = 0; i < 2; i += 1) {
      const error = (await rejection(client.chat.postMessage({ channel: alice, text: 'x' }))) as WebAPIPlatformError;
      expect(error.data.error).toBe('internal_error');
    }
    await client.users.info({ user: alice }); // other methods are untouched
    await client.chat.postMessage({ channel: alice, text: 'third time lucky' });
    expect(emulator.dms(alice).map((m) => m.text)).toEqual(['third time lucky']);
  });

  it('can fail with an HTTP status, which the SDK reports as an HTTP error', async () => {
    emulator.failNext('views.publish', { status: 503, error: 'service_unavailable' });
    const error = (await rejection(clientFor(emulator).views.publish({ user_id: alice, view: { type: 'home', blocks: [] } }))) as WebAPIHTTPError;
    expect(error.code).toBe(ErrorCode.HTTPError);
    expect(error.statusCode).toBe(503);
    expect(emulator.home(alice)).toBeUndefined();
  });

  it('clearFaults drops queued faults', async () => {
    emulator.failNext('users.info', { times: 3 });
    emulator.clearFaults();
    await expect(clientFor(emulator).users.info({ user: alice })).resolves.toMatchObject({ ok: true });
  });
});
