/**
 * response_url: issued with slash commands and message interactions, valid for 5 posts within
 * 30 minutes. A post can reply ephemerally (the default), in the channel, replace the message that
 * was clicked, or delete it. Past either limit Slack answers 404, which Bolt's `respond()` surfaces
 * as a rejected promise, so a bot that leans on a stale URL fails visibly in tests too.
 */
import { opaqueToken } from './ids';
import { asBlocks, isRecord, stringField, tryParseJson } from './json';
import type { ApiBody, JsonRecord } from './types';
import { checkMessage } from './validation';
import type { Workspace } from './workspace';

export const RESPONSE_URL_MAX_USES = 5;
export const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;

interface ResponseUrl {
  teamId: string;
  userId: string;
  channel: string;
  /** The message the interaction came from, when there was one (not for slash commands). */
  original: { ts: string; ephemeral: boolean } | undefined;
  issuedAt: number;
  uses: number;
}

export interface ResponseUrlResult {
  status: number;
  body: ApiBody;
  params: JsonRecord;
  teamId: string | undefined;
}

export class ResponseUrlStore {
  private readonly urls = new Map<string, ResponseUrl>();

  constructor(
    private readonly now: () => number,
    private readonly workspaceOf: (teamId: string) => Workspace | undefined,
  ) {}

  /** Returns the id to put in `/response/<id>`. */
  issue(input: Omit<ResponseUrl, 'issuedAt' | 'uses'>): string {
    const id = `${input.teamId}/${opaqueToken()}`;
    this.urls.set(id, { ...input, issuedAt: this.now(), uses: 0 });
    return id;
  }

  post(id: string, rawBody: string): ResponseUrlResult {
    const url = this.urls.get(id);
    const parsed = tryParseJson(rawBody);
    const params: JsonRecord = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
    const result = (status: number, body: ApiBody): ResponseUrlResult => ({ status, body, params, teamId: url?.teamId });
    const ws = url ? this.workspaceOf(url.teamId) : undefined;
    if (!url || !ws) return result(404, { ok: false, error: 'invalid_url' });
    if (this.now() - url.issuedAt > RESPONSE_URL_TTL_MS) return result(404, { ok: false, error: 'expired_url' });
    if (url.uses >= RESPONSE_URL_MAX_USES) return result(404, { ok: false, error: 'used_url' });
    if (!parsed.ok || !isRecord(parsed.value)) return result(400, { ok: false, error: 'invalid_payload' });

    const outcome = this.apply(ws, url, params);
    if (!outcome.ok) return result(outcome.error === 'message_not_found' ? 404 : 400, outcome);
    url.uses += 1;
    return result(200, outcome);
  }

  reset(): void {
    this.urls.clear();
  }

  private apply(ws: Workspace, url: ResponseUrl, body: JsonRecord): ApiBody {
    if (body.delete_original === true || body.delete_original === 'true') return this.deleteOriginal(ws, url);
    const problem = checkMessage({ text: body.text, blocks: body.blocks });
    if (problem) return problem;
    const text = stringField(body, 'text') ?? '';
    const blocks = body.blocks === undefined ? undefined : asBlocks(body.blocks);
    const content = blocks === undefined ? { text } : { text, blocks };
    const threadTs = stringField(body, 'thread_ts');
    const replace = body.replace_original === true || body.replace_original === 'true';

    if (replace && url.original) {
      if (url.original.ephemeral) {
        const message = ws.findEphemeral(url.channel, url.original.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        ws.replaceEphemeral(message, content);
      } else {
        const message = ws.findMessage(url.channel, url.original.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        ws.replaceMessage(message, content);
      }
      return { ok: true };
    }
    if (stringField(body, 'response_type') === 'in_channel') {
      ws.post({ channel: url.channel, user: ws.botUserId, ...content, ...(threadTs ? { threadTs } : {}), asBot: true });
    } else {
      ws.postEphemeral({ channel: url.channel, user: url.userId, ...content, ...(threadTs ? { threadTs } : {}), source: 'response_url' });
    }
    return { ok: true };
  }

  private deleteOriginal(ws: Workspace, url: ResponseUrl): ApiBody {
    if (!url.original) return { ok: false, error: 'message_not_found' };
    if (url.original.ephemeral) {
      const message = ws.findEphemeral(url.channel, url.original.ts);
      if (message) ws.deleteEphemeral(message);
    } else {
      const message = ws.findMessage(url.channel, url.original.ts);
      if (message) ws.deleteMessage(message);
    }
    return { ok: true };
  }
}
