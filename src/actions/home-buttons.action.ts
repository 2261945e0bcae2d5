import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { Person } from '../domain/person';
import type { AccessService } from '../services/access.service';
import type { AuditService } from '../services/audit.service';
import type { OrgService } from '../services/org.service';
import type { RolesService } from '../services/roles.service';
import type { SettingsService } from '../services/settings.service';
import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { CadenceContext } from '../slack/context';
import { actionListener } from '../slack/listener';
import { buildAdminsModal } from '../views/admin/admins.modal';
import { AUDIT_MODAL_ENTRIES, buildAuditLogModal } from '../views/admin/audit-log.modal';
import { buildErasePersonModal, buildExportPersonModal } from '../views/admin/person-data.modal';
import { HomeAction } from '../views/ids';
import { buildImportOrgModal } from '../views/org/import-org.modal';
import { buildProposeManagerModal } from '../views/org/propose-manager.modal';
import { buildSetManagerModal } from '../views/org/set-manager.modal';
import { buildPersonalSettingsModal } from '../views/settings/personal-settings.modal';
import { buildTeamSettingsModal, buildWorkspaceSettingsModal } from '../views/settings/workspace-settings.modal';

export interface HomeButtonDeps {
  access: AccessService;
  org: OrgService;
  settings: SettingsService;
  roles: RolesService;
  audit: AuditService;
}

type ModalLoader = (actor: Person) => Promise<ModalView>;

/**
 * What each Home tab button opens. Admin tools ask the policy before showing an empty form, so
 * someone who is not an admin (a stale Home tab, a crafted click) is told so at once.
 */
export function homeModals(deps: HomeButtonDeps): Record<string, ModalLoader> {
  const { access } = deps;
  const workspace = (actor: Person) => ({ workspaceId: actor.workspaceId });
  return {
    [HomeAction.ProposeManager]: async (actor) => buildProposeManagerModal(await deps.org.overview(actor)),
    [HomeAction.PersonalSettings]: async (actor) => buildPersonalSettingsModal(await deps.settings.forPerson(actor)),
    [HomeAction.WorkspaceSettings]: async (actor) => buildWorkspaceSettingsModal(await deps.settings.forAdmin(actor), await deps.settings.teams(actor)),
    [HomeAction.SetManager]: async (actor) => (await access.authorize(actor, 'org.edit', workspace(actor)), buildSetManagerModal()),
    [HomeAction.ImportOrg]: async (actor) => (await access.authorize(actor, 'org.edit', workspace(actor)), buildImportOrgModal()),
    [HomeAction.Admins]: async (actor) => buildAdminsModal(await deps.roles.roster(actor)),
    [HomeAction.AuditLog]: async (actor) => buildAuditLogModal(await deps.audit.recent(actor, AUDIT_MODAL_ENTRIES), actor.timezone),
    // Whoever may export anyone's data may open the export and delete tools; each submission is checked again.
    [HomeAction.ExportPerson]: async (actor) => (await access.authorize(actor, 'person.export', await access.subject(actor)), buildExportPersonModal()),
    [HomeAction.ErasePerson]: async (actor) => (await access.authorize(actor, 'person.export', await access.subject(actor)), buildErasePersonModal()),
  };
}

/** The Home tab's menu of an organization's Slack workspaces: opens the chosen one's own settings. */
export function opensTeamSettings(deps: Pick<HomeButtonDeps, 'settings'>, logger: Logger): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return actionListener({
    name: 'open that workspace’s settings',
    logger,
    notices: { title: 'Cadence' },
    value: z.string().min(1).max(32),
    handle: async (actor, { value }) => {
      const team = await deps.settings.forTeam(actor, value);
      return team ? { modal: buildTeamSettingsModal(team) } : { notice: 'That workspace is not one Cadence serves in your organization any more.' };
    },
  });
}

/** Opens the modal a button stands for, or a notice saying why not. */
export function opensModal(load: ModalLoader, logger: Logger): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return actionListener({ name: 'open that', logger, notices: { title: 'Cadence' }, handle: async (actor) => ({ modal: await load(actor) }) });
}
