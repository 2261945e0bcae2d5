import type { IntegrationsConfig } from '../config';
import type { Clock } from '../lib/clock';
import type { PushKind } from '../domain/integration';
import type { IntegrationTools } from '../services/integration.service';
import { asanaTarget } from './asana';
import { firefliesFetcher } from './fireflies';
import { granolaPoller } from './granola';
import { mondayTarget, type MondaySettings } from './monday';
import { notionTarget } from './notion';
import type { PushTarget } from './types';
import { webhookTarget } from './webhook';

const text = (settings: Record<string, unknown>, key: string) => (typeof settings[key] === 'string' ? (settings[key] as string) : '');

/** Each tool's client, on the base URLs from the environment. */
export function createIntegrationTools(config: IntegrationsConfig, clock: Clock): IntegrationTools {
  const { urls } = config;
  return {
    target(kind: PushKind, secret, settings, timeoutMs = config.timeoutMs): PushTarget {
      switch (kind) {
        case 'notion':
          return notionTarget({ baseUrl: urls.notion, token: secret, settings: { databaseId: text(settings, 'databaseId') }, timeoutMs });
        case 'asana':
          return asanaTarget({ baseUrl: urls.asana, token: secret, settings: { projectGid: text(settings, 'projectGid') }, timeoutMs });
        case 'monday':
          return mondayTarget({
            baseUrl: urls.monday,
            token: secret,
            settings: { boardId: text(settings, 'boardId'), columns: (settings.columns ?? {}) as MondaySettings['columns'] },
            timeoutMs,
          });
        case 'webhook':
          return webhookTarget({ secret, settings: { url: text(settings, 'url') }, timeoutMs, now: () => clock.now().toJSDate() });
      }
    },
    fetcher: (apiKey, timeoutMs = config.timeoutMs) => firefliesFetcher({ baseUrl: urls.fireflies, apiKey, timeoutMs }),
    poller: (apiKey, timeoutMs = config.timeoutMs) => granolaPoller({ baseUrl: urls.granola, apiKey, timeoutMs }),
  };
}
