import { WebClient } from '@slack/web-api';
import type { Logger } from '../lib/logger';
import { toSlackLogger } from '../lib/logger';

/**
 * The client jobs send with. It never retries by itself: 429s come back as errors so the queue
 * can pause for Retry-After, and every other retry goes through the delivery ledger.
 */
export function createJobWebClient(token: string, apiUrl: string, logger: Logger): WebClient {
  return new WebClient(token, {
    slackApiUrl: apiUrl,
    logger: toSlackLogger(logger, 'slack-web-api'),
    retryConfig: { retries: 0 },
    // A hung socket would otherwise hold a job (and shutdown) forever. Short, because a lost answer
    // is recovered from the DM history; well inside the delivery lease (delivery.repository.ts).
    timeout: 5_000,
    rejectRateLimitedCalls: true,
  });
}
