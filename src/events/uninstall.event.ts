import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { InstallationService } from '../services/installation.service';
import type { CadenceContext } from '../slack/context';
import { tenantOf } from '../slack/tenant';

/** The Cadence workspace the event stops: the organization when Cadence is installed org-wide there. */
function workspaceOf(body: { team_id: string; enterprise_id?: string; authorizations?: Array<{ is_enterprise_install?: boolean; enterprise_id?: string | null }> }): string {
  const authorization = body.authorizations?.[0];
  return (
    tenantOf({ teamId: body.team_id, enterpriseId: authorization?.enterprise_id ?? body.enterprise_id, isEnterpriseInstall: authorization?.is_enterprise_install }) ?? body.team_id
  );
}

export interface UninstallDeps {
  /** OAuth mode only; with a single bot token the operator replaces the token instead. */
  installations?: InstallationService;
  logger: Logger;
}

/** Cadence was removed from the workspace: all its work stops at once (src/slack/clients.ts). */
export function appUninstalled(deps: UninstallDeps): Middleware<SlackEventMiddlewareArgs<'app_uninstalled'>, CadenceContext> {
  return async ({ body }) => {
    if (deps.installations) await deps.installations.revoke(workspaceOf(body), 'app_uninstalled');
    else deps.logger.warn({ workspace: body.team_id }, 'Cadence was uninstalled; its bot token no longer works');
  };
}

/** Only the bot's tokens matter: a user token revoked leaves Cadence working. */
export function tokensRevoked(deps: UninstallDeps): Middleware<SlackEventMiddlewareArgs<'tokens_revoked'>, CadenceContext> {
  return async ({ body, event }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    if (deps.installations) await deps.installations.revoke(workspaceOf(body), 'tokens_revoked');
    else deps.logger.warn({ workspace: body.team_id }, "Cadence's bot token was revoked");
  };
}
