/**
 * Slack's request signing: `v0=` + hex HMAC-SHA256(signing secret, `v0:<ts>:<raw body>`), sent with
 * X-Slack-Request-Timestamp. Signed over the exact bytes sent, so the body must not be re-serialised
 * after signing.
 */
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return `v0=${digest}`;
}

export function signedHeaders(signingSecret: string, timestampSeconds: number, rawBody: string): Record<string, string> {
  return {
    'X-Slack-Request-Timestamp': String(timestampSeconds),
    'X-Slack-Signature': slackSignature(signingSecret, timestampSeconds, rawBody),
  };
}
