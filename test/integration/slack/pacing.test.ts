import { ErrorCode } from '@slack/web-api';
import { DEFAULT_BOT_TOKEN, DEFAULT_PEOPLE, defaultWorkspace } from '../../../sandbox/emulator/defaults';
import { type SlackEmulator, startSlackEmulator } from '../../../sandbox/emulator/emulator';
import { createRedisRateLimiter } from '../../../src/jobs/rate-limiter';
import { RateLimitedError } from '../../../src/lib/errors';
import { createLogger } from '../../../src/lib/logger';
import { type RateRule, slackPacing } from '../../../src/slack/pacing';
import { createJobWebClient } from '../../../src/slack/web-client';
import { createTestRedis } from '../../support/redis';

const redis = createTestRedis('pacing');
afterEach(() => redis.reset());
afterAll(() => redis.cleanup());

const logger = createLogger('silent');
const alice = DEFAULT_PEOPLE.alice.id;
/** 600/min: one slot every 100 ms after a burst of 3. */
const rule: RateRule = { perMinute: 600, burst: 3 };

describe('the Redis rate limiter', () => {
  it('lets a burst through at once, then hands out slots one interval apart', async () => {
    const limiter = createRedisRateLimiter(redis.connection('worker'), redis.prefix);
    // Each slot's moment is known to lie between (asked + wait) and (answered + wait).
    const slots: Array<{ reserved: boolean; waitMs: number; earliest: number; latest: number }> = [];
    for (let i = 0; i < 6; i += 1) {
      const asked = Date.now();
      const slot = await limiter.reserve('T1:chat.postMessage', rule, 10_000);
      slots.push({ ...slot, earliest: asked + slot.waitMs, latest: Date.now() + slot.waitMs });
    }
    expect(slots.every((s) => s.reserved)).toBe(true);
    expect(slots.slice(0, 3).map((s) => s.waitMs)).toEqual([0, 0, 0]);
    // However long the calls took, slots 4, 5 and 6 lie one interval (100 ms) after the one before,
    // and slot 4 one interval after the burst (1 ms of slack for the clocks' rounding).
    const gapBounds = (a: (typeof slots)[number], b: (typeof slots)[number]) => [b.earliest - a.latest - 1, b.latest - a.earliest + 1];
    for (const [a, b] of [[slots[0], slots[3]], [slots[3], slots[4]], [slots[4], slots[5]]] as const) {
      const [low, high] = gapBounds(a!, b!);
      expect(low).toBeLessThanOrEqual(100);
      expect(high).toBeGreaterThanOrEqual(100);
    }
  });

  it('is shared by every process on the same Redis, and separate per key', async () => {
    const a = createRedisRateLimiter(redis.connection('worker'), redis.prefix);
    const b = createRedisRateLimiter(redis.connection('worker'), redis.prefix);
    // One slot every 10 s after a burst of 3, so however slow these calls are, the wait is plain.
    const slow: RateRule = { perMinute: 6, burst: 3 };
    for (let i = 0; i < 3; i += 1) await a.reserve('T1:chat.postMessage', slow, 60_000);

    // b never reserved anything, yet its next slot for the same key comes 10 s after a's burst.
    expect((await b.reserve('T1:chat.postMessage', slow, 60_000)).waitMs).toBeGreaterThan(5_000);
    expect(await b.reserve('T2:chat.postMessage', slow, 60_000)).toEqual({ reserved: true, waitMs: 0 });
    expect(await b.reserve('T1:users.info', slow, 60_000)).toEqual({ reserved: true, waitMs: 0 });
  });

  it('takes no slot that is further off than the caller will wait', async () => {
    const limiter = createRedisRateLimiter(redis.connection('worker'), redis.prefix);
    for (let i = 0; i < 3; i += 1) await limiter.reserve('T1:chat.postMessage', rule, 10_000);

    const refused = await limiter.reserve('T1:chat.postMessage', rule, 10);
    const next = await limiter.reserve('T1:chat.postMessage', rule, 10_000);
    expect(refused.reserved).toBe(false);
    expect(refused.waitMs).toBeGreaterThan(10);
    // The refused call took nothing: the next one gets the slot it was offered.
    expect(next.reserved).toBe(true);
    expect(next.waitMs).toBeLessThanOrEqual(refused.waitMs);
  });

  it('after a pause, hands out nothing under that key until the pause is over', async () => {
    const limiter = createRedisRateLimiter(redis.connection('worker'), redis.prefix);
    await limiter.pause('T1:chat.postMessage', rule, 30_000);

    const slot = await limiter.reserve('T1:chat.postMessage', rule, 60_000);
    expect(slot.waitMs).toBeGreaterThan(29_000);
    expect(slot.waitMs).toBeLessThanOrEqual(30_000);
    expect(await limiter.reserve('T1:users.info', rule, 0)).toEqual({ reserved: true, waitMs: 0 });
  });

  it('says how long a pause still holds, on Redis’s clock, for every process', async () => {
    const limiter = createRedisRateLimiter(redis.connection('worker'), redis.prefix);
    expect(await limiter.pausedFor('T2:chat.postMessage')).toBe(0);
    await limiter.pause('T2:chat.postMessage', rule, 30_000);
    const other = createRedisRateLimiter(redis.connection('worker'), redis.prefix);
    const left = await other.pausedFor('T2:chat.postMessage');
    expect(left).toBeGreaterThan(25_000);
    expect(left).toBeLessThanOrEqual(30_000);
    expect(await other.pausedFor('T2:users.info')).toBe(0);
  });
});

describe('the paced job client against the emulator', () => {
  const other = { ...defaultWorkspace(), teamId: 'T0OTHER', botToken: 'xoxb-other-workspace', botUserId: 'UOTHERBOT', botId: 'BOTHERBOT', appId: 'A0OTHER' };
  let emulator: SlackEmulator;
  beforeAll(async () => {
    emulator = await startSlackEmulator({ workspaces: [defaultWorkspace(), other], rateLimits: 'off' });
  });
  afterEach(() => emulator.reset());
  afterAll(() => emulator.stop());

  /** A client as one worker process has it: its own Redis connection, the shared prefix. */
  const workerClient = (token: string, postPerMinute: number) =>
    createJobWebClient(token, emulator.apiUrl, logger, {
      limiter: createRedisRateLimiter(redis.connection('worker'), redis.prefix),
      pacing: slackPacing(postPerMinute),
    });

  it('keeps two workers together under the workspace cap: every message delivered, no 429', async () => {
    // Slack's side: 10 a second, bursts of 10; the two workers together try 30 at once.
    // Cadence's side: 7 a second, so even a test process stalled for a second stays under the cap.
    emulator.setRateLimit('chat.postMessage', { max: 10, windowMs: 1000 });
    const workers = [workerClient(DEFAULT_BOT_TOKEN, 7 * 60), workerClient(DEFAULT_BOT_TOKEN, 7 * 60)];

    const sends = await Promise.allSettled(
      workers.flatMap((client, w) => Array.from({ length: 15 }, (_, i) => client.chat.postMessage({ channel: alice, text: `${w}-${i}` }))),
    );

    expect(sends.filter((send) => send.status === 'rejected')).toEqual([]);
    const posts = emulator.calls('chat.postMessage');
    expect(posts.filter((call) => call.status === 429)).toEqual([]);
    expect(posts.filter((call) => call.status === 200)).toHaveLength(30);
  });

  it("turns a 429 into a pause of that workspace's method, for every worker, and for nothing else", async () => {
    emulator.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 30 });
    const [first, second] = [workerClient(DEFAULT_BOT_TOKEN, 600), workerClient(DEFAULT_BOT_TOKEN, 600)];
    const error = await first.chat.postMessage({ channel: alice, text: 'refused' }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe(ErrorCode.RateLimitedError);

    // The other worker does not try Slack at all: its job is told to come back in about 30 s.
    const paced = await second.chat.postMessage({ channel: alice, text: 'held back' }).catch((e: unknown) => e);
    expect(paced).toBeInstanceOf(RateLimitedError);
    expect((paced as RateLimitedError).retryAfterMs).toBeGreaterThan(25_000);
    expect(emulator.calls('chat.postMessage')).toHaveLength(1);

    // Another method of the same workspace, and the same method in another workspace, go on.
    await expect(second.users.info({ user: alice })).resolves.toMatchObject({ ok: true });
    await expect(workerClient(other.botToken, 600).chat.postMessage({ channel: alice, text: 'other workspace' })).resolves.toMatchObject({ ok: true });
  });

  it('does not use a slot taken before a 429 while its pause lasts: one 429, not one per waiting call', async () => {
    emulator.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 3 });
    // One a second: the first call goes at once, the second takes the slot a second later.
    const client = workerClient(DEFAULT_BOT_TOKEN, 60);
    const [first, second] = await Promise.all(['first', 'second'].map((text) => client.chat.postMessage({ channel: alice, text }).catch((e: unknown) => e)));
    expect((first as { code?: string }).code).toBe(ErrorCode.RateLimitedError);
    expect(second).toBeInstanceOf(RateLimitedError);
    expect((second as RateLimitedError).retryAfterMs).toBeGreaterThan(1_000);
    expect(emulator.calls('chat.postMessage')).toHaveLength(1);
  });
});
