import type { IncomingMessage, ServerResponse } from 'node:http';

export type ReadinessCheck = () => Promise<void>;

/** A dependency that does not answer within this counts as unavailable: probes must not hang. */
const CHECK_TIMEOUT_MS = 2000;

/** Whether a dependency answers within the probes' timeout. */
export const answers = (check: ReadinessCheck): Promise<boolean> => withTimeout(check(), CHECK_TIMEOUT_MS).then(() => true, () => false);

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * GET /healthz answers while the process is up; GET /readyz only when every dependency
 * answers, naming the ones that do not (a load balancer takes the replica out meanwhile).
 * Returns false for any other path so the caller can pass the request on.
 */
export function createHealthHandler(checks: Record<string, ReadinessCheck>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' || (path !== '/healthz' && path !== '/readyz')) return false;
    if (path === '/healthz') {
      send(res, 200, { status: 'ok' });
      return true;
    }
    const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, (await answers(check)) ? 'ok' : 'unavailable'] as const));
    const ready = results.every(([, state]) => state === 'ok');
    send(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
    return true;
  };
}
