import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Logger } from '../lib/logger';
import type { InstallationService } from '../services/installation.service';
import { tenantOf } from './tenant';

const tenantOfQuery = (query: InstallationQuery<boolean>) =>
  tenantOf({ teamId: query.teamId, enterpriseId: query.enterpriseId, isEnterpriseInstall: query.isEnterpriseInstall });

/**
 * Bolt's InstallationStore over Cadence's installations in Postgres. Bolt's authorize reads through
 * it for every request; a revoked installation is not found, so its requests are not served. An
 * org-wide install is stored under its enterprise id and serves every workspace of the org.
 */
export function createInstallationStore(deps: {
  installations: InstallationService;
  /** After an install: its installer becomes the workspace's first HR admin (and an org's workspaces are recorded). */
  installed: (workspaceId: string, installerSlackId: string) => Promise<void>;
  logger: Logger;
}): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      const isEnterpriseInstall = installation.isEnterpriseInstall === true;
      const id = tenantOf({ teamId: installation.team?.id, enterpriseId: installation.enterprise?.id, isEnterpriseInstall });
      if (!id) throw new Error(isEnterpriseInstall ? 'the org-wide installation names no organization' : 'the installation names no workspace');
      const installerSlackId = installation.user.id || null;
      await deps.installations.store({
        id,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall,
        installerSlackId,
        document: JSON.stringify(installation),
      });
      if (installerSlackId) {
        // The install stands without it; the failure is logged for the operator.
        await deps.installed(id, installerSlackId).catch((error: unknown) => deps.logger.error({ err: error, workspace: id }, "could not make the installer an HR admin or record the organization's workspaces"));
      }
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const id = tenantOfQuery(query);
      const document = id === undefined ? undefined : await deps.installations.find(id);
      if (document === undefined) throw new Error(`Cadence is not installed in ${id ?? 'an unnamed workspace'}`);
      return JSON.parse(document) as Installation<'v2', boolean>;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const id = tenantOfQuery(query);
      if (id !== undefined) await deps.installations.revoke(id, 'app_uninstalled');
    },
  };
}
