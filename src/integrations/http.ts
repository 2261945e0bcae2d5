import type { z } from 'zod';
import { OutcomeUnknownError, RateLimitedError } from '../lib/errors';

/** Why a tool said no. Nothing happened on its side, so the item may be tried again once fixed. */
export type ToolProblem = 'auth' | 'not_found' | 'rejected' | 'unreachable';

/** The tool answered and refused (a revoked token, a board that is gone), or could not be reached. */
export class ToolRefusedError extends Error {
  override readonly name = 'ToolRefusedError';
  constructor(
    readonly problem: ToolProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Used when a 429 carries no Retry-After: most tools ask for about this long. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

export interface ToolRequest<T> {
  /** As it reads inside a sentence: "Notion", "the webhook". */
  tool: string;
  url: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  headers: Record<string, string>;
  body?: string;
  schema: z.ZodType<T>;
  timeoutMs: number;
  /** The tool's own words from an error body, for the admin to read. */
  errorMessage(body: unknown): string | undefined;
  /** Whether a failed request might have been applied: reads never are, writes may be. */
  write: boolean;
}

const opening = (tool: string) => tool.charAt(0).toUpperCase() + tool.slice(1);

/** Retry-After in seconds (or an HTTP date) as milliseconds. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One call to a tool's API with the job runner's error vocabulary: a 429 is RateLimitedError
 * (Retry-After honoured), a 5xx or a lost answer to a write is OutcomeUnknownError (the caller looks
 * for the item before trying again), and a 4xx is ToolRefusedError with the tool's message.
 */
export async function callTool<T>(request: ToolRequest<T>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch {
    if (request.write) throw new OutcomeUnknownError(`${opening(request.tool)} did not answer`);
    throw new ToolRefusedError('unreachable', `Cadence could not reach ${request.tool} at ${new URL(request.url).origin}.`);
  }
  const body = await readJson(response);
  if (response.status === 429) throw new RateLimitedError(retryAfterMs(response.headers.get('retry-after')), `${opening(request.tool)} asked to slow down`);
  if (response.status >= 500) {
    if (request.write) throw new OutcomeUnknownError(`${opening(request.tool)} answered ${response.status}`);
    throw new Error(`${opening(request.tool)} answered ${response.status}`);
  }
  if (!response.ok) {
    const said = request.errorMessage(body);
    const problem: ToolProblem = response.status === 401 || response.status === 403 ? 'auth' : response.status === 404 ? 'not_found' : 'rejected';
    throw new ToolRefusedError(problem, said ? `${opening(request.tool)} said: ${said}` : `${opening(request.tool)} answered ${response.status}.`);
  }
  const parsed = request.schema.safeParse(body);
  if (!parsed.success) throw new Error(`${opening(request.tool)} answered in an unexpected shape`);
  return parsed.data;
}
