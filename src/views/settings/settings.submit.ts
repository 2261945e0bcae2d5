import type { Logger } from '../../lib/logger';
import type { SettingsService } from '../../services/settings.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { fieldErrorsToBlocks } from '../blocks';
import { SettingsBlock } from '../ids';
import { formSubmit } from '../submit';
import { parsePersonalSettings, parseWorkspaceSettings, personalSettingsBlocks, workspaceSettingsBlocks } from './settings.parse';

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
