import { ConfigError, loadConfig } from './config';
import { createDb } from './db/client';
import { systemClock } from './lib/clock';
import { createLogger } from './lib/logger';
import { createSecretBox } from './lib/secret-box';
import { createInstallationService } from './services/installation.service';

/**
 * `npm run workspace:delete -- T0123`: deletes an uninstalled workspace's data at once, when its
 * admin asks, instead of after the retention period. An active installation is left alone.
 */
async function main(): Promise<void> {
  const [workspaceId] = process.argv.slice(2);
  if (!workspaceId || !/^[TE][A-Z0-9]{2,}$/.test(workspaceId)) throw new Error('usage: npm run workspace:delete -- <team id T…, or enterprise id E… of an org-wide install>');
  const config = loadConfig();
  const { oauth } = config.slack;
  if (!oauth) throw new ConfigError(['SLACK_CLIENT_ID is missing: only workspaces installed through OAuth can be deleted this way']);
  if (!config.databaseUrl) throw new ConfigError(['DATABASE_URL is missing']);
  const db = createDb(config.databaseUrl, { maxConnections: 1 });
  try {
    const installations = createInstallationService({
      db,
      clock: systemClock,
      logger: createLogger(config.logLevel),
      keys: { current: createSecretBox(oauth.installationsKey) },
      retentionDays: oauth.retentionDays,
      defaultTimezone: config.defaultTimezone,
    });
    const deleted = await installations.deleteNow(workspaceId);
    console.log(deleted ? `deleted the data of ${workspaceId}` : `nothing deleted: ${workspaceId} is still installed, unknown, or already deleted`);
    if (!deleted) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
