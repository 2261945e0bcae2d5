import type { Installation } from '@slack/oauth';
import type { WebClient } from '@slack/web-api';
import { PermanentError } from '../lib/errors';
import type { InstallationService, RevocationReason } from '../services/installation.service';

/** Slack's answers that mean the workspace's token is dead: no retry can help, and none may be tried. */
const TOKEN_DEAD = new Set<RevocationReason>(['token_revoked', 'invalid_auth', 'account_inactive']);

export const isTokenDead = (code: string): code is RevocationReason => TOKEN_DEAD.has(code as RevocationReason);

/** Cadence was uninstalled from the workspace (or its token revoked): nothing is sent there any more. */
export class WorkspaceNotServedError extends PermanentError {
  constructor(readonly workspaceId: string) {
    super(`Cadence is not installed in workspace ${workspaceId}`);
  }
}

/** The Web API client each job uses for the workspace it acts for. */
export interface SlackClients {
  /** Throws WorkspaceNotServedError when the workspace has no active installation. */
  forWorkspace(workspaceId: string): Promise<WebClient>;
  /** Whether Cadence may still act in the workspace. */
  serves(workspaceId: string): Promise<boolean>;
  workspaceIds(): Promise<string[]>;
  /** Whether the workspace is an Enterprise Grid organization installed org-wide (its token spans the org's workspaces). */
  isOrganization(workspaceId: string): Promise<boolean>;
  /**
   * A call with `token` was answered that it is dead (`code`): the workspace stops, once, unless a
   * reinstall has replaced that token meanwhile.
   */
  tokenRejected(workspaceId: string, code: RevocationReason, token: string | undefined): Promise<void>;
}

/** Single-workspace mode: one client, for the bot token's team; a dead token fails sends as before. */
export function singleTokenClients(client: WebClient): SlackClients {
  let team: Promise<string> | undefined;
  const teamId = () =>
    (team ??= client.auth.test().then(
      (auth) => {
        if (!auth.team_id) throw new Error('auth.test named no team');
        return auth.team_id;
      },
      (error: unknown) => {
        team = undefined;
        throw error;
      },
    ));
  return {
    forWorkspace: async () => client,
    serves: async () => true,
    workspaceIds: async () => [await teamId()],
    isOrganization: async () => false,
    tokenRejected: async () => undefined,
  };
}

/**
 * OAuth mode: each workspace's client carries its own installation's bot token, read from Postgres
 * for every job (a workspace uninstalled a moment ago gets nothing more); clients are cached per
 * workspace and token, so pacing stays per workspace.
 */
export function installedClients(deps: { installations: InstallationService; build: (token: string, teamId: string) => WebClient }): SlackClients {
  const cache = new Map<string, { token: string; client: WebClient }>();
  const installationOf = async (workspaceId: string, options?: { fresh: boolean }) => {
    const document = await deps.installations.find(workspaceId, options);
    return document === undefined ? undefined : (JSON.parse(document) as Installation);
  };
  const tokenOf = async (workspaceId: string, options?: { fresh: boolean }) => (await installationOf(workspaceId, options))?.bot?.token;
  return {
    async forWorkspace(workspaceId) {
      const token = await tokenOf(workspaceId);
      if (token === undefined) {
        cache.delete(workspaceId);
        throw new WorkspaceNotServedError(workspaceId);
      }
      const cached = cache.get(workspaceId);
      if (cached?.token === token) return cached.client;
      const client = deps.build(token, workspaceId);
      cache.set(workspaceId, { token, client });
      return client;
    },
    serves: (workspaceId) => deps.installations.isActive(workspaceId),
    workspaceIds: () => deps.installations.activeWorkspaces(),
    isOrganization: async (workspaceId) => (await installationOf(workspaceId))?.isEnterpriseInstall === true,
    async tokenRejected(workspaceId, code, token) {
      cache.delete(workspaceId);
      // A job that still held the token of before a reinstall must not stop the new installation.
      if (token !== undefined && (await tokenOf(workspaceId, { fresh: true })) !== token) return;
      await deps.installations.revoke(workspaceId, code);
    },
  };
}
