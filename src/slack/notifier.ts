import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Notifier } from '../services/ports';
import { classifySlackError } from './errors';

/**
 * Slack message metadata (docs: "Message metadata"): each DM names its ledger key, so a send whose
 * answer was lost can be found in the DM's history and never posted twice.
 */
export const DELIVERY_EVENT_TYPE = 'cadence_delivery';

/** conversations.history's largest page: a person's DM holds few of Cadence's messages since a claim. */
const HISTORY_PAGE = 200;

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export function createSlackNotifier(client: WebClient): Notifier {
  return {
    async sendDm(_workspaceId, slackUserId, message, ledgerKey) {
      try {
        // A user id as channel posts in the app's DM with that person; no conversations.open needed.
        const result = await client.chat.postMessage({
          channel: slackUserId,
          text: message.text,
          blocks: message.blocks as KnownBlock[] | undefined,
          metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { key: ledgerKey } },
        });
        return { channel: result.channel ?? slackUserId, ts: result.ts ?? '' };
      } catch (error) {
        throw classifySlackError(error);
      }
    },

    async findDm(_workspaceId, slackUserId, ledgerKey, since) {
      try {
        // History is read by conversation id; the app's DM with a person is reopened, a no-op (im:write).
        const opened = await client.conversations.open({ users: slackUserId });
        const channel = opened.channel?.id;
        if (!channel) return undefined;
        // A minute before the claim: Slack's clock and Postgres's need not agree to the second.
        const oldest = (since.getTime() / 1000 - 60).toFixed(6);
        let cursor: string | undefined;
        do {
          const page = await client.conversations.history({ channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE, cursor });
          const found = (page.messages as HistoryMessage[] | undefined)?.find(
            (m) => m.metadata?.event_type === DELIVERY_EVENT_TYPE && m.metadata.event_payload?.key === ledgerKey,
          );
          if (found?.ts) return { channel, ts: found.ts };
          cursor = page.response_metadata?.next_cursor || undefined;
        } while (cursor);
        return undefined;
      } catch (error) {
        throw classifySlackError(error);
      }
    },
  };
}
