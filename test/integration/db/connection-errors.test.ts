import { sql } from 'kysely';
import { createDb } from '../../../src/db/client';
import { databaseUrl, withAdmin } from '../../support/postgres';

/**
 * Postgres restarting terminates every session (57P01). pg emits that as an 'error' event on the
 * client, idle or checked out, and an 'error' nobody listens to kills the process.
 */
describe('a Postgres connection terminated under a running query', () => {
  it('fails that query and reports the error, and the process lives on', async () => {
    const errors: Error[] = [];
    const db = createDb(databaseUrl('postgres'), { maxConnections: 2, onConnectionError: (error) => errors.push(error) });
    try {
      const running = db.connection().execute(async (conn) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(conn);
        await withAdmin((admin) => admin.query('select pg_terminate_backend($1)', [rows[0]?.pid]));
        return sql`select pg_sleep(5)`.execute(conn);
      });
      await expect(running).rejects.toBeInstanceOf(Error);
      expect(errors.some((e) => (e as Error & { code?: string }).code === '57P01')).toBe(true);
      // The pool replaced the broken connection.
      expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.destroy();
    }
  });
});
