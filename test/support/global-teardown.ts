import { withAdmin } from './postgres';

export default async function globalTeardown(): Promise<void> {
  const runId = process.env.CADENCE_TEST_RUN_ID;
  if (!runId) return;
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${runId}%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}
