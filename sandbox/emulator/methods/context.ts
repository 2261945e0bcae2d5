/** What every Web API method handler receives and returns. */
import type { Enterprise } from '../enterprise';
import type { ApiBody, JsonRecord } from '../types';
import type { Workspace } from '../workspace';

export interface MethodContext {
  /** The workspace the token belongs to. */
  ws: Workspace;
  /** Set when the token is an org-wide install's: `ws` is the org's workspace the call acts in. */
  org?: Enterprise;
  params: JsonRecord;
  now: () => number;
  /** The emulator's own address, for the links it hands out (a file's url_private). */
  baseUrl: string;
}

export type MethodHandler = (ctx: MethodContext) => ApiBody;

export function ok(extra: Record<string, unknown> = {}): ApiBody {
  return { ok: true, ...extra };
}

export function fail(error: string, extra: Record<string, unknown> = {}): ApiBody {
  return { ok: false, error, ...extra };
}
