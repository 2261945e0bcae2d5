/**
 * Errors that domain code and ports throw to tell the job runner how to treat a failure,
 * without importing BullMQ: the worker maps them onto BullMQ's own error types.
 */

/** Retrying cannot help (a deactivated user, a channel that does not exist). */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
}

/** The remote side asked us to wait; retrying after `retryAfterMs` should not burn an attempt. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(
    readonly retryAfterMs: number,
    message = `rate limited, retry after ${retryAfterMs} ms`,
  ) {
    super(message);
  }
}

/** The remote side refused the request, so nothing happened there: trying again is safe. */
export class NotDeliveredError extends Error {
  override readonly name = 'NotDeliveredError';
}

/**
 * Slack's answer was lost (a timeout, a 5xx, a dropped connection): the message may or may not have
 * been posted. Retrying is safe only after Slack's DM history says it was not.
 */
export class OutcomeUnknownError extends Error {
  override readonly name = 'OutcomeUnknownError';
}

/**
 * Not a failure: the work is not due at this moment (too early, or outside the recipient's working
 * hours). The job runs again after `delayMs`, without using up an attempt.
 */
export class RunLaterError extends Error {
  override readonly name = 'RunLaterError';
  constructor(readonly delayMs: number) {
    super(`not due yet; run again in ${delayMs} ms`);
  }
}
