import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './schema';

// pg turns `date` into a JS Date at local midnight, which shifts days across timezones;
// keep it as the plain 'YYYY-MM-DD' it is. Counts (int8) and numerics fit in a double here.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DbOptions {
  maxConnections?: number;
  /**
   * A connection broke, idle or checked out (Postgres restarted, failover, an admin's terminate);
   * the pool replaces it, and the query on it fails with the same error.
   */
  onConnectionError?: (error: Error) => void;
}

/**
 * Errors that say Postgres cannot be reached right now (down, restarting, failing over, a broken
 * connection), as opposed to a query it refused. Work that hits one waits and runs again.
 * SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, cannot connect now).
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  let current = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | null | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const code = typeof current.code === 'string' ? current.code : '';
    if (UNAVAILABLE_CODES.has(code) || code.startsWith('08')) return true;
    if (typeof current.message === 'string' && UNAVAILABLE_MESSAGES.test(current.message)) return true;
    // net's connect to every address of a host: an AggregateError of ECONNREFUSEDs.
    if (Array.isArray(current.errors) && current.errors.some((e) => isDatabaseUnavailable(e))) return true;
    current = current.cause as typeof current;
  }
  return false;
}

export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    // Fail fast rather than hold a Slack request past its 3-second ack.
    connectionTimeoutMillis: 2000,
    // Sessions in UTC so `now()`, date_trunc and friends never depend on the server's zone.
    options: '-c TimeZone=UTC',
  });
  // Without a listener, a broken connection's 'error' is uncaught and the process dies: the pool
  // listens to idle clients, a checked-out client only to its own listeners (57P01 on a restart).
  const onError = (error: Error) => options.onConnectionError?.(error);
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Resolves once the database answers a query: what /readyz checks. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
