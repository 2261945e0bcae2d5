import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Logger } from '../lib/logger';
import type { InstallationService } from '../services/installation.service';

/** The row an installation lives under: its workspace, or its organization for an org-wide install. */
const idOf = (isEnterpriseInstall: boolean | undefined, enterpriseId: string | undefined, teamId: string | undefined): string | undefined =>
  isEnterpriseInstall ? enterpriseId : teamId;

/**
 * Bolt's InstallationStore over Cadence's installations in Postgres. Bolt's authorize reads through
 * it for every request; a revoked installation is not found, so its requests are not served.
 */
export function createInstallationStore(deps: {
  installations: InstallationService;
  /** After an install: its installer becomes the workspace's first HR admin. */
  installed: (workspaceId: string, installerSlackId: string) => Promise<void>;
  logger: Logger;
}): InstallationStore {
  return {
    async storeInstallation(installation: Installation) {
      // manifest.yml keeps org_deploy_enabled off; an org-wide install would serve no workspace yet.
      if (installation.isEnterpriseInstall) throw new Error('org-wide installs are not supported yet: install Cadence into each workspace');
      const id = installation.team?.id;
      if (!id) throw new Error('the installation names no workspace');
      const installerSlackId = installation.user.id || null;
      await deps.installations.store({
        id,
        enterpriseId: installation.enterprise?.id ?? null,
        isEnterpriseInstall: false,
        installerSlackId,
        document: JSON.stringify(installation),
      });
      if (installerSlackId) {
        // The install stands without it; the failure is logged for the operator.
        await deps.installed(id, installerSlackId).catch((error: unknown) => deps.logger.error({ err: error, workspace: id }, 'could not make the installer an HR admin'));
      }
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const id = idOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
      const document = id === undefined ? undefined : await deps.installations.find(id);
      if (document === undefined) throw new Error(`Cadence is not installed in ${id ?? 'an unnamed workspace'}`);
      return JSON.parse(document) as Installation<'v2', boolean>;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const id = idOf(query.isEnterpriseInstall, query.enterpriseId, query.teamId);
      if (id !== undefined) await deps.installations.revoke(id, 'app_uninstalled');
    },
  };
}
