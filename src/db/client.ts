import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './schema';

// pg turns `date` into a JS Date at local midnight, which shifts days across timezones;
// keep it as the plain 'YYYY-MM-DD' it is. Counts (int8) and numerics fit in a double here.
types.setTypeParser(types.builtins.DATE, (value) => value);
types.setTypeParser(types.builtins.INT8, (value) => Number(value));
types.setTypeParser(types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;

export function createDb(databaseUrl: string, options: { maxConnections?: number } = {}): Db {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.maxConnections ?? 10,
    // Sessions in UTC so `now()`, date_trunc and friends never depend on the server's zone.
    options: '-c TimeZone=UTC',
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
