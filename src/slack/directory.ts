import type { DirectoryProfile } from '../domain/person';
import type { Directory } from '../services/ports';
import type { SlackClients } from './clients';
import { classifySlackError } from './errors';

/** Slack recommends at most 200 per users.list page. */
const PAGE_SIZE = 200;

/** The fields Cadence reads, common to users.info's `user` and users.list's `members`. */
interface SlackUser {
  id?: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_bot?: boolean;
  deleted?: boolean;
  profile?: { display_name?: string; real_name?: string; email?: string; title?: string };
}

function toProfile(user: SlackUser, slackUserId: string): DirectoryProfile {
  return {
    slackUserId,
    name: user.profile?.display_name || user.name || slackUserId,
    realName: user.profile?.real_name || user.real_name || null,
    email: user.profile?.email ?? null,
    timezone: user.tz ?? null,
    isBot: (user.is_bot ?? false) || user.id === 'USLACKBOT',
    deactivated: user.deleted ?? false,
    title: user.profile?.title?.trim() || null,
  };
}

export function createSlackDirectory(clients: SlackClients): Directory {
  return {
    async fetchProfile(workspaceId, slackUserId) {
      const client = await clients.forWorkspace(workspaceId);
      try {
        const { user } = await client.users.info({ user: slackUserId });
        return user ? toProfile(user, slackUserId) : undefined;
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error === 'user_not_found') return undefined;
        throw error;
      }
    },
    async *listProfiles(workspaceId) {
      const client = await clients.forWorkspace(workspaceId);
      let cursor: string | undefined;
      do {
        const page = await client.users.list({ limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
          // A 429 becomes RateLimitedError, so the sync job waits Retry-After and starts over.
          throw classifySlackError(error);
        });
        yield (page.members ?? []).flatMap((member) => (member.id ? [toProfile(member, member.id)] : []));
        cursor = page.response_metadata?.next_cursor || undefined;
      } while (cursor);
    },
    workspaceIds: () => clients.workspaceIds().catch((error: unknown) => {
      throw classifySlackError(error);
    }),
  };
}
