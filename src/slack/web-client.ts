import { ErrorCode, WebClient, type WebAPICallResult } from '@slack/web-api';
import { RateLimitedError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { Metrics } from '../lib/metrics';
import { toSlackLogger } from '../lib/logger';
import { type RateLimiter, rateRuleFor, type SlackPacing } from './pacing';

/**
 * The longest a call waits in its job for a paced slot. Farther off (a 429's Retry-After, a backlog
 * across many workers), the job gives its slot in the worker back and runs again when the slot is near.
 */
const MAX_PACING_WAIT_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function retryAfterMs(error: unknown): number | undefined {
  const e = error as { code?: unknown; retryAfter?: unknown };
  return e.code === ErrorCode.RateLimitedError && typeof e.retryAfter === 'number' ? e.retryAfter * 1000 : undefined;
}

/** How the jobs' calls are paced, and where their outcomes are counted. */
export interface Pacer {
  limiter: RateLimiter;
  pacing: SlackPacing;
  metrics?: Metrics;
}

/**
 * Every call waits for its slot under (workspace, method) first, shared through Redis with every
 * other worker; a 429 still comes back (as an error: rejectRateLimitedCalls) and pauses that
 * workspace's method everywhere for Retry-After, leaving other methods and workspaces alone.
 */
class PacedWebClient extends WebClient {
  /** Not `team`: that name is the client's team.* methods. */
  private teamOfToken: Promise<string> | undefined;

  constructor(
    token: string,
    options: ConstructorParameters<typeof WebClient>[1],
    private readonly pacer: Pacer,
    teamId?: string,
  ) {
    super(token, options);
    if (teamId !== undefined) this.teamOfToken = Promise.resolve(teamId);
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const rule = rateRuleFor(method, this.pacer.pacing);
    if (!rule) return super.apiCall(method, options);
    const workspace = await this.workspace();
    const key = `${workspace}:${method}`;
    // While Slack's Retry-After holds, the job goes back to the queue at once instead of sleeping in
    // a worker slot: a throttled workspace must not take the slots other workspaces' jobs need.
    await this.throwWhilePaused(key, method);
    const slot = await this.pacer.limiter.reserve(key, rule, MAX_PACING_WAIT_MS);
    // Not a failure of the call: nothing was sent, and the job waits its turn without using an attempt.
    if (!slot.reserved) throw new RateLimitedError(slot.waitMs, `${method} paced: next slot in ${slot.waitMs} ms`);
    if (slot.waitMs > 0) {
      await sleep(slot.waitMs);
      // Slack answered 429 while this call waited: every slot taken before is void until Retry-After ends.
      await this.throwWhilePaused(key, method);
    }
    const calls = this.pacer.metrics?.slackCalls;
    try {
      const result = await super.apiCall(method, options);
      calls?.inc({ workspace, method, outcome: 'ok' });
      return result;
    } catch (error) {
      const pauseMs = retryAfterMs(error);
      calls?.inc({ workspace, method, outcome: pauseMs === undefined ? 'error' : 'rate_limited' });
      if (pauseMs !== undefined) await this.pacer.limiter.pause(key, rule, pauseMs);
      throw error;
    }
  }

  private async throwWhilePaused(key: string, method: string): Promise<void> {
    const pausedMs = await this.pacer.limiter.pausedFor(key);
    if (pausedMs > 0) throw new RateLimitedError(pausedMs, `${method} paused by Slack's Retry-After for ${pausedMs} ms more`);
  }

  /** The bot token's workspace, which the limits are counted under; asked once unless known. */
  private workspace(): Promise<string> {
    this.teamOfToken ??= super.apiCall('auth.test').then(
      (auth) => {
        const team = (auth as { team_id?: unknown }).team_id;
        if (typeof team !== 'string' || team === '') throw new Error('auth.test named no team');
        return team;
      },
      (error: unknown) => {
        this.teamOfToken = undefined;
        throw error;
      },
    );
    return this.teamOfToken;
  }
}

/**
 * The client jobs send with. It never retries by itself: 429s come back as errors so the job can
 * wait for Retry-After, and every other retry goes through the delivery ledger. With `pacer`
 * (always, in Cadence) every call is paced as described on PacedWebClient, under `teamId` when the
 * token's workspace is known already (an installation), else under auth.test's answer.
 */
export function createJobWebClient(token: string, apiUrl: string, logger: Logger, pacer?: Pacer, teamId?: string): WebClient {
  const options = {
    slackApiUrl: apiUrl,
    logger: toSlackLogger(logger, 'slack-web-api'),
    retryConfig: { retries: 0 },
    // A hung socket would otherwise hold a job (and shutdown) forever. Short, because a lost answer
    // is recovered from the DM history; well inside the delivery lease (delivery.repository.ts).
    timeout: 5_000,
    rejectRateLimitedCalls: true,
  };
  return pacer ? new PacedWebClient(token, options, pacer, teamId) : new WebClient(token, options);
}
