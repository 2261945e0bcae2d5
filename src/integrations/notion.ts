import { z } from 'zod';
import { callTool, ToolRefusedError, type ToolRequest } from './http';
import type { CreatedItem, PushEnvelope, PushTarget } from './types';

/** Notion's REST API, pinned to one version so property shapes do not move under us. */
export const NOTION_VERSION = '2022-06-28';
/** The database property that holds Cadence's key, so a lost create can be found again. */
export const NOTION_KEY_PROPERTY = 'Cadence ID';

const errorBody = z.object({ code: z.string().optional(), message: z.string().optional() });
const property = z.object({ type: z.string() });
const database = z.object({ id: z.string(), title: z.array(z.object({ plain_text: z.string() })).default([]), properties: z.record(z.string(), property) });
const page = z.object({ id: z.string(), url: z.string().nullable().optional() });
const pages = z.object({ results: z.array(page), has_more: z.boolean(), next_cursor: z.string().nullable() });
const searchPage = z.object({ results: z.array(database.pick({ id: true, title: true })), has_more: z.boolean(), next_cursor: z.string().nullable() });

export interface NotionSettings {
  databaseId: string;
}

const text = (content: string) => [{ type: 'text', text: { content: content.slice(0, 2000) } }];

/**
 * Goals and next steps as pages of a Notion database. The title goes to the database's title
 * property; "Progress" (number), "Status" (select), "Due" (date), "Owner" (rich text) and
 * "Cadence ID" (rich text) are filled when the database has them with that type.
 */
export function notionTarget(opts: { baseUrl: string; token: string; settings: NotionSettings; timeoutMs: number }): PushTarget {
  const request = <T>(path: string, method: ToolRequest<T>['method'], schema: z.ZodType<T>, body?: unknown, write = false) =>
    callTool({
      tool: 'Notion',
      url: new URL(path, opts.baseUrl).toString(),
      method,
      headers: { authorization: `Bearer ${opts.token}`, 'notion-version': NOTION_VERSION },
      body: body === undefined ? undefined : JSON.stringify(body),
      schema,
      timeoutMs: opts.timeoutMs,
      errorMessage: (raw) => errorBody.safeParse(raw).data?.message,
      write,
    });

  let schemaCache: z.infer<typeof database> | undefined;
  const loadDatabase = async () => (schemaCache ??= await request(`databases/${encodeURIComponent(opts.settings.databaseId)}`, 'GET', database));

  /** The titles of the databases shared with the integration, every page, to say which ones exist. */
  const sharedDatabases = async (): Promise<string[]> => {
    const titles: string[] = [];
    let cursor: string | undefined;
    do {
      const found = await request('search', 'POST', searchPage, { filter: { property: 'object', value: 'database' }, page_size: 100, ...(cursor ? { start_cursor: cursor } : {}) });
      titles.push(...found.results.map((db) => db.title.map((part) => part.plain_text).join('') || 'Untitled'));
      cursor = found.has_more ? (found.next_cursor ?? undefined) : undefined;
    } while (cursor);
    return titles;
  };

  const properties = async (envelope: PushEnvelope, withKey: boolean) => {
    const db = await loadDatabase();
    const has = (name: string, type: string) => db.properties[name]?.type === type;
    const titleName = Object.entries(db.properties).find(([, p]) => p.type === 'title')?.[0] ?? 'Name';
    const doc = envelope.document;
    const props: Record<string, unknown> = { [titleName]: { title: text(doc.title) } };
    if (withKey && has(NOTION_KEY_PROPERTY, 'rich_text')) props[NOTION_KEY_PROPERTY] = { rich_text: text(envelope.key) };
    if (has('Owner', 'rich_text')) props.Owner = { rich_text: text(doc.owner.name) };
    if (doc.kind === 'goal') {
      if (has('Progress', 'number')) props.Progress = { number: doc.progress / 100 };
      if (has('Status', 'select')) props.Status = { select: { name: doc.status.replace('_', ' ') } };
      if (has('Due', 'date')) props.Due = { date: doc.dueOn ? { start: doc.dueOn } : null };
    }
    return props;
  };

  const children = (envelope: PushEnvelope) => {
    const doc = envelope.document;
    const lines =
      doc.kind === 'goal'
        ? [...(doc.description ? [doc.description] : []), ...doc.keyResults.map((kr) => `${kr.title}: ${kr.current}${kr.unit ? ` ${kr.unit}` : ''} of ${kr.target} (${kr.progress}%)`)]
        : doc.steps;
    const block = doc.kind === 'goal' ? 'bulleted_list_item' : 'to_do';
    return [
      ...lines.map((line) => ({ object: 'block', type: block, [block]: { rich_text: text(line), ...(block === 'to_do' ? { checked: false } : {}) } })),
      { object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: 'Open in Slack', link: { url: doc.slackUrl } } }] } },
    ];
  };

  return {
    async check() {
      try {
        const db = await loadDatabase();
        return { target: db.title.map((part) => part.plain_text).join('') || 'Untitled database' };
      } catch (error) {
        if (!(error instanceof ToolRefusedError) || error.problem !== 'not_found') throw error;
        const shared = await sharedDatabases();
        throw new ToolRefusedError(
          'not_found',
          shared.length === 0
            ? 'Notion has no such database shared with this integration (it shares none yet: open the database, then … › Connections › add the integration).'
            : `Notion has no such database shared with this integration. Shared with it: ${shared.slice(0, 10).join(', ')}.`,
        );
      }
    },
    async create(envelope): Promise<CreatedItem> {
      const created = await request('pages', 'POST', page, { parent: { database_id: opts.settings.databaseId }, properties: await properties(envelope, true), children: children(envelope) }, true);
      return { id: created.id, url: created.url ?? null };
    },
    async update(externalId, envelope) {
      await request(`pages/${encodeURIComponent(externalId)}`, 'PATCH', page, { properties: await properties(envelope, false) }, true);
    },
    async find(key) {
      const db = await loadDatabase();
      if (db.properties[NOTION_KEY_PROPERTY]?.type !== 'rich_text') return 'unsupported';
      const found = await request(`databases/${encodeURIComponent(opts.settings.databaseId)}/query`, 'POST', pages, {
        filter: { property: NOTION_KEY_PROPERTY, rich_text: { equals: key } },
        page_size: 1,
      });
      const hit = found.results[0];
      return hit ? { id: hit.id, url: hit.url ?? null } : undefined;
    },
  };
}
