import type { Middleware, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import type { InstallationService } from '../services/installation.service';
import type { CadenceContext } from '../slack/context';
import { tenantOf } from '../slack/tenant';

export interface UninstallDeps {
  /** OAuth mode only; with a single bot token the operator replaces the token instead. */
  installations?: InstallationService;
  logger: Logger;
}

/** Cadence was removed from the workspace: all its work stops at once (src/slack/clients.ts). */
export function appUninstalled(deps: UninstallDeps): Middleware<SlackEventMiddlewareArgs<'app_uninstalled'>, CadenceContext> {
  return async ({ body, context }) => {
    // The Cadence workspace the event stops, as every listener maps it: the organization for an org-wide install.
    if (deps.installations) await deps.installations.revoke(tenantOf(context) ?? body.team_id, 'app_uninstalled');
    else deps.logger.warn({ workspace: body.team_id }, 'Cadence was uninstalled; its bot token no longer works');
  };
}

/** Only the bot's tokens matter: a user token revoked leaves Cadence working. */
export function tokensRevoked(deps: UninstallDeps): Middleware<SlackEventMiddlewareArgs<'tokens_revoked'>, CadenceContext> {
  return async ({ body, event, context }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    if (deps.installations) await deps.installations.revoke(tenantOf(context) ?? body.team_id, 'tokens_revoked');
    else deps.logger.warn({ workspace: body.team_id }, "Cadence's bot token was revoked");
  };
}
