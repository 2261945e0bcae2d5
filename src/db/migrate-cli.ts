import { ConfigError } from '../config';
import { createDb } from './client';
import { migrateToLatest } from './migrate';
import { z } from 'zod';

// `npm run migrate` needs only the database, not the whole Slack configuration.
async function main(): Promise<void> {
  const parsed = z.string().min(1).safeParse(process.env.DATABASE_URL);
  if (!parsed.success) throw new ConfigError(['DATABASE_URL is missing']);
  const db = createDb(parsed.data, { maxConnections: 1 });
  try {
    const { results = [] } = await migrateToLatest(db);
    for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`);
    if (results.length === 0) console.log('database is up to date');
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
