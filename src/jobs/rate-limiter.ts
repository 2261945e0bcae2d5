import type { Redis } from 'ioredis';
import type { RateLimiter, RateRule } from '../slack/pacing';

/**
 * GCRA (the generic cell rate algorithm, a token bucket kept as one timestamp): the key holds the
 * theoretical arrival time (TAT) of the next call, in ms of Redis's own clock, so every process
 * agrees whatever its clock says. A call may go at TAT - (burst - 1) * interval; reserving moves
 * TAT on by one interval. Slots are handed out ahead of time, so waiting callers lose none of the
 * rate to timer or network latency, and they go out evenly spaced rather than in bursts.
 *
 * KEYS[1] the TAT; ARGV: interval ms, burst, max wait ms (reserve) or pause ms (pause), mode.
 * Returns { reserved (1|0), wait ms }.
 */
const GCRA = `
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) * 1000 + tonumber(now_parts[2]) / 1000
local interval = tonumber(ARGV[1])
local tolerance = (tonumber(ARGV[2]) - 1) * interval
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local function store(value)
  redis.call('SET', KEYS[1], string.format('%.3f', value), 'PX', math.max(1, math.ceil(value - now)))
end
if ARGV[4] == 'pause' then
  local paused = now + tonumber(ARGV[3]) + tolerance
  if paused > tat then store(paused) end
  return { 0, 0 }
end
local wait = math.max(0, tat - tolerance - now)
if wait > tonumber(ARGV[3]) then return { 0, math.ceil(wait) } end
store(tat + interval)
return { 1, math.ceil(wait) }
`;

interface GcraCommand {
  slackPace(key: string, intervalMs: number, burst: number, ms: number, mode: 'reserve' | 'pause'): Promise<[number, number]>;
}

/** The pacing limiter on Redis, under the queue prefix so each installation (and test) has its own keys. */
export function createRedisRateLimiter(redis: Redis, prefix: string): RateLimiter {
  // defineCommand is idempotent per connection; EVALSHA with a fallback to EVAL.
  if (!('slackPace' in redis)) redis.defineCommand('slackPace', { numberOfKeys: 1, lua: GCRA });
  const client = redis as Redis & GcraCommand;
  const keyOf = (key: string) => [prefix, 'slack-pace', key].join(':');
  // The pause as a key that expires with it: its remaining TTL is how long it holds, on Redis's clock.
  const pauseKeyOf = (key: string) => [prefix, 'slack-paused', key].join(':');
  const interval = (rule: RateRule) => 60_000 / rule.perMinute;
  const burst = (rule: RateRule) => Math.max(1, Math.floor(rule.burst));
  return {
    async reserve(key, rule, maxWaitMs) {
      const [reserved, waitMs] = await client.slackPace(keyOf(key), interval(rule), burst(rule), maxWaitMs, 'reserve');
      return { reserved: reserved === 1, waitMs };
    },
    async pause(key, rule, ms) {
      await client.slackPace(keyOf(key), interval(rule), burst(rule), ms, 'pause');
      await client.set(pauseKeyOf(key), '1', 'PX', Math.max(1, Math.ceil(ms)));
    },
    async pausedFor(key) {
      return Math.max(0, await client.pttl(pauseKeyOf(key)));
    },
  };
}

/**
 * The same algorithm in this process's memory, for the PostgreSQL queue backend (no Redis to share
 * it through): the rate then holds per process, so a deployment on PostgreSQL alone runs one
 * worker process, or divides SLACK_POST_MESSAGE_PER_MINUTE between them.
 */
export function createLocalRateLimiter(now: () => number = Date.now): RateLimiter {
  const tats = new Map<string, number>();
  const interval = (rule: RateRule) => 60_000 / rule.perMinute;
  const tolerance = (rule: RateRule) => (Math.max(1, Math.floor(rule.burst)) - 1) * interval(rule);
  const current = (key: string, at: number) => Math.max(tats.get(key) ?? 0, at);
  const pausedUntil = new Map<string, number>();
  return {
    reserve(key, rule, maxWaitMs) {
      const at = now();
      const tat = current(key, at);
      const waitMs = Math.max(0, tat - tolerance(rule) - at);
      if (waitMs > maxWaitMs) return Promise.resolve({ reserved: false, waitMs: Math.ceil(waitMs) });
      tats.set(key, tat + interval(rule));
      return Promise.resolve({ reserved: true, waitMs: Math.ceil(waitMs) });
    },
    pause(key, rule, ms) {
      const at = now();
      const paused = at + ms + tolerance(rule);
      if (paused > current(key, at)) tats.set(key, paused);
      pausedUntil.set(key, at + ms);
      return Promise.resolve();
    },
    pausedFor(key) {
      return Promise.resolve(Math.max(0, Math.ceil((pausedUntil.get(key) ?? 0) - now())));
    },
  };
}
