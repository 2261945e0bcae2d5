import { createLocalRateLimiter } from '../../src/jobs/rate-limiter';
import type { RateRule } from '../../src/slack/pacing';

/** 600/min: one slot every 100 ms after a burst of 3. */
const rule: RateRule = { perMinute: 600, burst: 3 };

describe('the in-process rate limiter (PostgreSQL queue backend)', () => {
  let now = 1_000_000;
  const limiter = () => createLocalRateLimiter(() => now);
  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets a burst through at once, then hands out slots one interval apart', async () => {
    const pacing = limiter();
    const waits: number[] = [];
    for (let i = 0; i < 6; i += 1) waits.push((await pacing.reserve('T1:chat.postMessage', rule, 10_000)).waitMs);
    expect(waits).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('keeps keys apart and takes no slot further off than the caller will wait', async () => {
    const pacing = limiter();
    for (let i = 0; i < 3; i += 1) await pacing.reserve('T1:chat.postMessage', rule, 10_000);
    expect(await pacing.reserve('T1:chat.postMessage', rule, 10)).toEqual({ reserved: false, waitMs: 100 });
    expect(await pacing.reserve('T2:chat.postMessage', rule, 0)).toEqual({ reserved: true, waitMs: 0 });
    // The refused call took nothing: the slot it was offered is still the next one.
    expect(await pacing.reserve('T1:chat.postMessage', rule, 10_000)).toEqual({ reserved: true, waitMs: 100 });
  });

  it('after a pause, hands out nothing under that key until it is over', async () => {
    const pacing = limiter();
    await pacing.pause('T1:chat.postMessage', rule, 30_000);
    expect(await pacing.reserve('T1:chat.postMessage', rule, 29_999)).toEqual({ reserved: false, waitMs: 30_000 });
    expect(await pacing.reserve('T1:users.info', rule, 0)).toEqual({ reserved: true, waitMs: 0 });
    now += 30_000;
    expect(await pacing.reserve('T1:chat.postMessage', rule, 0)).toEqual({ reserved: true, waitMs: 0 });
  });

  it('says how long a pause still holds, so a slot taken before it is not used during it', async () => {
    const pacing = limiter();
    expect(await pacing.pausedFor('T1:chat.postMessage')).toBe(0);
    await pacing.pause('T1:chat.postMessage', rule, 2_000);
    now += 500;
    expect(await pacing.pausedFor('T1:chat.postMessage')).toBe(1_500);
    expect(await pacing.pausedFor('T2:chat.postMessage')).toBe(0);
    now += 1_500;
    expect(await pacing.pausedFor('T1:chat.postMessage')).toBe(0);
  });
});
