import { ErrorCode, type WebAPICallError } from '@slack/web-api';
import { NotDeliveredError, PermanentError, RateLimitedError } from '../lib/errors';

/** Slack errors that no retry can fix: the person, channel or payload is wrong. */
const PERMANENT = new Set([
  'channel_not_found',
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'user_disabled',
  'is_archived',
  'messages_tab_disabled',
  'cannot_dm_bot',
  'not_in_channel',
  'invalid_blocks',
  'invalid_arguments',
  'no_text',
  'msg_too_long',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
]);

/** Network failures where the request never left, so nothing can have been posted. */
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function isWebApiError(error: unknown): error is WebAPICallError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * fetch wraps the socket's error (with its errno code) as the `cause` of a TypeError.
 * Duck-typed: errors from Node internals may come from another realm than our `Error`.
 */
function networkErrorCode(error: unknown): string {
  let current = error as { code?: unknown; cause?: unknown } | null | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    if (typeof current.code === 'string') return current.code;
    current = current.cause as typeof current;
  }
  return '';
}

/**
 * Turns a Web API failure into the errors the job runner understands: permanent, rate limited,
 * safe to retry, or (anything else) unknown whether it reached Slack.
 */
export function classifySlackError(error: unknown): Error {
  if (!isWebApiError(error)) return error instanceof Error ? error : new Error(String(error));
  switch (error.code) {
    case ErrorCode.RateLimitedError:
      return new RateLimitedError(error.retryAfter * 1000);
    case ErrorCode.PlatformError: {
      const slackError = String(error.data.error);
      return PERMANENT.has(slackError)
        ? new PermanentError(`Slack refused: ${slackError}`)
        : new NotDeliveredError(`Slack refused: ${slackError}`);
    }
    case ErrorCode.HTTPError:
      // 503 means Slack did not take the request; after a 500/502/504 the message may have been posted.
      return error.statusCode === 503 ? new NotDeliveredError('Slack answered HTTP 503') : error;
    case ErrorCode.RequestError: {
      const code = networkErrorCode(error.original);
      return NEVER_SENT.has(code) ? new NotDeliveredError(`cannot reach Slack: ${code}`) : error;
    }
    default:
      return error;
  }
}
