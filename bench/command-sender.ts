/**
 * Sends signed slash commands and times each to its HTTP response (the ack), from a process of
 * its own: the emulator answering the bot's views.open calls must not delay reading the acks.
 */
import { DEFAULT_SIGNING_SECRET } from '../sandbox/emulator/defaults';
import { signedHeaders } from '../sandbox/driver/signing';

export interface SendRequest {
  id: number;
  botUrl: string;
  bodies: string[];
}

export type SendReply = { id: number; ok: true; latenciesMs: number[] } | { id: number; ok: false; error: string };

async function send(botUrl: string, body: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(botUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...signedHeaders(DEFAULT_SIGNING_SECRET, Math.floor(Date.now() / 1000), body) },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`the command was answered ${response.status}`);
  return performance.now() - start;
}

process.on('message', (request: SendRequest) => {
  Promise.all(request.bodies.map((body) => send(request.botUrl, body))).then(
    (latenciesMs) => process.send?.({ id: request.id, ok: true, latenciesMs } satisfies SendReply),
    (error: unknown) => process.send?.({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies SendReply),
  );
});
