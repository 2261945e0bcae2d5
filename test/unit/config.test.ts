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
      slack: { apiUrl: 'https://slack.com/api/', appToken: undefined, pacing: { postMessage: { perMinute: 300, burst: 2 } } },
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

  it('takes the queue backend from QUEUE_BACKEND, and leaves it to the machine when unset', () => {
    expect(loadConfig(valid).queueBackend).toBeUndefined();
    expect(loadConfig({ ...valid, QUEUE_BACKEND: 'postgres' })).toMatchObject({ queueBackend: 'postgres', queuePrefix: 'cadence' });
    expect(loadConfig({ ...valid, QUEUE_BACKEND: 'redis', QUEUE_PREFIX: '{cadence}' })).toMatchObject({ queueBackend: 'redis', queuePrefix: '{cadence}' });
  });

  it('refuses a QUEUE_PREFIX that cannot name the PostgreSQL schema of the queues', () => {
    expect(problemsOf({ ...valid, QUEUE_BACKEND: 'postgres', QUEUE_PREFIX: '{cadence}' })).toEqual([
      'QUEUE_PREFIX must be a PostgreSQL schema name (lower-case letters, digits and _, not starting with a digit) when QUEUE_BACKEND is postgres',
    ]);
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
    ['QUEUE_BACKEND', 'kafka', 'QUEUE_BACKEND must be redis or postgres'],
    ['SLACK_POST_MESSAGE_PER_MINUTE', 'fast', 'SLACK_POST_MESSAGE_PER_MINUTE must be a number of messages per minute'],
    ['SLACK_POST_MESSAGE_PER_MINUTE', '0', 'SLACK_POST_MESSAGE_PER_MINUTE must be at least 1'],
    ['SLACK_POST_MESSAGE_PER_MINUTE', '7.5', 'SLACK_POST_MESSAGE_PER_MINUTE must be a whole number'],
    ['OPENAI_TIMEOUT_MS', '500', 'OPENAI_TIMEOUT_MS must be at least 1000 (one second)'],
    ['OPENAI_TIMEOUT_MS', 'soon', 'OPENAI_TIMEOUT_MS must be a number of milliseconds'],
    ['AI_PRICES', 'gpt-4o-mini=cheap', 'AI_PRICES "gpt-4o-mini=cheap" needs two prices per 1,000 tokens, input then output, as in gpt-4o-mini=0.00015/0.0006'],
    ['AI_PRICE_CURRENCY', 'dollars', 'AI_PRICE_CURRENCY must be a three-letter currency code such as USD or EUR'],
  ])('rejects %s=%s with a specific message', (name, value, message) => {
    expect(problemsOf({ ...valid, [name]: value })).toEqual([message]);
  });

  it('reads the price per 1,000 tokens of each model, model names with colons included', () => {
    const { aiPrices } = loadConfig({ ...valid, AI_PRICES: 'gpt-4o-mini=0.00015/0.0006, llama3:8b=0/0', AI_PRICE_CURRENCY: 'EUR' });
    expect(aiPrices.currency).toBe('EUR');
    expect([...aiPrices.prices]).toEqual([
      ['gpt-4o-mini', { inputPer1k: 0.00015, outputPer1k: 0.0006 }],
      ['llama3:8b', { inputPer1k: 0, outputPer1k: 0 }],
    ]);
    expect(loadConfig(valid).aiPrices).toEqual({ prices: new Map(), currency: 'USD' });
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

describe('installing into many workspaces (OAuth mode)', () => {
  const oauth = {
    SLACK_SIGNING_SECRET: 'shh',
    SLACK_CLIENT_ID: '1234.5678',
    SLACK_CLIENT_SECRET: 'secret',
    SLACK_STATE_SECRET: 'a-long-enough-state-secret',
    SLACK_INSTALLATIONS_KEY: 'ab'.repeat(32),
  };
  const problems = (env: NodeJS.ProcessEnv) => {
    try {
      loadConfig(env);
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('needs no bot token, and keeps the installations key and retention', () => {
    const config = loadConfig(oauth);
    expect(config.slack.botToken).toBeUndefined();
    expect(config.slack.oauth).toMatchObject({ clientId: '1234.5678', retentionDays: 30 });
    expect(config.slack.oauth?.installationsKey).toHaveLength(32);
  });

  it('lists every OAuth variable that is missing', () => {
    expect(problems({ SLACK_SIGNING_SECRET: 'shh', SLACK_CLIENT_ID: '1234.5678' })).toEqual([
      'SLACK_CLIENT_SECRET is missing (installing into many workspaces needs it)',
      'SLACK_STATE_SECRET is missing (installing into many workspaces needs it)',
      'SLACK_INSTALLATIONS_KEY is missing (installing into many workspaces needs it)',
    ]);
  });

  it('refuses a single bot token, Socket Mode or bootstrap admins beside it', () => {
    expect(problems({ ...oauth, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', ADMIN_SLACK_IDS: 'U0ALICE' })).toEqual([
      'SLACK_BOT_TOKEN must be unset when SLACK_CLIENT_ID is set: each workspace has its own token',
      'SLACK_APP_TOKEN must be unset when SLACK_CLIENT_ID is set: installs are served over HTTP',
      'ADMIN_SLACK_IDS must be unset when SLACK_CLIENT_ID is set: whoever installs Cadence becomes its first HR admin',
    ]);
  });

  it('is not the sandbox', () => {
    expect(wantsSandbox({ SLACK_CLIENT_ID: '1234.5678' })).toBe(false);
  });
});
