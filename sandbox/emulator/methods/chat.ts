/**
 * chat.postMessage, chat.postEphemeral, chat.update and chat.delete on the app's DMs.
 * Every payload goes through the Block Kit validator, so a message Slack would refuse is refused here.
 */
import { asBlocks, isRecord } from '../json';
import { stringParam } from '../params';
import type { SlackMessage } from '../types';
import { checkMessage } from '../validation';
import type { Workspace } from '../workspace';
import { fail, ok, type MethodContext, type MethodHandler } from './context';

/** The message as Slack returns it in a response (the conversation id lives beside it, not in it). */
export function renderMessage(message: SlackMessage): Record<string, unknown> {
  const rendered: Record<string, unknown> = { ...message };
  delete rendered.channel;
  return rendered;
}

function resolveTarget(ws: Workspace, params: MethodContext['params']) {
  return ws.resolveChannel(stringParam(params, 'channel') ?? '');
}

function optionalText(params: MethodContext['params']): string | undefined {
  return stringParam(params, 'text');
}

/** Message metadata as Slack takes it: an `event_type` name and an `event_payload` object. */
function metadataProblem(metadata: unknown) {
  if (metadata === undefined) return undefined;
  const record = isRecord(metadata) ? metadata : undefined;
  const type = record?.event_type;
  if (typeof type !== 'string' || !/^[A-Za-z0-9_]{1,255}$/.test(type) || !isRecord(record?.event_payload)) return fail('invalid_metadata_format');
  return undefined;
}

export const chatMethods: Record<string, MethodHandler> = {
  'chat.postMessage': ({ ws, params }) => {
    const target = resolveTarget(ws, params);
    if (!target) return fail('channel_not_found');
    // Slack still accepts a post into an existing DM with a deactivated account (python-slack-sdk
    // #1156), so the emulator does too: only the bot's own checks keep departed people from DMs.
    if (!ws.messagesTabEnabled) return fail('messages_tab_disabled');
    const problem = checkMessage({ text: params.text, blocks: params.blocks }) ?? metadataProblem(params.metadata);
    if (problem) return problem;
    const threadTs = stringParam(params, 'thread_ts');
    const message = ws.post({
      channel: target.channel,
      user: ws.botUserId,
      text: optionalText(params) ?? '',
      ...(params.blocks !== undefined ? { blocks: asBlocks(params.blocks) } : {}),
      ...(threadTs !== undefined && threadTs !== '' ? { threadTs } : {}),
      ...(params.metadata !== undefined ? { metadata: params.metadata } : {}),
      asBot: true,
    });
    return ok({ channel: target.channel, ts: message.ts, message: renderMessage(message) });
  },

  'chat.postEphemeral': ({ ws, params }) => {
    const person = ws.person(stringParam(params, 'user') ?? '');
    if (!person || person.isBot) return fail('user_not_found');
    const target = resolveTarget(ws, params);
    if (!target) return fail('channel_not_found');
    // Only the two members of a DM can see an ephemeral message in it.
    if (target.person.id !== person.id) return fail('user_not_in_channel');
    const problem = checkMessage({ text: params.text, blocks: params.blocks });
    if (problem) return problem;
    const threadTs = stringParam(params, 'thread_ts');
    const message = ws.postEphemeral({
      channel: target.channel,
      user: person.id,
      text: optionalText(params) ?? '',
      ...(params.blocks !== undefined ? { blocks: asBlocks(params.blocks) } : {}),
      ...(threadTs !== undefined && threadTs !== '' ? { threadTs } : {}),
      source: 'chat.postEphemeral',
    });
    return ok({ message_ts: message.ts });
  },

  'chat.update': ({ ws, params }) => {
    const target = resolveTarget(ws, params);
    if (!target) return fail('channel_not_found');
    const message = ws.findMessage(target.channel, stringParam(params, 'ts') ?? '');
    if (!message) return fail('message_not_found');
    if (message.bot_id !== ws.botId) return fail('cant_update_message');
    const text = optionalText(params);
    if (text === undefined && params.blocks === undefined) return fail('no_text');
    // Omitted fields keep their old value; `blocks: []` removes the blocks (Slack's rule).
    const problem = checkMessage({ text: text ?? message.text, blocks: params.blocks ?? message.blocks });
    if (problem) return problem;
    const updated = ws.updateMessage(message, {
      ...(text !== undefined ? { text } : {}),
      ...(params.blocks !== undefined ? { blocks: asBlocks(params.blocks) } : {}),
    });
    return ok({ channel: target.channel, ts: updated.ts, text: updated.text, message: renderMessage(updated) });
  },

  'chat.delete': ({ ws, params }) => {
    const target = resolveTarget(ws, params);
    if (!target) return fail('channel_not_found');
    const message = ws.findMessage(target.channel, stringParam(params, 'ts') ?? '');
    if (!message) return fail('message_not_found');
    if (message.bot_id !== ws.botId) return fail('cant_delete_message');
    ws.deleteMessage(message);
    return ok({ channel: target.channel, ts: message.ts });
  },
};
