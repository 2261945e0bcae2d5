import type { Logger } from '../../lib/logger';
import type { SettingsService } from '../../services/settings.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { fieldErrorsToBlocks } from '../blocks';
import { SettingsBlock } from '../ids';
import { formSubmit } from '../submit';
import {
  parsePersonalSettings,
  parseTeamSettings,
  parseWorkspaceSettings,
  personalSettingsBlocks,
  teamSettingsBlocks,
  workspaceSettingsBlocks,
} from './settings.parse';

type Deps = HomeDeps & { settings: SettingsService; logger: Logger };

export function workspaceSettingsSubmit(deps: Deps) {
  return formSubmit({
    name: 'save the workspace settings',
    logger: deps.logger,
    fallbackBlock: SettingsBlock.CheckinWeekday,
    handle: async (actor, view) => {
      const result = await deps.settings.updateWorkspace(actor, parseWorkspaceSettings(view.state.values));
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, workspaceSettingsBlocks) };
      return { close: true, afterwards: (client) => publishHome(client, deps, actor) };
    },
  });
}

/** One Slack workspace's own cadence and working time; its team id rides in private_metadata. */
export function teamSettingsSubmit(deps: Deps) {
  return formSubmit({
    name: 'save the workspace’s settings',
    logger: deps.logger,
    fallbackBlock: SettingsBlock.CheckinWeekday,
    handle: async (actor, view) => {
      const result = await deps.settings.updateTeam(actor, view.private_metadata, parseTeamSettings(view.state.values));
      if (!result) return { errors: { [SettingsBlock.CheckinWeekday]: 'That workspace is not one Cadence serves in your organization any more.' } };
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, teamSettingsBlocks) };
      return { close: true, afterwards: (client) => publishHome(client, deps, actor) };
    },
  });
}

export function personalSettingsSubmit(deps: Deps) {
  return formSubmit({
    name: 'save your settings',
    logger: deps.logger,
    fallbackBlock: SettingsBlock.CheckinWeekday,
    handle: async (actor, view) => {
      const result = await deps.settings.updatePersonal(actor, parsePersonalSettings(view.state.values));
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, personalSettingsBlocks) };
      return { close: true, afterwards: (client) => publishHome(client, deps, actor) };
    },
  });
}
