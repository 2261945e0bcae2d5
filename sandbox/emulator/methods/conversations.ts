/**
 * conversations.open for one person: the app's DM with them. Group DMs are not modelled (Cadence
 * never opens one), so more than one user is refused rather than faked.
 * conversations.history of such a DM, newest first, as Slack pages it.
 */
import { booleanParam, integerParam, stringParam } from '../params';
import type { SlackMessage } from '../types';
import { renderMessage } from './chat';
import { fail, ok, type MethodHandler } from './context';

export const HISTORY_DEFAULT_LIMIT = 100;
export const HISTORY_MAX_LIMIT = 999;

/** Cursors look like Slack's: base64 of "ts:<ts of the next, older message>". */
const encodeCursor = (ts: string) => Buffer.from(`ts:${ts}`).toString('base64');
const decodeCursor = (cursor: string) => {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return text.startsWith('ts:') ? text.slice('ts:'.length) : undefined;
};

/** Timestamps compare as numbers: "1700000000.000100". */
const tsValue = (ts: string) => Number(ts);

/** Slack returns a message's metadata only to a caller that asks for it with include_all_metadata. */
function renderHistoryMessage(message: SlackMessage, withMetadata: boolean): Record<string, unknown> {
  const rendered = renderMessage(message);
  if (!withMetadata) delete rendered.metadata;
  return rendered;
}

export const conversationMethods: Record<string, MethodHandler> = {
  'conversations.open': ({ ws, params }) => {
    const channel = stringParam(params, 'channel');
    if (channel !== undefined && channel !== '') {
      const resolved = channel.startsWith('D') ? ws.resolveChannel(channel) : undefined;
      if (!resolved) return fail('channel_not_found');
      return ok({ no_op: true, already_open: true, channel: { id: resolved.channel } });
    }
    const users = (stringParam(params, 'users') ?? '').split(',').map((u) => u.trim()).filter((u) => u !== '');
    if (users.length === 0) return fail('users_list_not_supplied');
    if (users.length > 1) return fail('method_not_supported_for_channel_type');
    const person = ws.person(users[0] ?? '');
    if (!person || person.id === ws.botUserId) return fail('user_not_found');
    if (person.deleted) return fail('user_disabled');
    if (person.isBot) return fail('cannot_dm_bot');
    return ok({ channel: { id: ws.dmChannelId(person.id) } });
  },

  'conversations.history': ({ ws, params }) => {
    const channel = stringParam(params, 'channel') ?? '';
    const target = channel.startsWith('D') ? ws.resolveChannel(channel) : undefined;
    if (!target) return fail('channel_not_found');
    const requested = integerParam(params, 'limit');
    const limit = requested === undefined || requested < 1 ? HISTORY_DEFAULT_LIMIT : Math.min(requested, HISTORY_MAX_LIMIT);
    const inclusive = booleanParam(params, 'inclusive') ?? false;
    const oldest = stringParam(params, 'oldest');
    const latest = stringParam(params, 'latest');
    const cursor = stringParam(params, 'cursor');
    const before = cursor ? decodeCursor(cursor) : undefined;
    if (cursor && before === undefined) return fail('invalid_cursor');
    const inWindow = (ts: number) =>
      (oldest === undefined || oldest === '' || (inclusive ? ts >= tsValue(oldest) : ts > tsValue(oldest))) &&
      (latest === undefined || latest === '' || (inclusive ? ts <= tsValue(latest) : ts < tsValue(latest))) &&
      (before === undefined || ts <= tsValue(before));
    // Thread replies stay in their thread (conversations.replies), as in Slack.
    const newestFirst = ws
      .conversation(target.person.id)
      .filter((m) => (m.thread_ts === undefined || m.thread_ts === m.ts) && inWindow(tsValue(m.ts)))
      .reverse();
    const page = newestFirst.slice(0, limit);
    const next = newestFirst[limit];
    const withMetadata = booleanParam(params, 'include_all_metadata') ?? false;
    return ok({
      messages: page.map((m) => renderHistoryMessage(m, withMetadata)),
      has_more: next !== undefined,
      pin_count: 0,
      response_metadata: { next_cursor: next ? encodeCursor(next.ts) : '' },
    });
  },
};
