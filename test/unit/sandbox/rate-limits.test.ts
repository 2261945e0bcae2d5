/** Token-bucket arithmetic behind the emulator's 429s, on a hand-moved clock. */
import { RateLimiter } from '../../../sandbox/emulator/rate-limits';

function limiter(preset: 'slack' | 'off' = 'off') {
  let now = 0;
  const rl = new RateLimiter(() => now, preset);
  return { rl, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('lets `max` calls through, then limits with Retry-After until a token has refilled', () => {
    const { rl, advance } = limiter();
    rl.setRule('m', { max: 3, windowMs: 3000 });
    for (let i = 0; i < 3; i += 1) expect(rl.take('T', 'm', undefined)).toEqual({ limited: false });
    expect(rl.take('T', 'm', undefined)).toEqual({ limited: true, retryAfterSeconds: 1 });
    advance(999);
    expect(rl.take('T', 'm', undefined).limited).toBe(true);
    advance(1);
    expect(rl.take('T', 'm', undefined)).toEqual({ limited: false });
  });

  it('sustains exactly the configured rate over time (benchmarks rely on it)', () => {
    const { rl, advance } = limiter();
    rl.setRule('m', { max: 10, windowMs: 1000, burst: 1 });
    let accepted = 0;
    for (let ms = 0; ms < 10_000; ms += 10) {
      if (!rl.take('T', 'm', undefined).limited) accepted += 1;
      advance(10);
    }
    expect(accepted).toBe(100);
  });

  it('keeps workspaces and (for perChannel rules) channels apart', () => {
    const { rl } = limiter();
    rl.setRule('m', { max: 1, windowMs: 1000, perChannel: true });
    expect(rl.take('T1', 'm', 'D1').limited).toBe(false);
    expect(rl.take('T1', 'm', 'D1').limited).toBe(true);
    expect(rl.take('T1', 'm', 'D2').limited).toBe(false);
    expect(rl.take('T2', 'm', 'D1').limited).toBe(false);
  });

  it('spends nothing when one of several rules refuses', () => {
    const { rl } = limiter();
    rl.setRule('m', [{ max: 5, windowMs: 1000 }, { max: 1, windowMs: 1000, perChannel: true }]);
    expect(rl.take('T', 'm', 'A').limited).toBe(false);
    for (let i = 0; i < 10; i += 1) expect(rl.take('T', 'm', 'A').limited).toBe(true);
    // The workspace-wide bucket still has 4 of 5 tokens: refused calls did not drain it.
    for (let i = 0; i < 4; i += 1) expect(rl.take('T', 'm', `C${i}`).limited).toBe(false);
    expect(rl.take('T', 'm', 'C9').limited).toBe(true);
  });

  it('reports the longest wait among refusing rules, in whole seconds, never 0', () => {
    const { rl } = limiter();
    rl.setRule('m', { max: 1, windowMs: 90_000 });
    rl.take('T', 'm', undefined);
    expect(rl.take('T', 'm', undefined)).toEqual({ limited: true, retryAfterSeconds: 90 });
  });

  it("the 'slack' preset limits Tier 2 users.list to 20 a minute; 'off' and explicit null lift it", () => {
    const { rl } = limiter('slack');
    for (let i = 0; i < 20; i += 1) expect(rl.take('T', 'users.list', undefined).limited).toBe(false);
    expect(rl.take('T', 'users.list', undefined).limited).toBe(true);
    rl.setRule('users.list', null);
    expect(rl.take('T', 'users.list', undefined).limited).toBe(false);
    rl.reset();
    rl.setPreset('off');
    for (let i = 0; i < 50; i += 1) expect(rl.take('T', 'users.list', undefined).limited).toBe(false);
  });

  it('refuses nonsensical rules', () => {
    expect(() => limiter().rl.setRule('m', { max: 0, windowMs: 1000 })).toThrow(/positive/);
  });
});
