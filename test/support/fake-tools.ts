import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One local server speaking the documented shapes of the tools Cadence talks to, each under its
 * own prefix: Notion (/notion/v1), Asana (/asana/api/1.0), monday.com (/monday/v2, GraphQL),
 * Fireflies (/fireflies/graphql), Granola (/granola/v1) and a webhook receiver (/hook). Auth headers
 * are checked, lists are paginated two at a time, errors come in each tool's own body, and faults
 * (a 429 with Retry-After, a 5xx, a 5xx after the write was applied) can be queued per tool.
 */
export type Tool = 'notion' | 'asana' | 'monday' | 'fireflies' | 'granola' | 'hook';

export interface Fault {
  status: number;
  headers?: Record<string, string>;
  /** Do the work, then answer with the fault: the caller cannot know it happened. */
  afterApplying?: boolean;
  /** Only for a request with this method (the first write, past the reads before it). */
  method?: string;
}

export interface RecordedRequest {
  tool: Tool;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Json = Record<string, unknown>;

const PAGE = 2;

export class FakeTools {
  private server: Server | undefined;
  url = '';
  readonly requests: RecordedRequest[] = [];
  readonly tokens: Record<Tool, Set<string>> = {
    notion: new Set(['secret_notion']),
    asana: new Set(['asana-pat']),
    monday: new Set(['monday-token']),
    fireflies: new Set(['ff-key']),
    granola: new Set(['granola-key']),
    hook: new Set(),
  };
  private faults: Record<Tool, Fault[]> = { notion: [], asana: [], monday: [], fireflies: [], granola: [], hook: [] };

  readonly notion = {
    databases: new Map<string, { title: string; properties: Record<string, { type: string }> }>(),
    pages: new Map<string, { databaseId: string; properties: Json; children: unknown[] }>(),
  };
  readonly asana = {
    projects: new Map<string, string>(),
    tasks: new Map<string, { name: string; notes: string; projects: string[]; completed: boolean; due_on: string | null }>(),
  };
  readonly monday = {
    boards: new Map<string, { name: string; columns: Array<{ id: string; title: string; type: string }> }>(),
    items: new Map<string, { boardId: string; name: string; values: Json }>(),
  };
  readonly hook = { deliveries: [] as Array<{ headers: IncomingMessage['headers']; body: string }>, status: 200 };
  readonly fireflies = { transcripts: new Map<string, Json>() };
  readonly granola = { notes: [] as Json[] };

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  fail(tool: Tool, fault: Fault): void {
    this.faults[tool].push(fault);
  }

  requestsTo(tool: Tool, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.tool === tool && (method === undefined || r.method === method));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const tool = url.pathname.split('/')[1] as Tool;
    const path = url.pathname.slice(tool.length + 1);
    this.requests.push({ tool, method: req.method ?? 'GET', path: `${path}${url.search}`, headers: req.headers, body });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    const queued = this.faults[tool] ?? [];
    const at = queued.findIndex((f) => f.method === undefined || f.method === req.method);
    const fault = at >= 0 ? queued.splice(at, 1)[0] : undefined;
    if (fault && !fault.afterApplying) return send(fault.status, this.errorBody(tool, fault.status), fault.headers);
    const json = body ? (JSON.parse(body) as Json) : {};
    let answer: { status: number; body: unknown };
    try {
      answer = this.route(tool, req.method ?? 'GET', path, url.searchParams, json, req.headers);
    } catch (error) {
      answer = { status: 400, body: this.errorBody(tool, 400, (error as Error).message) };
    }
    if (fault) return send(fault.status, this.errorBody(tool, fault.status), fault.headers);
    send(answer.status, answer.body);
  }

  private errorBody(tool: Tool, status: number, message = status === 429 ? 'Rate limited' : status === 401 ? 'API token is invalid.' : `Error ${status}`): unknown {
    switch (tool) {
      case 'notion':
        return { object: 'error', status, code: status === 429 ? 'rate_limited' : status === 401 ? 'unauthorized' : status === 404 ? 'object_not_found' : 'internal_server_error', message };
      case 'asana':
        return { errors: [{ message }] };
      case 'monday':
        return { error_message: message, status_code: status };
      default:
        return { message };
    }
  }

  private authorized(tool: Tool, header: string | undefined): boolean {
    const token = tool === 'monday' ? header : header?.replace(/^Bearer /, '');
    return token !== undefined && this.tokens[tool].has(token);
  }

  private route(tool: Tool, method: string, path: string, query: URLSearchParams, body: Json, headers: IncomingMessage['headers']): { status: number; body: unknown } {
    if (tool === 'hook') {
      this.hook.deliveries.push({ headers, body: JSON.stringify(body) });
      return { status: this.hook.status, body: {} };
    }
    if (!this.authorized(tool, headers.authorization)) return { status: 401, body: this.errorBody(tool, 401) };
    switch (tool) {
      case 'notion':
        return this.notionRoute(method, path, body, headers);
      case 'asana':
        return this.asanaRoute(method, path, query, body);
      case 'monday':
        return this.mondayRoute(body);
      case 'fireflies':
        return this.firefliesRoute(body);
      case 'granola':
        return this.granolaRoute(path, query);
    }
  }

  private notionRoute(method: string, path: string, body: Json, headers: IncomingMessage['headers']) {
    if (headers['notion-version'] !== '2022-06-28') return { status: 400, body: this.errorBody('notion', 400, 'Notion-Version header missing') };
    const notFound = { status: 404, body: this.errorBody('notion', 404, 'Could not find database.') };
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/search') {
      const all = [...this.notion.databases.entries()];
      const start = Number((body.start_cursor as string | undefined) ?? 0);
      const slice = all.slice(start, start + PAGE);
      const more = start + PAGE < all.length;
      return {
        status: 200,
        body: { object: 'list', results: slice.map(([id, db]) => ({ object: 'database', id, title: [{ plain_text: db.title }] })), has_more: more, next_cursor: more ? String(start + PAGE) : null },
      };
    }
    if ((m = /^\/v1\/databases\/([^/]+)$/.exec(path)) && method === 'GET') {
      const db = this.notion.databases.get(m[1]!);
      return db ? { status: 200, body: { object: 'database', id: m[1], title: [{ plain_text: db.title }], properties: db.properties } } : notFound;
    }
    if ((m = /^\/v1\/databases\/([^/]+)\/query$/.exec(path)) && method === 'POST') {
      const filter = body.filter as { property: string; rich_text: { equals: string } };
      const results = [...this.notion.pages.entries()]
        .filter(([, page]) => page.databaseId === m![1] && JSON.stringify(page.properties[filter.property] ?? '').includes(JSON.stringify(filter.rich_text.equals)))
        .map(([id]) => ({ object: 'page', id, url: `https://www.notion.so/${id.replace(/-/g, '')}` }));
      return { status: 200, body: { object: 'list', results, has_more: false, next_cursor: null } };
    }
    if (path === '/v1/pages' && method === 'POST') {
      const databaseId = (body.parent as { database_id: string }).database_id;
      if (!this.notion.databases.has(databaseId)) return notFound;
      const id = randomUUID();
      this.notion.pages.set(id, { databaseId, properties: body.properties as Json, children: (body.children as unknown[]) ?? [] });
      return { status: 200, body: { object: 'page', id, url: `https://www.notion.so/${id.replace(/-/g, '')}` } };
    }
    if ((m = /^\/v1\/pages\/([^/]+)$/.exec(path)) && method === 'PATCH') {
      const page = this.notion.pages.get(m[1]!);
      if (!page) return { status: 404, body: this.errorBody('notion', 404) };
      Object.assign(page.properties, body.properties as Json);
      return { status: 200, body: { object: 'page', id: m[1], url: null } };
    }
    return { status: 404, body: this.errorBody('notion', 404, 'Invalid request URL.') };
  }

  private asanaRoute(method: string, path: string, query: URLSearchParams, body: Json) {
    const data = (body.data ?? {}) as Json;
    let m: RegExpExecArray | null;
    if ((m = /^\/api\/1\.0\/projects\/([^/]+)$/.exec(path)) && method === 'GET') {
      const name = this.asana.projects.get(m[1]!);
      return name ? { status: 200, body: { data: { gid: m[1], name } } } : { status: 404, body: { errors: [{ message: 'project: Unknown object: ' + m[1] }] } };
    }
    if ((m = /^\/api\/1\.0\/projects\/([^/]+)\/tasks$/.exec(path)) && method === 'GET') {
      const all = [...this.asana.tasks.entries()].filter(([, t]) => t.projects.includes(m![1]!));
      const offset = Number(query.get('offset') ?? 0);
      const slice = all.slice(offset, offset + PAGE);
      const more = offset + PAGE < all.length;
      return {
        status: 200,
        body: { data: slice.map(([gid, t]) => ({ gid, notes: t.notes, permalink_url: `https://app.asana.com/0/0/${gid}` })), next_page: more ? { offset: String(offset + PAGE) } : null },
      };
    }
    if (path === '/api/1.0/tasks' && method === 'POST') {
      const projects = data.projects as string[];
      if (!projects.every((p) => this.asana.projects.has(p))) return { status: 404, body: { errors: [{ message: 'projects: Not a recognized ID' }] } };
      const gid = String(1200000000000000 + this.asana.tasks.size + 1);
      this.asana.tasks.set(gid, { name: data.name as string, notes: data.notes as string, projects, completed: Boolean(data.completed), due_on: (data.due_on as string | null) ?? null });
      return { status: 201, body: { data: { gid, permalink_url: `https://app.asana.com/0/0/${gid}` } } };
    }
    if ((m = /^\/api\/1\.0\/tasks\/([^/]+)$/.exec(path)) && method === 'PUT') {
      const task = this.asana.tasks.get(m[1]!);
      if (!task) return { status: 404, body: { errors: [{ message: 'task: Unknown object' }] } };
      Object.assign(task, data);
      return { status: 200, body: { data: { gid: m[1] } } };
    }
    return { status: 404, body: { errors: [{ message: 'No matching route' }] } };
  }

  private mondayRoute(body: Json) {
    const q = body.query as string;
    const v = (body.variables ?? {}) as Json;
    if (q.includes('boards(')) {
      const boards = (v.ids as string[]).flatMap((id) => {
        const board = this.monday.boards.get(id);
        return board ? [{ id, name: board.name, columns: board.columns }] : [];
      });
      return { status: 200, body: { data: { boards }, account_id: 1 } };
    }
    if (q.includes('create_item')) {
      if (!this.monday.boards.has(v.board as string)) return { status: 200, body: { errors: [{ message: 'Board not found', extensions: { code: 'ResourceNotFoundException' } }] } };
      const id = String(9000 + this.monday.items.size + 1);
      this.monday.items.set(id, { boardId: v.board as string, name: v.name as string, values: JSON.parse((v.values as string) ?? '{}') as Json });
      return { status: 200, body: { data: { create_item: { id, url: `https://x.monday.com/boards/${v.board as string}/pulses/${id}` } } } };
    }
    if (q.includes('change_multiple_column_values')) {
      const item = this.monday.items.get(v.item as string);
      if (!item) return { status: 200, body: { errors: [{ message: 'Item not found' }] } };
      Object.assign(item.values, JSON.parse(v.values as string) as Json);
      return { status: 200, body: { data: { change_multiple_column_values: { id: v.item } } } };
    }
    if (q.includes('items_page_by_column_values')) {
      const items = [...this.monday.items.entries()]
        .filter(([, item]) => item.boardId === v.board && item.values[v.column as string] === v.key)
        .map(([id, item]) => ({ id, url: `https://x.monday.com/boards/${item.boardId}/pulses/${id}` }));
      return { status: 200, body: { data: { items_page_by_column_values: { items } } } };
    }
    return { status: 200, body: { errors: [{ message: 'Unknown query' }] } };
  }

  private firefliesRoute(body: Json) {
    const q = body.query as string;
    if (q.includes('user')) return { status: 200, body: { data: { user: { email: 'owner@example.com' } } } };
    const id = ((body.variables ?? {}) as Json).id as string;
    const transcript = this.fireflies.transcripts.get(id);
    if (!transcript) return { status: 200, body: { data: { transcript: null }, errors: [{ message: 'Transcript not found', extensions: { code: 'object_not_found' } }] } };
    return { status: 200, body: { data: { transcript } } };
  }

  private granolaRoute(path: string, query: URLSearchParams) {
    let m: RegExpExecArray | null;
    if (path === '/v1/notes') {
      const after = query.get('updated_after');
      const all = this.granola.notes.filter((n) => !after || Date.parse(n.updated_at as string) > Date.parse(after));
      const start = Number(query.get('cursor') ?? 0);
      const size = Math.min(PAGE, Number(query.get('page_size') ?? PAGE));
      const slice = all.slice(start, start + size);
      const more = start + size < all.length;
      return { status: 200, body: { notes: slice.map((n) => ({ id: n.id, title: n.title, updated_at: n.updated_at })), hasMore: more, cursor: more ? String(start + size) : null } };
    }
    if ((m = /^\/v1\/notes\/([^/]+)$/.exec(path))) {
      const note = this.granola.notes.find((n) => n.id === m![1]);
      return note ? { status: 200, body: note } : { status: 404, body: { message: 'Note not found' } };
    }
    return { status: 404, body: { message: 'Not found' } };
  }
}
