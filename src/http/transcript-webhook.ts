import type { IncomingMessage, ServerResponse } from 'node:http';
import { firefliesWebhookBody, verifyFirefliesSignature } from '../integrations/fireflies';
import type { Logger } from '../lib/logger';
import type { InboundTranscriptService } from '../services/inbound-transcript.service';

/** Far above a webhook's few fields; anything bigger is not one. */
const MAX_BODY_BYTES = 16 * 1024;
const PATH = /^\/integrations\/fireflies\/([^/]+)$/;

function send(res: ServerResponse, status: number, error?: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(error ? { ok: false, error } : { ok: true }));
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * POST /integrations/fireflies/<connection id>: Fireflies says a meeting was transcribed. The body is
 * signed with the connection's webhook secret; once the signature checks out, the meeting is fetched
 * in the worker with the connection's API key. Returns false for any other path.
 */
export function createTranscriptWebhookHandler(deps: { inboundTranscripts: InboundTranscriptService; logger: Logger }) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const match = PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!match || req.method !== 'POST') return false;
    const connectionId = decodeURIComponent(match[1]!);
    const body = await readBody(req);
    if (!body) return void send(res, 413, 'body too large'), true;
    const secret = await deps.inboundTranscripts.webhookSecret(connectionId);
    if (!secret) return void send(res, 404, 'no such connection'), true;
    const signature = req.headers['x-hub-signature'];
    if (!verifyFirefliesSignature(secret, body, typeof signature === 'string' ? signature : undefined)) {
      deps.logger.warn({ connectionId }, 'transcript webhook with a bad signature dropped');
      return void send(res, 401, 'bad signature'), true;
    }
    let parsed: ReturnType<typeof firefliesWebhookBody.safeParse>;
    try {
      parsed = firefliesWebhookBody.safeParse(JSON.parse(body.toString('utf8')));
    } catch {
      return void send(res, 400, 'body is not JSON'), true;
    }
    if (!parsed.success) return void send(res, 400, 'not a meeting.transcribed event'), true;
    await deps.inboundTranscripts.announce(connectionId, parsed.data.meetingId);
    send(res, 202);
    return true;
  };
}
