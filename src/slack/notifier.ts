import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Notifier } from '../services/ports';
import { isTokenDead, type SlackClients } from './clients';
import { classifySlackError } from './errors';
import { slackPages } from './pages';

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

/** Slack's error code of a failed call, if it is one. */
const slackErrorCode = (error: unknown): string | undefined => {
  const code = (error as { data?: { error?: unknown } }).data?.error;
  return typeof code === 'string' ? code : undefined;
};

export function createSlackNotifier(clients: SlackClients): Notifier {
  /** A dead token stops the workspace (once) before the failure is classified as permanent. */
  const failed = async (workspaceId: string, client: WebClient, error: unknown): Promise<Error> => {
    const code = slackErrorCode(error);
    if (code !== undefined && isTokenDead(code)) await clients.tokenRejected(workspaceId, code, client.token);
    return classifySlackError(error);
  };
  return {
    async sendDm(workspaceId, slackUserId, message, ledgerKey) {
      const client = await clients.forWorkspace(workspaceId);
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
        throw await failed(workspaceId, client, error);
      }
    },

    async findDm(workspaceId, slackUserId, ledgerKey, since) {
      const client = await clients.forWorkspace(workspaceId);
      try {
        // History is read by conversation id; the app's DM with a person is reopened, a no-op (im:write).
        const opened = await client.conversations.open({ users: slackUserId });
        const channel = opened.channel?.id;
        if (!channel) return undefined;
        // A minute before the claim: Slack's clock and Postgres's need not agree to the second.
        const oldest = (since.getTime() / 1000 - 60).toFixed(6);
        const pages = slackPages((cursor) => client.conversations.history({ channel, oldest, include_all_metadata: true, limit: HISTORY_PAGE, cursor }));
        for await (const page of pages) {
          const found = (page.messages as HistoryMessage[] | undefined)?.find(
            (m) => m.metadata?.event_type === DELIVERY_EVENT_TYPE && m.metadata.event_payload?.key === ledgerKey,
          );
          if (found?.ts) return { channel, ts: found.ts };
        }
        return undefined;
      } catch (error) {
        throw await failed(workspaceId, client, error);
      }
    },
  };
}
