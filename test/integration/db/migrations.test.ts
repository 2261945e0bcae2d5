import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { migrations } from '../../../db/migrations';
import { createDb } from '../../../src/db/client';
import { migrateToLatest } from '../../../src/db/migrate';
import { databaseUrl, randomSuffix, withAdmin } from '../../support/postgres';

describe('migrations', () => {
  it('lists every migration file in the folder, in order', () => {
    const files = readdirSync(join(__dirname, '../../../db/migrations'))
      .filter((f) => f !== 'index.ts' && f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });

  it('apply to an empty database, are idempotent, and roll all the way back', async () => {
    const name = `${process.env.CADENCE_TEST_RUN_ID}_${randomSuffix()}`;
    await withAdmin((admin) => admin.query(`CREATE DATABASE ${name}`));
    const db = createDb(databaseUrl(name), { maxConnections: 2 });
    try {
      const first = await migrateToLatest(db);
      expect(first.results?.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => 'Success'));
      const second = await migrateToLatest(db);
      expect(second.results).toEqual([]);

      const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(db);
      expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['workspace', 'person', 'goal', 'delivery']));

      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      const left = await sql<{ n: number }>`select count(*)::int as n from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(db);
      expect(left.rows[0]?.n).toBe(0);
    } finally {
      await db.destroy();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});
