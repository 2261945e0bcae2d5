/**
 * The sandbox page's HTTP face: the page, its two static files, its regions as JSON, a stream of
 * change events (server-sent events), the actions, and `/healthz` and `/readyz` as Cadence answers
 * them. Bound to loopback by default: whoever reaches it can act as anyone in the workspace.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { z } from 'zod';
import { createHealthHandler, type ReadinessCheck } from '../../src/http/health';
import type { Logger } from '../../src/lib/logger';
import { type Actions, type Answer, PageError, schemas } from './actions';
import { FIRST_PERSON } from './people';
import { type MentionOption, shellHtml } from './render/shell';
import { type Regions } from './snapshot';

export interface PageServerDeps {
  actions: Actions;
  regionsFor(userId: string): Promise<Regions>;
  /** Whom the composer suggests after `@`. */
  mentionOptions(): MentionOption[];
  workspaceName: string;
  /** Subscribes to "something the page shows may have changed"; returns the unsubscribe. */
  onChange(listener: () => void): () => void;
  /** What `/readyz` checks (Cadence's database and Redis); `/healthz` answers while the page is up. */
  readiness: Record<string, ReadinessCheck>;
  logger: Logger;
}

const MAX_BODY_BYTES = 256 * 1024;
/** A file uploaded into a form travels base64-encoded: room for a transcript a little over Cadence's 512 KB limit, so that limit is what the person meets. */
const MAX_UPLOAD_BODY_BYTES = 1024 * 1024;
/** Changes come in bursts (a submission is several Web API calls): one event per burst. */
const CHANGE_COALESCE_MS = 40;
const HEARTBEAT_MS = 25_000;

const ASSETS: Record<string, { file: string; type: string }> = {
  '/assets/sandbox.css': { file: 'sandbox.css', type: 'text/css; charset=utf-8' },
  '/assets/sandbox.js': { file: 'sandbox.js', type: 'text/javascript; charset=utf-8' },
};

function loadAssets(): Map<string, { body: Buffer; type: string }> {
  const dir = join(__dirname, 'public');
  return new Map(Object.entries(ASSETS).map(([path, asset]) => [path, { body: readFileSync(join(dir, asset.file)), type: asset.type }]));
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readJson(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      reject(new PageError(415, 'Send JSON (content-type: application/json).'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new PageError(413, 'That request is too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as unknown);
      } catch {
        reject(new PageError(400, 'The request body is not valid JSON.'));
      }
    });
    req.on('error', reject);
  });
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
    throw new PageError(400, `That request is not one the sandbox understands (${detail}).`);
  }
  return parsed.data;
}

/** The driver's own errors (a gone element, a closed view) and the bot being unreachable, as the page should say them. */
function toPageError(error: unknown): PageError | undefined {
  if (error instanceof PageError) return error;
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'TimeoutError' || error.message === 'fetch failed') {
    return new PageError(502, 'Cadence did not answer. Is it still running? See the terminal for its log.');
  }
  if (/^(No element|No input block|Several elements|.* has no (open modal|open view|published Home tab)|No message|View .* is under another modal|.* takes a (single value|list)|.* has no option)/.test(error.message)) {
    return new PageError(409, `That is no longer on screen (${error.message.split('\n')[0]}). The page has been refreshed.`);
  }
  return undefined;
}

type Route = (body: unknown) => Promise<Answer>;

export function createPageHandler(deps: PageServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const assets = loadAssets();
  const health = createHealthHandler(deps.readiness);
  const { actions } = deps;
  const routes: Record<string, Route> = {
    '/api/command': (b) => actions.command(parse(schemas.command, b)),
    '/api/message': (b) => actions.message(parse(schemas.message, b)),
    '/api/action': (b) => actions.action(parse(schemas.action, b)),
    '/api/submit': (b) => actions.submit(parse(schemas.submit, b)),
    '/api/close': (b) => actions.close(parse(schemas.person, b)),
    '/api/upload': (b) => actions.upload(parse(schemas.upload, b)),
    '/api/home-opened': (b) => actions.homeOpened(parse(schemas.person, b)),
    '/api/clock/advance': (b) => actions.advance(parse(schemas.advance, b)),
    '/api/clock/next': (b) => {
      parse(schemas.empty, b);
      return actions.next();
    },
  };

  const userFrom = (url: URL): string => {
    const user = url.searchParams.get('as') ?? FIRST_PERSON.id;
    return parse(schemas.person, { as: user }).as;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (await health(req, res)) return;
    if (method === 'GET' && url.pathname === '/') {
      let regions: Regions;
      try {
        regions = await deps.regionsFor(userFrom(url));
      } catch {
        // An unknown or stale ?as= (someone removed from the workspace): start as the employee.
        regions = await deps.regionsFor(FIRST_PERSON.id);
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(shellHtml(regions, deps.workspaceName, deps.mentionOptions()));
      return;
    }
    const asset = assets.get(url.pathname);
    if (method === 'GET' && asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache' });
      res.end(asset.body);
      return;
    }
    if (method === 'GET' && url.pathname === '/api/regions') {
      const user = userFrom(url);
      try {
        sendJson(res, 200, await deps.regionsFor(user));
      } catch {
        throw new PageError(404, `There is no ${user} in this workspace.`);
      }
      return;
    }
    if (method === 'GET' && url.pathname === '/api/events') {
      streamChanges(req, res, deps.onChange);
      return;
    }
    const route = routes[url.pathname];
    if (route) {
      if (method !== 'POST') throw new PageError(405, 'Use POST.');
      sendJson(res, 200, await route(await readJson(req, url.pathname === '/api/upload' ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES)));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    throw new PageError(404, `Nothing at ${url.pathname}. The sandbox is at /.`);
  }

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      const known = toPageError(error);
      if (!known) deps.logger.error({ err: error, path: req.url }, 'sandbox page request failed');
      if (res.headersSent) return void res.end();
      const status = known?.status ?? 500;
      sendJson(res, status, { error: known?.message ?? 'Something went wrong in the sandbox; the terminal has the details.' });
    });
  };
}

/** Server-sent events: one `change` per burst of changes, and a comment now and then to keep proxies from closing it. */
function streamChanges(req: IncomingMessage, res: ServerResponse, onChange: PageServerDeps['onChange']): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write('retry: 1000\n\n');
  let pending: NodeJS.Timeout | undefined;
  const unsubscribe = onChange(() => {
    pending ??= setTimeout(() => {
      pending = undefined;
      res.write('event: change\ndata: {}\n\n');
    }, CHANGE_COALESCE_MS);
  });
  const heartbeat = setInterval(() => res.write(': still here\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(pending);
  });
}

export interface RunningPage {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listenPage(handler: (req: IncomingMessage, res: ServerResponse) => void, port: number, host: string): Promise<RunningPage> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`port ${port} on ${host} is taken (is Cadence already running?); set PORT to use another`)
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const shownHost = host === '127.0.0.1' || host === '::1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${bound}`,
    port: bound,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Event streams never end by themselves.
        server.closeAllConnections();
      }),
  };
}
