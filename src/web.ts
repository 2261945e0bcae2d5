import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSlackApp } from './app';
import type { Deps } from './deps';
import { createHealthHandler } from './http/health';
import { createSlackRequestGuard } from './http/slack-request-guard';
import { createTranscriptWebhookHandler } from './http/transcript-webhook';
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

/**
 * The web role: Slack's requests (HTTP, or Socket Mode when an app token is set) plus
 * /healthz and /readyz. Fails here, before serving, if Slack rejects the token (auth.test).
 */
export async function startWeb(deps: Deps): Promise<RunningWeb> {
  const { app, receiver } = createSlackApp(deps.config, deps);
  await app.init();
  const health = createHealthHandler(deps.readiness);
  const transcriptWebhook = createTranscriptWebhookHandler(deps);
  const installedTeamId = (await app.client.auth.test()).team_id;
  if (!installedTeamId) throw new Error('auth.test named no team');
  const guard = createSlackRequestGuard({
    signingSecret: deps.config.slack.signingSecret,
    installedTeamId,
    claimSignature: (signature) => claimRequestSignature(deps.db, signature),
    logger: deps.logger,
  });
  const server = createServer((req, res) => {
    health(req, res)
      .then(async (handled) => {
        if (handled || (await transcriptWebhook(req, res))) return;
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
