/**
 * An Enterprise Grid organization: workspaces that share one user directory (a person has the same
 * user id in each) and an app that can be installed once for all of them (org-wide). The org-wide
 * install has one bot token; a call with it acts in the workspace its `team_id` names or, without
 * one, in the workspace that knows the call's trigger, view, file or person. Slack shows an
 * org-wide app's DM and Home with a person in every workspace of the org; the emulator keeps them
 * in one place, the first of the org's workspaces the person is in (their home workspace).
 */
import { stringParam } from './params';
import type { EnterpriseSpec, JsonRecord } from './types';
import type { Workspace } from './workspace';

export class Enterprise {
  readonly id: string;
  readonly name: string;
  readonly domain: string;
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  /** Installed org-wide (removed since, too): requests from its workspaces say `is_enterprise_install`. */
  installed = false;
  /** The org-wide install was removed (or its token revoked): its token answers token_revoked. */
  tokenRevoked = false;

  constructor(
    spec: EnterpriseSpec,
    /** The org's workspaces, in the order they were added. */
    readonly teams: () => Workspace[],
  ) {
    this.id = spec.id;
    this.name = spec.name;
    this.domain = spec.domain ?? spec.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    this.botToken = spec.botToken;
    this.botUserId = spec.botUserId;
    this.botId = spec.botId ?? `B${spec.botUserId.slice(1)}`;
    this.appId = spec.appId;
  }

  /** The first of the org's workspaces the person is in. */
  homeOf(userId: string): Workspace | undefined {
    return this.teams().find((ws) => ws.person(userId) !== undefined);
  }

  /**
   * The workspace a call with the org's token acts in; `team_access_not_granted` for a team_id
   * outside the org.
   */
  workspaceFor(params: JsonRecord): Workspace | { error: string } {
    const teams = this.teams();
    const teamId = stringParam(params, 'team_id');
    if (teamId !== undefined && teamId !== '') return teams.find((ws) => ws.teamId === teamId) ?? { error: 'team_access_not_granted' };
    const trigger = stringParam(params, 'trigger_id') ?? stringParam(params, 'interactivity_pointer');
    const viewId = stringParam(params, 'view_id');
    const externalId = stringParam(params, 'external_id');
    const file = stringParam(params, 'file');
    const found = teams.find(
      (ws) =>
        (trigger !== undefined && ws.triggers.knows(trigger)) ||
        (viewId !== undefined && ws.views.get(viewId) !== undefined) ||
        (externalId !== undefined && ws.views.findByExternalId(externalId) !== undefined) ||
        (file !== undefined && ws.files.get(file) !== undefined),
    );
    if (found) return found;
    const person = stringParam(params, 'user') ?? stringParam(params, 'user_id') ?? stringParam(params, 'channel') ?? stringParam(params, 'users')?.split(',')[0];
    const home = person === undefined ? undefined : teams.find((ws) => ws.person(person) !== undefined || ws.resolveChannel(person) !== undefined);
    return home ?? teams[0] ?? { error: 'team_access_not_granted' };
  }

  reset(): void {
    this.installed = false;
    this.tokenRevoked = false;
  }
}
