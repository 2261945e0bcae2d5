import { Redis } from 'ioredis';
import { Client } from 'pg';

/** How long a server may take to answer before the suite reports it missing. */
const ANSWER_WITHIN_MS = 3000;

async function postgresAnswers(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: ANSWER_WITHIN_MS });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message || error.name : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function redisAnswers(url: string): Promise<string | undefined> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: ANSWER_WITHIN_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // connect() only rejects with "Connection is closed."; the socket's error says why.
  let cause: string | undefined;
  redis.on('error', (error: Error) => void (cause ??= error.message));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return cause ?? (error instanceof Error ? error.message : String(error));
  } finally {
    redis.disconnect();
  }
}

/**
 * One line naming each server the suite needs that does not answer, with how to get it, or
 * undefined when both do: so a missing server fails the run at once instead of every test timing out.
 */
export async function missingServices(postgresUrl: string, redisUrl: string): Promise<string | undefined> {
  const [postgres, redis] = await Promise.all([postgresAnswers(postgresUrl), redisAnswers(redisUrl)]);
  const missing = [
    ...(postgres === undefined ? [] : [`PostgreSQL at ${new URL(postgresUrl).host} (${postgres}; set TEST_POSTGRES_URL)`]),
    ...(redis === undefined ? [] : [`Redis at ${new URL(redisUrl).host} (${redis}; set REDIS_URL)`]),
  ];
  if (missing.length === 0) return undefined;
  return `The tests need ${missing.join(' and ')}. Start both with \`docker compose up -d postgres redis\`, or see "Run the tests" in the README.`;
}
