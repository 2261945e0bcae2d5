/**
 * A proxy in front of the Slack emulator that misbehaves as Slack and the network do: latency,
 * 429s, 503s (nothing posted), 500s after Slack posted, 502s before it did, and answers held past
 * the client's timeout after Slack posted. Only chat.postMessage is disturbed; the rest passes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ProxyFaults {
  /** Added before every call is forwarded, so a fan-out takes long enough to be hit mid-way. */
  latencyMs: number;
  /** Share of chat.postMessage calls answered 429 (Retry-After: 1) without reaching Slack. */
  rateLimited?: number;
  /** Share answered 503 without reaching Slack: certainly not posted. */
  unavailable?: number;
  /** Share forwarded (so posted) and then answered 500: outcome unknown, Slack has it. */
  errorAfterPost?: number;
  /** Share answered 502 without reaching Slack: outcome unknown, Slack does not have it. */
  errorBeforePost?: number;
  /** Share forwarded (so posted) whose answer is held `holdMs`, past the client's timeout. */
  held?: number;
  holdMs?: number;
  /** The faults last this long from the first chat.postMessage after they are set; unset: until changed. */
  forMs?: number;
}

export interface ProxyCounts {
  rateLimited: number;
  unavailable: number;
  errorAfterPost: number;
  errorBeforePost: number;
  held: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class SlackProxy {
  private faults: ProxyFaults = { latencyMs: 0 };
  /** When the current faults stop, once the first chat.postMessage has opened their window. */
  private faultsEndAt: number | undefined;
  counts: ProxyCounts = { rateLimited: 0, unavailable: 0, errorAfterPost: 0, errorBeforePost: 0, held: 0 };

  private constructor(
    private readonly server: Server,
    readonly apiUrl: string,
    private readonly target: string,
  ) {}

  static async start(target: string): Promise<SlackProxy> {
    const made: { proxy?: SlackProxy } = {};
    const server = createServer((req, res) => {
      made.proxy?.handle(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(502).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const path = new URL(target).pathname;
    made.proxy = new SlackProxy(server, `http://127.0.0.1:${port}${path}`, new URL(target).origin);
    return made.proxy;
  }

  set(faults: ProxyFaults): void {
    this.faults = faults;
    this.faultsEndAt = undefined;
  }

  resetCounts(): void {
    this.counts = { rateLimited: 0, unavailable: 0, errorAfterPost: 0, errorBeforePost: 0, held: 0 };
  }

  /** Picks at most one fault for a call, by the configured shares. */
  private pick(): keyof ProxyCounts | undefined {
    const f = this.faults;
    let roll = Math.random();
    for (const kind of ['rateLimited', 'unavailable', 'errorAfterPost', 'errorBeforePost', 'held'] as const) {
      const share = f[kind] ?? 0;
      if (roll < share) return kind;
      roll -= share;
    }
    return undefined;
  }

  private inWindow(): boolean {
    if (this.faults.forMs === undefined) return true;
    this.faultsEndAt ??= performance.now() + this.faults.forMs;
    return performance.now() < this.faultsEndAt;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs);
    const fault = (req.url ?? '').endsWith('/chat.postMessage') && this.inWindow() ? this.pick() : undefined;
    if (fault) this.counts[fault] += 1;
    if (fault === 'rateLimited') return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"ok":false,"error":"ratelimited"}');
    if (fault === 'unavailable') return void res.writeHead(503).end('Service Unavailable');
    if (fault === 'errorBeforePost') return void res.writeHead(502).end('Bad Gateway');
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'authorization']) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const answer = await fetch(`${this.target}${req.url ?? ''}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body });
    const text = await answer.text();
    if (fault === 'errorAfterPost') return void res.writeHead(500).end('Internal Server Error');
    if (fault === 'held') await sleep(this.faults.holdMs ?? 7000);
    const out: Record<string, string> = { 'content-type': answer.headers.get('content-type') ?? 'application/json' };
    const retryAfter = answer.headers.get('retry-after');
    if (retryAfter) out['retry-after'] = retryAfter;
    // The client may have given up on a held answer and closed the socket.
    if (!res.destroyed) res.writeHead(answer.status, out).end(text);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
