/**
 * Per-method, per-workspace rate limits, as token buckets: a rule `{max, windowMs}` lets `max` calls
 * through per `windowMs` on average, with bursts of up to `burst` (default `max`). Slack describes its
 * tiers as "N+ per minute" with bursts tolerated, which a bucket models better than a fixed window.
 * Time comes from the injected clock, so a test can exhaust a bucket and advance time instead of
 * sleeping.
 */

export interface RateLimitRule {
  max: number;
  windowMs: number;
  /** Bucket size; defaults to `max`. */
  burst?: number;
  /** Count separately per channel (chat.postMessage's "1 per second per channel"). */
  perChannel?: boolean;
}

export type RateLimitPreset = 'slack' | 'off';

const MINUTE = 60_000;
const tier2: RateLimitRule = { max: 20, windowMs: MINUTE };
const tier3: RateLimitRule = { max: 50, windowMs: MINUTE };
const tier4: RateLimitRule = { max: 100, windowMs: MINUTE };

/** Slack's published tiers for the methods the emulator serves (see PLATFORM.md). */
export const SLACK_RATE_LIMITS: Readonly<Record<string, readonly RateLimitRule[]>> = {
  'users.info': [tier4],
  'users.list': [tier2],
  'users.lookupByEmail': [tier3],
  'conversations.open': [tier3],
  'conversations.history': [tier3],
  'chat.postMessage': [
    // About one message per second per channel, tolerating a short burst...
    { max: 1, windowMs: 1000, burst: 4, perChannel: true },
    // ...and a workspace-wide cap of several hundred per minute.
    { max: 300, windowMs: MINUTE },
  ],
  'chat.postEphemeral': [tier4],
  'chat.update': [tier3],
  'chat.delete': [tier3],
  'views.open': [tier4],
  'views.push': [tier4],
  'views.update': [tier4],
  'views.publish': [tier4],
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type RateDecision = { limited: false } | { limited: true; retryAfterSeconds: number };

export class RateLimiter {
  private readonly overrides = new Map<string, readonly RateLimitRule[]>();
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number,
    private preset: RateLimitPreset,
  ) {}

  setPreset(preset: RateLimitPreset): void {
    this.preset = preset;
    this.buckets.clear();
  }

  /** Replace the rules for one method; `null` means no limit at all for it. */
  setRule(method: string, rule: RateLimitRule | readonly RateLimitRule[] | null): void {
    const rules = rule === null ? [] : Array.isArray(rule) ? rule : [rule as RateLimitRule];
    for (const r of rules) {
      if (!(r.max > 0) || !(r.windowMs > 0)) throw new Error(`setRateLimit(${method}): max and windowMs must be positive`);
    }
    this.overrides.set(method, rules);
    for (const key of [...this.buckets.keys()]) if (key.split('|')[1] === method) this.buckets.delete(key);
  }

  /** Drop explicit rules and spent buckets (keeps the preset). */
  reset(): void {
    this.overrides.clear();
    this.buckets.clear();
  }

  rulesFor(method: string): readonly RateLimitRule[] {
    return this.overrides.get(method) ?? (this.preset === 'slack' ? (SLACK_RATE_LIMITS[method] ?? []) : []);
  }

  /** Counts the call if every rule has room; otherwise says how long to wait (nothing is spent). */
  take(teamId: string, method: string, channel: string | undefined): RateDecision {
    const rules = this.rulesFor(method);
    const now = this.now();
    const states = rules.map((rule, index) => {
      const key = `${teamId}|${method}|${index}|${rule.perChannel ? (channel ?? '') : ''}`;
      return { rule, key, bucket: this.refilled(key, rule, now) };
    });
    const waits = states
      .filter((s) => s.bucket.tokens < 1)
      .map((s) => ((1 - s.bucket.tokens) * s.rule.windowMs) / s.rule.max);
    if (waits.length > 0) {
      // Retry-After is whole seconds and never 0: the SDK treats it as "wait this long".
      return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
    }
    for (const s of states) {
      s.bucket.tokens -= 1;
      this.buckets.set(s.key, s.bucket);
    }
    return { limited: false };
  }

  private refilled(key: string, rule: RateLimitRule, now: number): Bucket {
    const capacity = rule.burst ?? rule.max;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt);
    return { tokens: Math.min(capacity, bucket.tokens + (elapsed * rule.max) / rule.windowMs), updatedAt: now };
  }
}
