import { ConfigError, loadConfig, wantsSandbox } from '../../src/config';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-123',
  SLACK_SIGNING_SECRET: 'shh',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/cadence',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      port: 3000,
      role: 'all',
      logLevel: 'info',
      defaultTimezone: 'UTC',
      slack: { apiUrl: 'https://slack.com/api/', appToken: undefined },
      openai: { apiKey: undefined, baseUrl: undefined, model: 'gpt-4o-mini', timeoutMs: 20000 },
    });
  });

  it('lists every missing variable at once', () => {
    expect(problemsOf({})).toEqual(['SLACK_BOT_TOKEN is missing', 'SLACK_SIGNING_SECRET is missing']);
  });

  it('leaves the database and Redis to the embedded defaults when their URLs are unset', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' });
    expect(config).toMatchObject({ databaseUrl: undefined, redisUrl: undefined, dataDir: 'data' });
    expect(loadConfig({ ...valid, DATA_DIR: '/var/lib/cadence' }).dataDir).toBe('/var/lib/cadence');
  });

  it.each([
    [{}, true],
    [{ SLACK_BOT_TOKEN: '  ', DATABASE_URL: valid.DATABASE_URL }, true],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, false],
    [{ SLACK_SIGNING_SECRET: 'shh' }, false],
    [{ SLACK_APP_TOKEN: 'xapp-1' }, false],
  ])('runs the sandbox only when no Slack credential is set: %j', (env, sandbox) => {
    expect(wantsSandbox(env)).toBe(sandbox);
  });

  it('treats blank values as missing', () => {
    expect(problemsOf({ ...valid, SLACK_SIGNING_SECRET: '' })).toEqual(['SLACK_SIGNING_SECRET is missing']);
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user', 'SLACK_BOT_TOKEN must be a bot token starting with xoxb-'],
    ['SLACK_APP_TOKEN', 'nope', 'SLACK_APP_TOKEN must be an app-level token starting with xapp-'],
    ['DATABASE_URL', 'mysql://x/y', 'DATABASE_URL must be a URL starting with postgres:// or postgresql://'],
    ['REDIS_URL', 'localhost:6379', 'REDIS_URL must be a URL starting with redis:// or rediss://'],
    ['PORT', '70000', 'PORT must be between 0 and 65535'],
    ['PORT', 'eighty', 'PORT must be a port number'],
    ['ROLE', 'cron', 'ROLE must be one of: all, web, worker'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent'],
    ['DEFAULT_TIMEZONE', 'Mars/Olympus', 'DEFAULT_TIMEZONE must be an IANA timezone such as Europe/London'],
    ['OPENAI_BASE_URL', 'ftp://x', 'OPENAI_BASE_URL must be a URL starting with http:// or https://'],
    ['OPENAI_TIMEOUT_MS', '500', 'OPENAI_TIMEOUT_MS must be at least 1000 (one second)'],
    ['OPENAI_TIMEOUT_MS', 'soon', 'OPENAI_TIMEOUT_MS must be a number of milliseconds'],
  ])('rejects %s=%s with a specific message', (name, value, message) => {
    expect(problemsOf({ ...valid, [name]: value })).toEqual([message]);
  });

  it('never echoes a secret in its message', () => {
    const error = (() => {
      try {
        loadConfig({ ...valid, SLACK_BOT_TOKEN: 'xoxp-very-secret-value', SLACK_SIGNING_SECRET: undefined });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).not.toContain('very-secret');
    expect(error.message).toContain('SLACK_SIGNING_SECRET is missing');
  });

  it('accepts Socket Mode, a custom Slack endpoint and a worker role', () => {
    const config = loadConfig({
      ...valid,
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'http://127.0.0.1:4000/api',
      ROLE: 'worker',
      PORT: '0',
    });
    expect(config.slack).toMatchObject({ appToken: 'xapp-1', apiUrl: 'http://127.0.0.1:4000/api/' });
    expect(config.role).toBe('worker');
    expect(config.port).toBe(0);
  });
});
