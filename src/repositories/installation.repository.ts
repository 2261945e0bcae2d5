import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/client';

/**
 * True unless Cadence was uninstalled from the workspace in `column` (single-workspace mode has no
 * installations, so everything is served). Dispatchers leave such a workspace's due work where it
 * is: after a reinstall it is due at once, and it goes with the workspace's data otherwise.
 *
 * `not in` (ids are never null) rather than `not exists`: Postgres plans the latter as an anti-join
 * and, where most due rows share a workspace or two, guesses it removes nearly all of them, so
 * each dispatcher batch read and sorted every due row instead of walking the due index to its limit.
 */
export const workspaceServed = (column: string): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} not in (select uninstalled.id from slack_installation as uninstalled where uninstalled.revoked_at is not null)`;

export interface InstallationRecord {
  id: string;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  sealed: string;
  installerSlackId: string | null;
}

/** Records an install; a reinstall after an uninstall makes the row active again. */
export async function upsertInstallation(db: Db, record: InstallationRecord, at: Date): Promise<void> {
  const values = {
    enterprise_id: record.enterpriseId,
    is_enterprise_install: record.isEnterpriseInstall,
    installation: record.sealed,
    installer_slack_id: record.installerSlackId,
    installed_at: at,
    revoked_at: null,
    revoked_reason: null,
    data_deleted_at: null,
  };
  await db
    .insertInto('slack_installation')
    .values({ id: record.id, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** The sealed installation, unless it was never made or has been revoked. */
export async function findActiveInstallation(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('slack_installation').select('installation').where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return row?.installation ?? undefined;
}

/** Whether a row exists for this id at all, revoked or not. */
export async function installationExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('slack_installation').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Active installations' ids: a workspace's team id, or an org-wide install's enterprise id. */
export async function listActiveWorkspaceInstallations(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('slack_installation').select('id').where('revoked_at', 'is', null).orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** Drops the tokens and records why; true only for the call that revoked it. */
export async function revokeInstallation(db: Db, id: string, reason: string, at: Date): Promise<boolean> {
  const row = await db
    .updateTable('slack_installation')
    .set({ installation: null, revoked_at: at, revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Revoked installations whose data is still kept and was revoked before `before`. */
export async function listExpiredInstallations(db: Db, before: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('slack_installation')
    .select('id')
    .where('revoked_at', '<', before)
    .where('data_deleted_at', 'is', null)
    .orderBy('revoked_at')
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Deletes the revoked workspace's data (every table cascades from `workspace`) and records when,
 * in one transaction; false when the installation is active again or its data is gone already.
 */
export async function deleteRevokedWorkspaceData(db: Db, id: string, at: Date): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const marked = await tx
      .updateTable('slack_installation')
      .set({ data_deleted_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is not', null)
      .where('data_deleted_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!marked) return false;
    await tx.deleteFrom('workspace').where('id', '=', id).execute();
    return true;
  });
}

export async function listSealedInstallations(db: Db): Promise<Array<{ id: string; sealed: string }>> {
  const rows = await db.selectFrom('slack_installation').select(['id', 'installation']).where('installation', 'is not', null).execute();
  return rows.flatMap((row) => (row.installation ? [{ id: row.id, sealed: row.installation }] : []));
}

/** Replaces a sealed installation only if it is still the one read (a concurrent reinstall wins). */
export async function resealInstallation(db: Db, id: string, from: string, to: string): Promise<void> {
  await db.updateTable('slack_installation').set({ installation: to }).where('id', '=', id).where('installation', '=', from).execute();
}
