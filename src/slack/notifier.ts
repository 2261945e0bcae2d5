import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Notifier } from '../services/ports';
import { classifySlackError } from './errors';

export function createSlackNotifier(client: WebClient): Notifier {
  return {
    async sendDm(_workspaceId, slackUserId, message) {
      try {
        // A user id as channel posts in the app's DM with that person; no conversations.open needed.
        const result = await client.chat.postMessage({
          channel: slackUserId,
          text: message.text,
          blocks: message.blocks as KnownBlock[] | undefined,
        });
        return { channel: result.channel ?? slackUserId, ts: result.ts ?? '' };
      } catch (error) {
        throw classifySlackError(error);
      }
    },
  };
}
