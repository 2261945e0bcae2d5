/**
 * How fast Cadence's jobs call Slack's Web API, per workspace and per method (Slack counts limits
 * per method, per workspace, per app: PLATFORM.md "Rate limits"). Calls are paced below the limits
 * instead of sent until Slack answers 429: apps that keep exceeding them risk being disabled.
 */

/** A sustained rate with a short burst on top (Slack's "N+ per minute, short bursts tolerated"). */
export interface RateRule {
  perMinute: number;
  /** Calls that may go at once after a quiet spell; at least 1. */
  burst: number;
}

export interface SlackPacing {
  /**
   * chat.postMessage for the whole workspace. Slack publishes no number, only "several hundred
   * messages per minute"; its per-channel limit (1/s) never binds, as every DM is its own channel.
   */
  postMessage: RateRule;
  /**
   * conversations.history, read only to settle a send whose answer was lost. Tier 3 for internal
   * apps; a commercially distributed app not approved for the Slack Marketplace gets 1 a minute.
   */
  history: RateRule;
  /** Slack's published minimum per tier; every other method the jobs call belongs to one. */
  tiers: Record<SlackTier, RateRule>;
}

export type SlackTier = 2 | 3 | 4;

/**
 * 300/min keeps 10,000 nudges to about half an hour while staying in the lower half of "several
 * hundred" (one integration reports 525/min in production): a workspace that measured more
 * raises SLACK_POST_MESSAGE_PER_MINUTE. Messages go out evenly spaced, with a burst of half a
 * second's worth: enough to make up for a caller that came late (a slow database, a busy event
 * loop) without losing its slot, small enough to leave most of whatever burst Slack tolerates as
 * headroom for network jitter.
 */
export const DEFAULT_POST_MESSAGES_PER_MINUTE = 300;

/** A minute's worth of burst for the tiers, as Slack tolerates: a directory sync's first pages go at once. */
const tier = (perMinute: number): RateRule => ({ perMinute, burst: perMinute });

/** conversations.history at Tier 3, Slack's limit for internal (self-hosted) apps. */
export const DEFAULT_HISTORY_PER_MINUTE = 50;

export function slackPacing(postMessagesPerMinute = DEFAULT_POST_MESSAGES_PER_MINUTE, historyPerMinute = DEFAULT_HISTORY_PER_MINUTE): SlackPacing {
  return {
    postMessage: { perMinute: postMessagesPerMinute, burst: Math.max(1, Math.floor(postMessagesPerMinute / 120)) },
    history: tier(historyPerMinute),
    tiers: { 2: tier(20), 3: tier(50), 4: tier(100) },
  };
}

/** The methods Cadence's jobs call and their tiers (PLATFORM.md; FIELD-NOTES.md "Other tiers"). */
const METHOD_TIERS: Readonly<Record<string, SlackTier>> = {
  'users.list': 2,
  'auth.teams.list': 2,
  'users.info': 4,
  'users.lookupByEmail': 3,
  'conversations.open': 3,
  'chat.update': 3,
  'chat.delete': 3,
  'chat.postEphemeral': 4,
  'views.publish': 4,
  'views.open': 4,
  'views.push': 4,
  'views.update': 4,
};

/**
 * The rule a method is paced by; undefined for auth.test, which Slack lets through at hundreds per
 * minute and which identifies the workspace the other keys are counted under. A method not listed
 * is paced as Tier 3, close to Slack's advice to design for about one call a second per method.
 */
export function rateRuleFor(method: string, pacing: SlackPacing): RateRule | undefined {
  if (method === 'auth.test') return undefined;
  if (method === 'chat.postMessage') return pacing.postMessage;
  if (method === 'conversations.history') return pacing.history;
  return pacing.tiers[METHOD_TIERS[method] ?? 3];
}

/**
 * Slots shared by every process that paces the same key (a workspace and a method), wherever it
 * runs: adding workers never raises the rate.
 */
export interface RateLimiter {
  /**
   * Takes the next slot for `key` and says how long to wait before using it, unless that is more
   * than `maxWaitMs` away: then nothing is taken and `waitMs` says when to ask again.
   */
  reserve(key: string, rule: RateRule, maxWaitMs: number): Promise<{ reserved: boolean; waitMs: number }>;
  /** Nothing more under `key` for `ms` (a 429's Retry-After), in every process. */
  pause(key: string, rule: RateRule, ms: number): Promise<void>;
  /**
   * How long the last pause under `key` still holds (0: none). A slot taken before Slack answered
   * 429 is not one to use while the pause lasts.
   */
  pausedFor(key: string): Promise<number>;
}
