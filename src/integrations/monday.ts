import { z } from 'zod';
import { RateLimitedError } from '../lib/errors';
import { callTool, ToolRefusedError } from './http';
import type { CreatedItem, PushEnvelope, PushTarget } from './types';

/** monday.com's GraphQL API, pinned to one version. */
export const MONDAY_API_VERSION = '2024-10';

/** Which board column takes what, found by the column's title and type when the connection is saved. */
export interface MondayColumns {
  progress?: string;
  status?: string;
  due?: string;
  key?: string;
}

export interface MondaySettings {
  boardId: string;
  columns?: MondayColumns;
}

const graphqlError = z.object({ message: z.string(), extensions: z.object({ code: z.string().optional(), retry_in_seconds: z.number().optional() }).optional() });
const envelopeOf = <T extends z.ZodType>(data: T) => z.object({ data: data.optional(), errors: z.array(graphqlError).optional(), error_message: z.string().optional() });
const errorBody = envelopeOf(z.unknown());
const boards = z.object({ boards: z.array(z.object({ id: z.string(), name: z.string(), columns: z.array(z.object({ id: z.string(), title: z.string(), type: z.string() })) })) });
const item = z.object({ id: z.string(), url: z.string().nullable().optional() });

/** The columns a board offers for Cadence, matched on title (case-insensitive) and type. */
export function mapColumns(columns: ReadonlyArray<{ id: string; title: string; type: string }>): MondayColumns {
  const find = (title: string, type: string) => columns.find((c) => c.title.trim().toLowerCase() === title && c.type === type)?.id;
  const mapped = { progress: find('progress', 'numbers'), status: find('status', 'status'), due: find('due', 'date'), key: find('cadence id', 'text') };
  return Object.fromEntries(Object.entries(mapped).filter(([, id]) => id !== undefined));
}

const statusLabel = (status: string) => (status === 'completed' ? 'Done' : status === 'at_risk' || status === 'off_track' ? 'Stuck' : 'Working on it');

/** Goals and next steps as items on a monday.com board. */
export function mondayTarget(opts: { baseUrl: string; token: string; settings: MondaySettings; timeoutMs: number }): PushTarget {
  const query = async <T>(text: string, variables: Record<string, unknown>, data: z.ZodType<T>, write = false): Promise<T> => {
    const answer = await callTool({
      tool: 'monday.com',
      url: opts.baseUrl,
      method: 'POST',
      headers: { authorization: opts.token, 'api-version': MONDAY_API_VERSION },
      body: JSON.stringify({ query: text, variables }),
      schema: envelopeOf(data),
      timeoutMs: opts.timeoutMs,
      errorMessage: (raw) => {
        const body = errorBody.safeParse(raw).data;
        return body?.error_message ?? body?.errors?.[0]?.message;
      },
      write,
    });
    const error = answer.errors?.[0];
    if (error) {
      // monday.com reports its complexity budget as a GraphQL error with the wait in seconds.
      if (error.extensions?.retry_in_seconds !== undefined) throw new RateLimitedError(error.extensions.retry_in_seconds * 1000, 'monday.com asked to slow down');
      throw new ToolRefusedError('rejected', `monday.com said: ${error.message}`);
    }
    if (answer.data === undefined) throw new Error('monday.com answered without data');
    return answer.data;
  };
  const columns = opts.settings.columns ?? {};
  const values = (envelope: PushEnvelope, withKey: boolean) => {
    const doc = envelope.document;
    const out: Record<string, unknown> = {};
    if (withKey && columns.key) out[columns.key] = envelope.key;
    if (doc.kind === 'goal') {
      if (columns.progress) out[columns.progress] = String(doc.progress);
      if (columns.status) out[columns.status] = { label: statusLabel(doc.status) };
      if (columns.due && doc.dueOn) out[columns.due] = { date: doc.dueOn };
    }
    return JSON.stringify(out);
  };
  const itemName = (envelope: PushEnvelope) => {
    const doc = envelope.document;
    return doc.kind === 'goal' ? doc.title : `${doc.title}: ${doc.steps.join('; ')}`.slice(0, 255);
  };

  return {
    async check() {
      const found = await query('query ($ids: [ID!]) { boards(ids: $ids) { id name columns { id title type } } }', { ids: [opts.settings.boardId] }, boards);
      const board = found.boards[0];
      if (!board) throw new ToolRefusedError('not_found', `monday.com has no board ${opts.settings.boardId} that this token can see.`);
      return { target: board.name, learned: { columns: mapColumns(board.columns) } };
    },
    async create(envelope): Promise<CreatedItem> {
      const created = await query(
        'mutation ($board: ID!, $name: String!, $values: JSON) { create_item(board_id: $board, item_name: $name, column_values: $values) { id url } }',
        { board: opts.settings.boardId, name: itemName(envelope), values: values(envelope, true) },
        z.object({ create_item: item }),
        true,
      );
      return { id: created.create_item.id, url: created.create_item.url ?? null };
    },
    async update(externalId, envelope) {
      await query(
        'mutation ($board: ID!, $item: ID!, $values: JSON!) { change_multiple_column_values(board_id: $board, item_id: $item, column_values: $values) { id } }',
        { board: opts.settings.boardId, item: externalId, values: values(envelope, false) },
        z.object({ change_multiple_column_values: item }),
        true,
      );
    },
    async find(key) {
      if (!columns.key) return 'unsupported';
      const found = await query(
        'query ($board: ID!, $column: String!, $key: String!) { items_page_by_column_values(board_id: $board, limit: 1, columns: [{ column_id: $column, column_values: [$key] }]) { items { id url } } }',
        { board: opts.settings.boardId, column: columns.key, key },
        z.object({ items_page_by_column_values: z.object({ items: z.array(item) }) }),
      );
      const hit = found.items_page_by_column_values.items[0];
      return hit ? { id: hit.id, url: hit.url ?? null } : undefined;
    },
  };
}
