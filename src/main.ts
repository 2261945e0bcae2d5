import { sandboxBanner, sandboxEnv, startSandbox } from '../sandbox/web/start';
import { startCadence } from './cadence';
import { ConfigError, loadConfig, wantsSandbox } from './config';
import { createLogger } from './lib/logger';

async function main(): Promise<void> {
  // No Slack credentials: the sandbox, a simulated workspace with a web page, stands in for Slack.
  const sandbox = wantsSandbox();
  let config;
  try {
    config = loadConfig(sandbox ? sandboxEnv(process.env) : process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));

  let cadence: { stop(): Promise<void> };
  try {
    if (sandbox) {
      const running = await startSandbox(config, logger);
      process.stdout.write(sandboxBanner(running.url, running.cadence.deps.config));
      cadence = running;
    } else {
      cadence = await startCadence(config, logger);
    }
  } catch (error) {
    // The cause in one line (Postgres down, Slack token refused...); the stack helps no operator here.
    const message = `Cadence could not start: ${error instanceof Error ? error.message : String(error)}`;
    // The sandbox is run by a person at a terminal, who should not have to read a JSON log line.
    if (sandbox) process.stderr.write(`\n${message}\n\n`);
    else logger.fatal(message);
    process.exit(1);
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // worker.close() waits for running jobs without a limit of its own; orchestrators SIGKILL at 30 s.
    setTimeout(() => {
      logger.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000).unref();
    cadence
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

void main();
