import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { callTool } from './http';
import type { PushEnvelope, PushTarget } from './types';

export interface WebhookSettings {
  url: string;
}

/**
 * The signature a receiver recomputes (README, "Webhooks"): HMAC-SHA256 with the shared secret over
 * `<timestamp>.<raw body>`, hex, sent as `Cadence-Signature: v1=<hex>` beside `Cadence-Timestamp`.
 */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

const eventType = (envelope: PushEnvelope) =>
  envelope.document.kind === 'next_steps' ? 'next_steps.created' : envelope.sequence === 1 ? 'goal.created' : 'goal.updated';

/**
 * Signed JSON events to any URL. Each event has an id (`<key>-<sequence>`) that a receiver dedupes
 * on, so a create whose answer was lost is simply sent again; `sequence` grows by one per event of
 * the same item, so the receiver can apply them in order.
 */
export function webhookTarget(opts: { secret: string; settings: WebhookSettings; timeoutMs: number; now: () => Date }): PushTarget {
  const send = async (type: string, id: string, sequence: number, data: unknown) => {
    const timestamp = Math.floor(opts.now().getTime() / 1000);
    const body = JSON.stringify({ id, type, sequence, created_at: opts.now().toISOString(), data });
    await callTool({
      tool: 'the webhook',
      url: opts.settings.url,
      method: 'POST',
      headers: { 'cadence-event-id': id, 'cadence-timestamp': String(timestamp), 'cadence-signature': webhookSignature(opts.secret, timestamp, body) },
      body,
      schema: z.unknown(),
      timeoutMs: opts.timeoutMs,
      errorMessage: () => undefined,
      write: type !== 'ping',
    });
  };
  const post = (envelope: PushEnvelope) => send(eventType(envelope), `${envelope.key}-${envelope.sequence}`, envelope.sequence, { key: envelope.key, ...envelope.document });

  return {
    async check() {
      await send('ping', `ping-${opts.now().getTime()}`, 0, {});
      return { target: new URL(opts.settings.url).host };
    },
    async create(envelope) {
      await post(envelope);
      return { id: envelope.key, url: null };
    },
    async update(_externalId, envelope) {
      await post(envelope);
    },
    find: async () => 'unsupported',
  };
}
