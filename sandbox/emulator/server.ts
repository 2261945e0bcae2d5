/**
 * The emulator's HTTP face, on loopback: `/api/<method>` (the Web API, what the bot's
 * `slackApiUrl` points at), `/response/<id>` (response URLs) and `/files-pri/…` (uploaded files). Routing only; the answers come
 * from the handlers passed in.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteHandlers {
  api(method: string, req: { rawBody: string; contentType: string | undefined; authorization: string | undefined; query: URLSearchParams }): HttpReply;
  responseUrl(id: string, rawBody: string): HttpReply;
  /** A file's bytes at its url_private (`/files-pri/…`). */
  file(path: string, authorization: string | undefined): { status: number; body: Buffer; headers: Record<string, string> };
}

/** Generous for JSON views (250 kB is Slack's view limit) while refusing runaway bodies. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: HttpReply): void {
  const body = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(body);
}

async function route(handlers: RouteHandlers, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const rawBody = await readBody(req);
  const api = /^\/api\/([A-Za-z0-9_.]+)\/?$/.exec(url.pathname);
  if (api?.[1] !== undefined && (req.method === 'POST' || req.method === 'GET')) {
    const reply = handlers.api(api[1], {
      rawBody,
      contentType: req.headers['content-type'],
      authorization: req.headers.authorization,
      query: url.searchParams,
    });
    send(res, reply);
    return;
  }
  if (url.pathname.startsWith('/files-pri/') && req.method === 'GET') {
    const reply = handlers.file(url.pathname, req.headers.authorization);
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
    return;
  }
  const response = /^\/response\/(.+)$/.exec(url.pathname);
  if (response?.[1] !== undefined && req.method === 'POST') {
    send(res, handlers.responseUrl(decodeURIComponent(response[1]), rawBody));
    return;
  }
  send(res, { status: 404, body: { ok: false, error: 'not_found' } });
}

export interface RunningServer {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

export async function listen(handlers: RouteHandlers, port: number, host: string): Promise<RunningServer> {
  const server = createServer((req, res) => {
    route(handlers, req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, { status: 500, body: { ok: false, error: 'internal_error', detail: message } });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const close = (): Promise<void> =>
    new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive sockets (the SDK's fetch keeps them) would otherwise hold close() open.
      server.closeAllConnections();
    });
  return { server, url: `http://${host}:${address.port}`, close };
}
