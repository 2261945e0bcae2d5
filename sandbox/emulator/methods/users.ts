/** users.info, users.list (cursor pagination) and users.lookupByEmail. */
import { integerParam, stringParam } from '../params';
import type { Enterprise } from '../enterprise';
import { type Person, renderUser } from '../people';
import { fail, ok, type MethodHandler } from './context';

export const USERS_LIST_DEFAULT_LIMIT = 100;
export const USERS_LIST_MAX_LIMIT = 200;

/** Cursors look like Slack's: base64 of "user:<next id>". Opaque to clients, stable for us. */
function encodeCursor(userId: string): string {
  return Buffer.from(`user:${userId}`).toString('base64');
}

function decodeCursor(cursor: string): string | undefined {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return text.startsWith('user:') ? text.slice('user:'.length) : undefined;
}

/** Slack adds the person's org and the org's workspaces they are in when an org-wide install asks. */
function render(person: Person, teamId: string, nowMs: number, org: Enterprise | undefined): Record<string, unknown> {
  const user = renderUser(person, teamId, nowMs);
  if (!org) return user;
  const teams = org.teams().filter((ws) => ws.person(person.id) !== undefined).map((ws) => ws.teamId);
  return { ...user, enterprise_user: { id: person.id, enterprise_id: org.id, enterprise_name: org.name, teams } };
}

export const userMethods: Record<string, MethodHandler> = {
  'users.info': ({ ws, org, params, now }) => {
    const person = ws.person(stringParam(params, 'user') ?? '');
    if (!person) return fail('user_not_found');
    return ok({ user: render(person, ws.teamId, now(), org) });
  },

  'users.list': ({ ws, org, params, now }) => {
    // An org-wide install lists one workspace at a time.
    if (org && !stringParam(params, 'team_id')) return fail('missing_argument');
    const requested = integerParam(params, 'limit');
    const limit = requested === undefined || requested < 1 ? USERS_LIST_DEFAULT_LIMIT : Math.min(requested, USERS_LIST_MAX_LIMIT);
    const people = ws.allPeople();
    let start = 0;
    const cursor = stringParam(params, 'cursor');
    if (cursor !== undefined && cursor !== '') {
      const fromId = decodeCursor(cursor);
      start = fromId === undefined ? -1 : people.findIndex((p) => p.id === fromId);
      if (start < 0) return fail('invalid_cursor');
    }
    const page = people.slice(start, start + limit);
    const next = people[start + limit];
    return ok({
      members: page.map((p) => render(p, ws.teamId, now(), org)),
      cache_ts: Math.floor(now() / 1000),
      response_metadata: { next_cursor: next ? encodeCursor(next.id) : '' },
    });
  },

  'users.lookupByEmail': ({ ws, params, now }) => {
    const email = (stringParam(params, 'email') ?? '').toLowerCase();
    const person = ws.allPeople().find((p) => p.email !== undefined && p.email.toLowerCase() === email);
    if (!person || email === '') return fail('users_not_found');
    return ok({ user: renderUser(person, ws.teamId, now()) });
  },
};
