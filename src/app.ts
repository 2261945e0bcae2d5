import { App, ExpressReceiver } from '@slack/bolt';
import type { Config } from './config';
import { registerListeners, type ListenerDeps } from './listeners';
import { toSlackLogger } from './lib/logger';
import type { InstallationService } from './services/installation.service';
import type { CadenceContext } from './slack/context';
import { createInstallationStore } from './slack/installation-store';
import { manifestBotScopes } from './slack/manifest-scopes';

export interface SlackApp {
  app: App<CadenceContext>;
  /** Present in HTTP mode: serves POST /slack/events and whatever routes are added to it. */
  receiver?: ExpressReceiver;
}

export type SlackAppDeps = ListenerDeps & { installations?: InstallationService };

/**
 * The Bolt app: HTTP receiver at POST /slack/events, or Socket Mode when an app token is set.
 * With OAuth configured, the receiver also serves Bolt's install pages (/slack/install and
 * /slack/oauth_redirect, state checked) and every request is authorized with its workspace's
 * installation. Nothing here does I/O; `app.init()` (auth.test) is left to the caller.
 */
export function createSlackApp(config: Config, deps: SlackAppDeps): SlackApp {
  const logger = toSlackLogger(deps.logger, 'bolt');
  const clientOptions = { slackApiUrl: config.slack.apiUrl, timeout: 10_000, retryConfig: { retries: 2, maxTimeout: 2000 } };
  const common = { logger, clientOptions, deferInitialization: true } as const;
  const { oauth } = config.slack;

  let app: App<CadenceContext>;
  let receiver: ExpressReceiver | undefined;
  if (config.slack.appToken) {
    app = new App<CadenceContext>({ ...common, token: config.slack.botToken, socketMode: true, appToken: config.slack.appToken });
  } else {
    const installations = deps.installations;
    if (oauth && !installations) throw new Error('OAuth mode needs the installation service');
    receiver = new ExpressReceiver({
      signingSecret: config.slack.signingSecret,
      // The request guard in front of Bolt has verified every signature already (src/web.ts).
      signatureVerification: false,
      logger,
      // Set by the request guard in front of Bolt (src/http/slack-request-guard.ts).
      customPropertiesExtractor: (req) => {
        const { firstDelivery } = req as { firstDelivery?: Promise<boolean> };
        return firstDelivery ? { firstDelivery } : {};
      },
      ...(oauth && installations
        ? {
            clientId: oauth.clientId,
            clientSecret: oauth.clientSecret,
            stateSecret: oauth.stateSecret,
            scopes: manifestBotScopes(),
            installationStore: createInstallationStore({
              installations,
              installed: async (workspaceId, installer) => {
                await deps.people.grantInstallerAdmin(workspaceId, installer);
                await deps.people.syncTeams(workspaceId);
              },
              logger: deps.logger,
            }),
            // oauth.v2.access goes where every other Web API call goes (the emulator in tests).
            installerOptions: { stateVerification: true, clientOptions: { slackApiUrl: config.slack.apiUrl } },
          }
        : {}),
    });
    app = new App<CadenceContext>({ ...common, ...(oauth ? {} : { token: config.slack.botToken }), receiver });
  }
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  registerListeners(app, deps);
  return { app, receiver };
}
