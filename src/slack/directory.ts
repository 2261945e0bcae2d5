import type { WebClient } from '@slack/web-api';
import type { DirectoryProfile } from '../domain/person';
import type { Directory } from '../services/ports';

export function createSlackDirectory(client: WebClient): Directory {
  return {
    async fetchProfile(_workspaceId, slackUserId): Promise<DirectoryProfile | undefined> {
      try {
        const { user } = await client.users.info({ user: slackUserId });
        if (!user) return undefined;
        return {
          slackUserId,
          name: user.profile?.display_name || user.name || slackUserId,
          realName: user.profile?.real_name || user.real_name || null,
          email: user.profile?.email ?? null,
          timezone: user.tz ?? null,
          isBot: user.is_bot ?? false,
          deactivated: user.deleted ?? false,
        };
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error === 'user_not_found') return undefined;
        throw error;
      }
    },
  };
}
