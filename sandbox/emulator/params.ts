/**
 * Web API request parameters. The SDK sends `application/x-www-form-urlencoded` with nested values
 * (`blocks`, `view`…) as JSON strings inside fields; Slack also accepts JSON bodies. Both end up as
 * one flat record in which the known JSON fields are decoded, so methods and recorded calls see the
 * same structure whichever way the client sent it.
 */
import { parse as parseQuery } from 'node:querystring';
import { isRecord, tryParseJson } from './json';
import type { JsonRecord } from './types';

/** Fields that carry JSON inside a form field. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'unfurls', 'user_auth_blocks']);

export type ParsedBody = { ok: true; params: JsonRecord } | { ok: false; error: 'invalid_form_data' | 'invalid_json' | 'invalid_post_type' };

export function parseApiBody(raw: string, contentType: string | undefined, query: URLSearchParams): ParsedBody {
  const params: JsonRecord = {};
  for (const [key, value] of query) params[key] = value;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.trim() === '') return { ok: true, params: decodeJsonFields(params) };
  if (type === 'application/json') {
    const parsed = tryParseJson(raw);
    if (!parsed.ok || !isRecord(parsed.value)) return { ok: false, error: 'invalid_json' };
    return { ok: true, params: { ...params, ...parsed.value } };
  }
  if (type === 'application/x-www-form-urlencoded' || type === '' || type === 'text/plain') {
    for (const [key, value] of Object.entries(parseQuery(raw))) {
      const first = Array.isArray(value) ? value[0] : value;
      if (first !== undefined) params[key] = first;
    }
    return { ok: true, params: decodeJsonFields(params) };
  }
  return { ok: false, error: 'invalid_post_type' };
}

function decodeJsonFields(params: JsonRecord): JsonRecord {
  const out: JsonRecord = { ...params };
  for (const key of JSON_FIELDS) {
    const value = out[key];
    if (typeof value !== 'string') continue;
    const parsed = tryParseJson(value);
    // Undecodable JSON stays a string: the method reports it with Slack's error for that field.
    if (parsed.ok) out[key] = parsed.value;
  }
  return out;
}

/** A string argument; numbers are accepted because JSON clients send e.g. `limit` as a number. */
export function stringParam(params: JsonRecord, key: string): string | undefined {
  const value = params[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

export function nonEmptyParam(params: JsonRecord, key: string): string | undefined {
  const value = stringParam(params, key);
  return value === undefined || value === '' ? undefined : value;
}

export function booleanParam(params: JsonRecord, key: string): boolean | undefined {
  const value = params[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === '1' || value === 1) return true;
  if (value === 'false' || value === '0' || value === 0) return false;
  return undefined;
}

export function integerParam(params: JsonRecord, key: string): number | undefined {
  const text = stringParam(params, key);
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) ? n : undefined;
}
