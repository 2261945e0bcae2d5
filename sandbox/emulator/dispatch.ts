/**
 * The Web API pipeline for one request: parse, find the method, authenticate, rate-limit, inject
 * faults, run, record. The order mirrors Slack: an unknown method or bad token is answered before
 * any limit is spent, and a rate-limited call never reaches the method.
 */
import type { CallLog } from './call-log';
import type { Enterprise } from './enterprise';
import type { FaultInjector } from './faults';
import { METHODS } from './methods';
import { parseApiBody, stringParam } from './params';
import type { RateLimiter } from './rate-limits';
import type { ApiBody, JsonRecord } from './types';
import type { Workspace } from './workspace';

export interface ApiRequest {
  method: string;
  rawBody: string;
  contentType: string | undefined;
  authorization: string | undefined;
  query: URLSearchParams;
}

export interface ApiReply {
  status: number;
  body: ApiBody;
  headers: Record<string, string>;
}

/** Who a token belongs to: a workspace's install, or an org-wide install acting in one of the org's workspaces. */
export type Caller = { ws: Workspace; revoked: boolean; org?: Enterprise } | { error: string };

interface Deps {
  now: () => number;
  /** undefined: no install has this token. */
  authenticate: (token: string, params: JsonRecord) => Caller | undefined;
  limiter: RateLimiter;
  faults: FaultInjector;
  log: CallLog;
  baseUrl: () => string;
  /** oauth.v2.access, the one method called with the app's credentials instead of a token. */
  oauthAccess: (params: JsonRecord, authorization: string | undefined) => ApiBody;
}

export class ApiDispatcher {
  constructor(private readonly deps: Deps) {}

  handle(request: ApiRequest): ApiReply {
    const parsed = parseApiBody(request.rawBody, request.contentType, request.query);
    const params: JsonRecord = parsed.ok ? { ...parsed.params } : {};
    const bearer = /^Bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1]?.trim();
    const token = bearer ?? stringParam(params, 'token');
    delete params.token;
    // Recorded calls are for reading, not for holding the app's secret.
    delete params.client_secret;
    const caller = token === undefined || token === '' ? undefined : this.deps.authenticate(token, params);
    const reply =
      request.method === 'oauth.v2.access' && parsed.ok
        ? { status: 200, body: this.deps.oauthAccess(parsed.params, request.authorization), headers: {} }
        : this.answer(request.method, parsed.ok ? undefined : parsed.error, params, token, caller);
    const known = caller !== undefined && 'ws' in caller ? caller : undefined;
    this.deps.log.record({
      method: request.method,
      params,
      teamId: known?.ws.teamId,
      ...(known?.org ? { enterpriseId: known.org.id } : {}),
      status: reply.status,
      response: reply.body,
      at: this.deps.now(),
    });
    return reply;
  }

  private answer(method: string, parseError: string | undefined, params: JsonRecord, token: string | undefined, caller: Caller | undefined): ApiReply {
    const reply = (body: ApiBody, status = 200, headers: Record<string, string> = {}): ApiReply => ({ status, body, headers });
    const handler = METHODS[method];
    if (!handler) return reply({ ok: false, error: 'unknown_method' });
    if (parseError !== undefined) return reply({ ok: false, error: parseError });
    if (token === undefined || token === '') return reply({ ok: false, error: 'not_authed' });
    if (!caller) return reply({ ok: false, error: 'invalid_auth' });
    if ('error' in caller) return reply({ ok: false, error: caller.error });
    const { ws, org } = caller;
    if (caller.revoked) return reply({ ok: false, error: 'token_revoked' });

    const decision = this.deps.limiter.take(ws.teamId, method, this.rateLimitChannel(ws, params));
    if (decision.limited) {
      return reply({ ok: false, error: 'ratelimited' }, 429, { 'Retry-After': String(decision.retryAfterSeconds) });
    }
    const fault = this.deps.faults.take(method, ws.teamId);
    if (fault) {
      const headers: Record<string, string> = fault.status === 429 ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
      return reply({ ok: false, error: fault.error }, fault.status, headers);
    }
    return reply(handler({ ws, ...(org ? { org } : {}), params, now: this.deps.now, baseUrl: this.deps.baseUrl() }));
  }

  /** Per-channel limits count a person's id and their D… id as the same conversation. */
  private rateLimitChannel(ws: Workspace, params: JsonRecord): string | undefined {
    const channel = stringParam(params, 'channel');
    if (channel === undefined) return undefined;
    return ws.resolveChannel(channel)?.channel ?? channel;
  }
}
