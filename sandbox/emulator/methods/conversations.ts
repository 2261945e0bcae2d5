/**
 * conversations.open for one person: the app's DM with them. Group DMs are not modelled (Cadence
 * never opens one), so more than one user is refused rather than faked.
 */
import { stringParam } from '../params';
import { fail, ok, type MethodHandler } from './context';

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
};
