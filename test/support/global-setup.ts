import { createDb } from '../../src/db/client';
import { migrateToLatest } from '../../src/db/migrate';
import { adminUrl, databaseUrl, randomSuffix, withAdmin } from './postgres';
import { TEST_REDIS_URL } from './redis';
import { missingServices } from './services';

/**
 * Migrates one template database per run; each test file clones it (fast, isolated).
 * The run id lets several runs share the server without touching each other's databases.
 */
export default async function globalSetup(): Promise<void> {
  const missing = await missingServices(adminUrl, TEST_REDIS_URL);
  if (missing) throw new Error(missing);
  const runId = `cadence_test_${randomSuffix()}`;
  const template = `${runId}_template`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${template}`));
  const db = createDb(databaseUrl(template), { maxConnections: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  process.env.CADENCE_TEST_RUN_ID = runId;
  process.env.CADENCE_TEST_TEMPLATE_DB = template;
}
