import pino, { type Logger as PinoLogger } from 'pino';
import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import { logScopeFields } from './log-scope';

export type Logger = PinoLogger;

/** Paths pino blanks out wherever they appear: tokens and secrets must never reach a log line. */
const REDACT = [
  'token',
  '*.token',
  'botToken',
  'signingSecret',
  'appToken',
  'apiKey',
  '*.botToken',
  '*.signingSecret',
  '*.appToken',
  '*.apiKey',
  'headers.authorization',
  '*.headers.authorization',
  'slack.botToken',
  'slack.signingSecret',
  'slack.appToken',
  'openai.apiKey',
  '*.slack.botToken',
  '*.slack.signingSecret',
  '*.slack.appToken',
  '*.openai.apiKey',
  'clientSecret',
  'stateSecret',
  '*.clientSecret',
  '*.stateSecret',
  'slack.oauth.clientSecret',
  'slack.oauth.stateSecret',
  'slack.oauth.installationsKey',
  'slack.oauth.previousInstallationsKey',
  '*.slack.oauth.clientSecret',
  '*.slack.oauth.stateSecret',
  '*.slack.oauth.installationsKey',
  '*.slack.oauth.previousInstallationsKey',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'cadence' }, mixin: logScopeFields, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

const toBoltLevel: Record<string, LogLevel> = {
  trace: LogLevel.DEBUG,
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
  fatal: LogLevel.ERROR,
  silent: LogLevel.ERROR,
};

/**
 * Bolt and the Web API client log through @slack/logger's interface; route them into pino. Their
 * debug lines are dropped at every level: they print whole request and response bodies, which hold
 * what people wrote (feedback included) and the ids of who sent it.
 */
export function toSlackLogger(logger: Logger, name = 'slack'): SlackLogger {
  let child = logger.child({ component: name });
  return {
    debug: () => undefined,
    info: (...msg: unknown[]) => child.info(msg.map(String).join(' ')),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(' ')),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(' ')),
    setLevel: () => undefined,
    getLevel: () => toBoltLevel[logger.level] ?? LogLevel.INFO,
    setName: (newName: string) => {
      child = logger.child({ component: newName });
    },
  };
}
