import type { WebClient } from '@slack/web-api';
import type { DirectoryProfile, SlackTeam } from '../domain/person';
import type { Directory } from '../services/ports';
import type { SlackClients } from './clients';
import { classifySlackError } from './errors';
import { slackPages } from './pages';

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
  /** Present when an org-wide install asks: the org's workspaces the person is in. */
  enterprise_user?: { teams?: string[] };
}

/** Where an org-wide install found a person: the org's workspaces granted to Cadence, and the one whose listing named them. */
interface OrgListing {
  granted: ReadonlySet<string>;
  listedIn?: string;
}

/**
 * A person's home workspace in an org-wide install: their first workspace the org granted to
 * Cadence (Slack's `enterprise_user.teams` may start with one it did not, whose settings Cadence
 * never has), else the workspace that listed them. Outside an org-wide install, none.
 */
export function homeTeamOf(teams: readonly string[] | undefined, org: OrgListing | undefined): string | undefined {
  if (!org) return undefined;
  return teams?.find((team) => org.granted.has(team)) ?? org.listedIn ?? teams?.[0];
}

function toProfile(user: SlackUser, slackUserId: string, org?: OrgListing): DirectoryProfile {
  const homeTeamId = homeTeamOf(user.enterprise_user?.teams, org);
  return {
    ...(homeTeamId ? { homeTeamId } : {}),
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

/** The workspaces of the organization that an org-wide install may act in (auth.teams.list). */
async function grantedTeams(client: WebClient): Promise<SlackTeam[]> {
  const teams: SlackTeam[] = [];
  const pages = slackPages((cursor) =>
    client.auth.teams.list({ limit: PAGE_SIZE, cursor }).catch((error: unknown) => {
      throw classifySlackError(error);
    }),
  );
  for await (const page of pages) for (const team of page.teams ?? []) if (team.id) teams.push({ id: team.id, name: team.name || team.id });
  return teams;
}

export function createSlackDirectory(clients: SlackClients): Directory {
  return {
    async fetchProfile(workspaceId, slackUserId) {
      const client = await clients.forWorkspace(workspaceId);
      try {
        const { user } = await client.users.info({ user: slackUserId });
        // On first sight the granted workspaces are not at hand: the next directory sync settles the home.
        const org = (await clients.isOrganization(workspaceId)) ? { granted: new Set<string>() } : undefined;
        return user ? toProfile(user, slackUserId, org) : undefined;
      } catch (error) {
        if ((error as { data?: { error?: string } }).data?.error === 'user_not_found') return undefined;
        throw error;
      }
    },
    async *listProfiles(workspaceId) {
      const client = await clients.forWorkspace(workspaceId);
      // An org-wide install lists each workspace the org granted it (Slack wants team_id with an org
      // token); a person in several of them has one user id and is listed once.
      const granted = (await clients.isOrganization(workspaceId)) ? new Set((await grantedTeams(client)).map((team) => team.id)) : undefined;
      const teams = granted ? [...granted] : [undefined];
      const seen = new Set<string>();
      for (const teamId of teams) {
        const pages = slackPages((cursor) =>
          client.users.list({ limit: PAGE_SIZE, cursor, ...(teamId ? { team_id: teamId } : {}) }).catch((error: unknown) => {
            // A 429 becomes RateLimitedError, so the sync job waits Retry-After and starts over.
            throw classifySlackError(error);
          }),
        );
        for await (const page of pages) {
          const fresh = (page.members ?? []).filter((member) => member.id !== undefined && !seen.has(member.id));
          for (const member of fresh) seen.add(member.id as string);
          yield fresh.map((member) => toProfile(member, member.id as string, granted && { granted, listedIn: teamId }));
        }
      }
    },
    async listTeams(workspaceId) {
      return (await clients.isOrganization(workspaceId)) ? grantedTeams(await clients.forWorkspace(workspaceId)) : [];
    },
    workspaceIds: () => clients.workspaceIds().catch((error: unknown) => {
      throw classifySlackError(error);
    }),
  };
}
