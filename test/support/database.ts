import { createDb, type Db } from '../../src/db/client';
import { databaseUrl, randomSuffix, withAdmin } from './postgres';

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = process.env.CADENCE_TEST_RUN_ID;
  const template = process.env.CADENCE_TEST_TEMPLATE_DB;
  if (!runId || !template) throw new Error('test/support/global-setup.ts did not run');
  const name = `${runId}_${randomSuffix()}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = databaseUrl(name);
  const db = createDb(url, { maxConnections: 4 });
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
