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
  /** An idle connection broke (Postgres restarted, failover); the pool replaces it. */
  onIdleClientError?: (error: Error) => void;
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
  // Without a listener, pg re-emits an idle client's error as an uncaught 'error' and the process dies.
  pool.on('error', (error) => options.onIdleClientError?.(error));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Resolves once the database answers a query: what /readyz checks. */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
