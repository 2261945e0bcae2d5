import { App, ExpressReceiver } from '@slack/bolt';
import type { Config } from './config';
import { registerListeners, type ListenerDeps } from './listeners';
import { toSlackLogger } from './lib/logger';
import type { CadenceContext } from './slack/context';

export interface SlackApp {
  app: App<CadenceContext>;
  /** Present in HTTP mode: serves POST /slack/events and whatever routes are added to it. */
  receiver?: ExpressReceiver;
}

/**
 * The Bolt app: HTTP receiver at POST /slack/events, or Socket Mode when an app token is set.
 * Nothing here does I/O; `app.init()` (auth.test) is left to the caller.
 */
export function createSlackApp(config: Config, deps: ListenerDeps): SlackApp {
  const logger = toSlackLogger(deps.logger, 'bolt');
  const clientOptions = { slackApiUrl: config.slack.apiUrl, timeout: 10_000, retryConfig: { retries: 2, maxTimeout: 2000 } };
  const common = { token: config.slack.botToken, logger, clientOptions, deferInitialization: true } as const;

  let app: App<CadenceContext>;
  let receiver: ExpressReceiver | undefined;
  if (config.slack.appToken) {
    app = new App<CadenceContext>({ ...common, socketMode: true, appToken: config.slack.appToken });
  } else {
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
    });
    app = new App<CadenceContext>({ ...common, receiver });
  }
  app.error(async (error) => {
    deps.logger.error({ err: error }, 'unhandled error in a Slack listener');
  });
  registerListeners(app, deps);
  return { app, receiver };
}
