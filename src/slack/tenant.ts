/**
 * Which Cadence workspace (tenant) a Slack request or installation belongs to. An org-wide install
 * on Enterprise Grid is one tenant for the whole organization, keyed by its enterprise id (E…): its
 * user ids are org-wide, so a person acting from any of the org's workspaces is the same person.
 * Any other install is one tenant per workspace, keyed by its team id (T…).
 *
 * Slack marks every request to an org-wide installed app with `is_enterprise_install`, and Bolt
 * fetches the installation by the same flag; the request guard, the actor middleware and the
 * installation store all map through this one function, so a request is served, authorized and
 * acted on for the same tenant.
 */
export interface SlackOrigin {
  /** The workspace acted in. */
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  /** The app is installed org-wide in the request's organization. */
  isEnterpriseInstall?: boolean | undefined;
}

export function tenantOf(origin: SlackOrigin): string | undefined {
  return origin.isEnterpriseInstall ? origin.enterpriseId : origin.teamId;
}
