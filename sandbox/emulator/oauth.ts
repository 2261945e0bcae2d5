/**
 * Slack's OAuth v2 exchange as an app sees it: a person approves the install in a workspace (the
 * test says so with `authorize`), Slack redirects with a one-time code, and the app trades it at
 * oauth.v2.access for the workspace's bot token. The browser part of the flow is the test's.
 */
import { randomUUID } from 'node:crypto';
import { stringParam } from './params';
import type { Enterprise } from './enterprise';
import type { ApiBody, JsonRecord } from './types';
import type { Workspace } from './workspace';

/** The scopes an install is granted when the test names none: manifest.yml's. */
export const DEFAULT_INSTALL_SCOPES = ['commands', 'chat:write', 'im:write', 'im:history', 'users:read', 'users:read.email'];

/** An install approved in a workspace, or org-wide in an organization. */
type Grant = ({ ws: Workspace } | { org: Enterprise }) & { userId: string; scopes: readonly string[] };

export class OAuthInstalls {
  private readonly codes = new Map<string, Grant>();

  /** When set, oauth.v2.access checks the app's credentials as Slack does. */
  constructor(private readonly client?: { clientId: string; clientSecret: string }) {}

  /** A person approved the install: the code Slack would put on the redirect URL. */
  authorize(ws: Workspace, userId: string, scopes: readonly string[] = DEFAULT_INSTALL_SCOPES): string {
    const code = `code-${randomUUID()}`;
    this.codes.set(code, { ws, userId, scopes });
    return code;
  }

  /** An org admin approved an org-wide install. */
  authorizeOrg(org: Enterprise, userId: string, scopes: readonly string[] = DEFAULT_INSTALL_SCOPES): string {
    const code = `code-${randomUUID()}`;
    this.codes.set(code, { org, userId, scopes });
    return code;
  }

  /** oauth.v2.access: one answer per code, shaped like Slack's for a bot-only install (org-wide: team null). */
  exchange(params: JsonRecord, authorization: string | undefined): ApiBody {
    const basic = /^Basic\s+(.+)$/i.exec(authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const clientId = stringParam(params, 'client_id') ?? basicId;
    const clientSecret = stringParam(params, 'client_secret') ?? basicSecret;
    if (this.client && clientId !== this.client.clientId) return { ok: false, error: 'invalid_client_id' };
    if (this.client && clientSecret !== this.client.clientSecret) return { ok: false, error: 'bad_client_secret' };
    const code = stringParam(params, 'code');
    const grant = code === undefined ? undefined : this.codes.get(code);
    if (!code || !grant) return { ok: false, error: 'invalid_code' };
    this.codes.delete(code);
    const common = { ok: true, authed_user: { id: grant.userId }, scope: grant.scopes.join(','), token_type: 'bot' };
    if ('org' in grant) {
      const { org } = grant;
      org.installed = true;
      org.tokenRevoked = false;
      return {
        ...common,
        app_id: org.appId,
        access_token: org.botToken,
        bot_user_id: org.botUserId,
        team: null,
        enterprise: { id: org.id, name: org.name },
        is_enterprise_install: true,
      };
    }
    const { ws } = grant;
    // A reinstall brings the app back, with the workspace's token working again.
    ws.tokenRevoked = false;
    return {
      ...common,
      app_id: ws.appId,
      access_token: ws.botToken,
      bot_user_id: ws.botUserId,
      team: { id: ws.teamId, name: ws.name },
      enterprise: ws.enterprise ? { id: ws.enterprise.id, name: ws.enterprise.name } : null,
      is_enterprise_install: false,
    };
  }

  reset(): void {
    this.codes.clear();
  }
}
