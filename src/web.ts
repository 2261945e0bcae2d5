import type { App } from '@slack/bolt';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackApp } from './app';
import type { Deps } from './deps';
import { createHealthHandler } from './http/health';
import { createMetricsHandler } from './http/metrics';
import { createAnswersFirst } from './http/answers-first';
import { createSlackRequestGuard, type SlackRequestKind } from './http/slack-request-guard';
import { createTranscriptWebhookHandler } from './http/transcript-webhook';
import type { Metrics } from './lib/metrics';
import { claimRequestSignature } from './repositories/slack-request.repository';

export interface RunningWeb {
  /** The port actually bound (PORT=0 picks a free one). */
  port: number;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Counts a Slack request by what it was for (as the request guard read it) and times its answer. */
function observeAck(metrics: Metrics, req: IncomingMessage & { slackRequest?: SlackRequestKind }, res: ServerResponse): void {
  const started = performance.now();
  res.once('finish', () => {
    const { kind, listener } = req.slackRequest ?? { kind: 'refused', listener: 'none' };
    metrics.requests.inc({ kind, listener, status: String(res.statusCode) });
    metrics.ackSeconds.observe({ kind, listener }, (performance.now() - started) / 1000);
  });
}

/** Slack's events that say a workspace's tokens are gone: taken from a workspace that is no longer served. */
const REVOCATION_EVENTS = new Set(['app_uninstalled', 'tokens_revoked']);

/**
 * Which workspaces' requests are served. A single bot token serves its own team (auth.test, which
 * fails the start if Slack rejects the token); in OAuth mode, every workspace (or organization
 * installed org-wide) with an active installation. Any other is refused (and logged by the guard),
 * never quietly made a workspace.
 */
async function servedWorkspaces(app: App, deps: Deps): Promise<(workspaceId: string, request: SlackRequestKind) => Promise<boolean>> {
  const { installations } = deps;
  if (installations) {
    return async (workspaceId, request) =>
      (await installations.isActive(workspaceId)) ||
      (request.kind === 'event_callback' && REVOCATION_EVENTS.has(request.listener) && (await installations.isKnown(workspaceId)));
  }
  const installedTeamId = (await app.client.auth.test()).team_id;
  if (!installedTeamId) throw new Error('auth.test named no team');
  return async (teamId) => teamId === installedTeamId;
}

/**
 * The web role: Slack's requests (HTTP, or Socket Mode when an app token is set) plus
 * /healthz and /readyz, and with OAuth installs /slack/install and /slack/oauth_redirect. With a
 * single bot token it fails here, before serving, if Slack rejects the token (auth.test).
 */
export async function startWeb(deps: Deps): Promise<RunningWeb> {
  const { app, receiver } = createSlackApp(deps.config, deps);
  await app.init();
  const health = createHealthHandler(deps.readiness);
  const transcriptWebhook = createTranscriptWebhookHandler(deps);
  const guard = createSlackRequestGuard({
    signingSecret: deps.config.slack.signingSecret,
    serves: await servedWorkspaces(app, deps),
    claimSignature: (signature) => claimRequestSignature(deps.db, signature),
    answersFirst: createAnswersFirst(),
    logger: deps.logger,
  });
  const metrics = createMetricsHandler(deps.metrics);
  const server = createServer((req: IncomingMessage & { slackRequest?: SlackRequestKind }, res) => {
    if (req.method === 'POST') observeAck(deps.metrics, req, res);
    health(req, res)
      .then(async (handled) => {
        if (handled || (await metrics(req, res)) || (await transcriptWebhook(req, res))) return;
        if (!receiver) return void res.writeHead(404).end();
        if (req.method === 'POST' && (await guard(req, res)) === 'answered') return;
        receiver.app(req, res);
      })
      .catch((error: unknown) => {
        deps.logger.error({ err: error }, 'HTTP request failed');
        if (!res.headersSent) res.writeHead(500).end();
      });
  });
  if (!receiver) await app.start();
  const port = await listen(server, deps.config.port, deps.config.host);
  deps.logger.info({ port, mode: receiver ? 'http' : 'socket' }, 'web role listening');

  return {
    port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      if (!receiver) await app.stop();
    },
  };
}
