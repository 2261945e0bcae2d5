import type { Db } from '../db/client';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { SecretBox } from '../lib/secret-box';
import {
  deleteRevokedWorkspaceData,
  findActiveInstallation,
  installationExists,
  listActiveWorkspaceInstallations,
  listExpiredInstallations,
  listSealedInstallations,
  resealInstallation,
  revokeInstallation,
  upsertInstallation,
} from '../repositories/installation.repository';
import { ensureWorkspace } from '../repositories/workspace.repository';

/** An installation as Cadence keeps it; `document` is Slack's installation (tokens inside) as JSON. */
export interface NewInstallation {
  id: string;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  installerSlackId: string | null;
  document: string;
}

/** Why an installation stopped: the event Slack sent, or what a call with its token was answered. */
export type RevocationReason = 'app_uninstalled' | 'tokens_revoked' | 'token_revoked' | 'invalid_auth' | 'account_inactive' | 'admin_request';

export interface InstallationService {
  /** Records an install (or a reinstall, which makes a revoked installation active again). */
  store(installation: NewInstallation): Promise<void>;
  /**
   * The installation document of an active installation; undefined when none or revoked. `fresh`
   * reads Postgres even when this process read it a moment ago (another may have reinstalled since).
   */
  find(id: string, options?: { fresh: boolean }): Promise<string | undefined>;
  /** Whether Slack's requests for this workspace are served now. */
  isActive(id: string): Promise<boolean>;
  /** Whether the workspace ever installed Cadence (its uninstall events are still taken). */
  isKnown(id: string): Promise<boolean>;
  /** Every served Cadence workspace: installed workspaces and organizations installed org-wide. */
  activeWorkspaces(): Promise<string[]>;
  /** Stops all work for the workspace: its tokens are dropped. Logged once, however often it is said. */
  revoke(id: string, reason: RevocationReason): Promise<boolean>;
  /** Deletes the data of workspaces revoked longer than the retention period ago; returns their ids. */
  deleteExpired(): Promise<string[]>;
  /** Deletes a revoked workspace's data at once (an admin's request); false when it is active or gone. */
  deleteNow(id: string): Promise<boolean>;
  /** Seals every installation with the current key (after a rotation); returns how many changed. */
  reseal(): Promise<number>;
}

const DAY_MS = 86_400_000;
/** How long an installation read serves the reads after it (wall clock). */
const RECENT_MS = 1000;
/** Past this many workspaces remembered, the expired ones are dropped. */
const RECENT_LIMIT = 1000;

export function createInstallationService(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The current key, and the one before a rotation (still read, never written). */
  keys: { current: SecretBox; previous?: SecretBox };
  retentionDays: number;
  defaultTimezone: string;
  /** Monotonic milliseconds, for how long a read is remembered: real time, not the sandbox's clock. */
  monotonicMs?: () => number;
}): InstallationService {
  const { db, clock, logger, keys } = deps;
  const monotonicMs = deps.monotonicMs ?? (() => performance.now());
  const now = () => clock.now().toJSDate();

  const open = (sealed: string): { document: string; current: boolean } => {
    try {
      return { document: keys.current.open(sealed), current: true };
    } catch (error) {
      if (!keys.previous) throw error;
      return { document: keys.previous.open(sealed), current: false };
    }
  };

  // Each request is checked by the request guard and then authorized by Bolt, both asking for its
  // installation within a few milliseconds: one read serves both. An install or a revocation in
  // this process is seen at once; one in another process within RECENT_MS, and a token Slack has
  // revoked meanwhile fails its first call, which stops the workspace all the same.
  const recent = new Map<string, { at: number; document: Promise<string | undefined> }>();
  const readActive = (id: string, options?: { fresh: boolean }): Promise<string | undefined> => {
    const at = monotonicMs();
    const hit = recent.get(id);
    if (hit && at - hit.at < RECENT_MS && !options?.fresh) return hit.document;
    if (recent.size >= RECENT_LIMIT) for (const [key, entry] of recent) if (at - entry.at >= RECENT_MS) recent.delete(key);
    const document = findActiveInstallation(db, id).then((sealed) => (sealed === undefined ? undefined : open(sealed).document));
    recent.set(id, { at, document });
    document.catch(() => recent.delete(id));
    return document;
  };

  const deleteData = async (id: string, why: string): Promise<boolean> => {
    const deleted = await deleteRevokedWorkspaceData(db, id, now());
    if (deleted) logger.warn({ workspace: id, why }, "deleted an uninstalled workspace's data");
    return deleted;
  };

  return {
    async store(installation) {
      await upsertInstallation(
        db,
        {
          id: installation.id,
          enterpriseId: installation.enterpriseId,
          isEnterpriseInstall: installation.isEnterpriseInstall,
          installerSlackId: installation.installerSlackId,
          sealed: keys.current.seal(installation.document),
        },
        now(),
      );
      recent.delete(installation.id);
      // An org-wide install is one Cadence workspace for the whole organization, under its enterprise id.
      await ensureWorkspace(db, installation.id, deps.defaultTimezone);
      logger.info({ workspace: installation.id, enterprise: installation.enterpriseId, installer: installation.installerSlackId }, 'Cadence installed');
    },

    find: readActive,

    async isActive(id) {
      return (await readActive(id)) !== undefined;
    },

    isKnown: (id) => installationExists(db, id),

    activeWorkspaces: () => listActiveWorkspaceInstallations(db),

    async revoke(id, reason) {
      const revoked = await revokeInstallation(db, id, reason, now());
      recent.delete(id);
      if (revoked) {
        logger.warn({ workspace: id, reason, retentionDays: deps.retentionDays }, 'Cadence was uninstalled or its token revoked: all work for the workspace stops');
      }
      return revoked;
    },

    async deleteExpired() {
      const expired = await listExpiredInstallations(db, new Date(now().getTime() - deps.retentionDays * DAY_MS));
      const deleted: string[] = [];
      for (const id of expired) if (await deleteData(id, 'retention period over')) deleted.push(id);
      return deleted;
    },

    deleteNow: (id) => deleteData(id, 'admin request'),

    async reseal() {
      let changed = 0;
      for (const { id, sealed } of await listSealedInstallations(db)) {
        let opened: ReturnType<typeof open>;
        try {
          opened = open(sealed);
        } catch (error) {
          // One installation neither key opens (the previous key dropped too early) stops that workspace, not the start of all.
          logger.error({ err: error, workspace: id }, 'could not open an installation with either key; it is left as it is');
          continue;
        }
        if (opened.current) continue;
        await resealInstallation(db, id, sealed, keys.current.seal(opened.document));
        changed += 1;
      }
      if (changed > 0) logger.info({ installations: changed }, 'installations sealed with the current key');
      return changed;
    },
  };
}
