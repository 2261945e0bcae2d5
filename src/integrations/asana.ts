import { z } from 'zod';
import { callTool, type ToolRequest } from './http';
import type { CreatedItem, PushEnvelope, PushTarget } from './types';

const errorBody = z.object({ errors: z.array(z.object({ message: z.string() })).min(1) });
const project = z.object({ data: z.object({ gid: z.string(), name: z.string() }) });
const task = z.object({ data: z.object({ gid: z.string(), permalink_url: z.string().nullable().optional() }) });
const taskPage = z.object({
  data: z.array(z.object({ gid: z.string(), notes: z.string().default(''), permalink_url: z.string().nullable().optional() })),
  next_page: z.object({ offset: z.string() }).nullable().optional(),
});

export interface AsanaSettings {
  projectGid: string;
}

/** The line in a task's notes that carries Cadence's key: what `find` looks for. */
export const asanaKeyLine = (key: string) => `Cadence ID: ${key}`;

function notes(envelope: PushEnvelope): string {
  const doc = envelope.document;
  const body =
    doc.kind === 'goal'
      ? [
          ...(doc.description ? [doc.description, ''] : []),
          `Owner: ${doc.owner.name}`,
          `Progress: ${doc.progress}% (${doc.status.replace('_', ' ')})`,
          ...doc.keyResults.map((kr) => `• ${kr.title}: ${kr.current}${kr.unit ? ` ${kr.unit}` : ''} of ${kr.target} (${kr.progress}%)`),
        ]
      : [`For: ${doc.owner.name}`, ...doc.steps.map((step) => `☐ ${step}`)];
  return [...body, '', `Open in Slack: ${doc.slackUrl}`, asanaKeyLine(envelope.key)].join('\n');
}

/** Goals and next steps as tasks in one Asana project, with a personal access token. */
export function asanaTarget(opts: { baseUrl: string; token: string; settings: AsanaSettings; timeoutMs: number }): PushTarget {
  const request = <T>(path: string, method: ToolRequest<T>['method'], schema: z.ZodType<T>, body?: unknown, write = false) =>
    callTool({
      tool: 'Asana',
      url: new URL(path, opts.baseUrl).toString(),
      method,
      headers: { authorization: `Bearer ${opts.token}` },
      body: body === undefined ? undefined : JSON.stringify({ data: body }),
      schema,
      timeoutMs: opts.timeoutMs,
      errorMessage: (raw) => errorBody.safeParse(raw).data?.errors[0]?.message,
      write,
    });
  const gid = encodeURIComponent(opts.settings.projectGid);
  const fields = (envelope: PushEnvelope) => {
    const doc = envelope.document;
    return {
      name: doc.title,
      notes: notes(envelope),
      ...(doc.kind === 'goal' ? { due_on: doc.dueOn, completed: doc.status === 'completed' } : {}),
    };
  };

  return {
    async check() {
      return { target: (await request(`projects/${gid}?opt_fields=name`, 'GET', project)).data.name };
    },
    async create(envelope): Promise<CreatedItem> {
      const created = await request('tasks?opt_fields=permalink_url', 'POST', task, { ...fields(envelope), projects: [opts.settings.projectGid] }, true);
      return { id: created.data.gid, url: created.data.permalink_url ?? null };
    },
    async update(externalId, envelope) {
      await request(`tasks/${encodeURIComponent(externalId)}`, 'PUT', task, fields(envelope), true);
    },
    async find(key) {
      const line = asanaKeyLine(key);
      let offset: string | undefined;
      do {
        const page = await request(`projects/${gid}/tasks?opt_fields=notes,permalink_url&limit=100${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`, 'GET', taskPage);
        const hit = page.data.find((t) => t.notes.split('\n').includes(line));
        if (hit) return { id: hit.gid, url: hit.permalink_url ?? null };
        offset = page.next_page?.offset;
      } while (offset);
      return undefined;
    },
  };
}
