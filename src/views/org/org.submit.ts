import type { Logger } from '../../lib/logger';
import type { OrgService } from '../../services/org.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { buildNoticeModal } from '../access';
import { fieldErrorsToBlocks } from '../blocks';
import { OrgBlock } from '../ids';
import { mention } from '../people/people.format';
import { readFormState } from '../state';
import { formSubmit } from '../submit';
import { buildImportOrgModal, buildImportResultView } from './import-org.modal';

type Deps = HomeDeps & { org: OrgService; logger: Logger };

/** A person names their manager; the manager gets a DM to confirm. */
export function proposeManagerSubmit(deps: Deps) {
  return formSubmit({
    name: 'send your request',
    logger: deps.logger,
    fallbackBlock: OrgBlock.Manager,
    handle: async (actor, view) => {
      const result = await deps.org.proposeManager(actor, readFormState(view.state.values).user(OrgBlock.Manager));
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, { manager: OrgBlock.Manager }) };
      return {
        update: buildNoticeModal('Your manager', `:incoming_envelope: We asked ${mention(result.value.manager)} to confirm. You will hear back in your DMs.`),
        afterwards: (client) => publishHome(client, deps, actor),
      };
    },
  });
}

/** An HR admin sets or removes someone's manager. */
export function setManagerSubmit(deps: Deps) {
  return formSubmit({
    name: 'change the org chart',
    logger: deps.logger,
    fallbackBlock: OrgBlock.Person,
    handle: async (actor, view) => {
      const state = readFormState(view.state.values);
      const result = await deps.org.setManager(actor, state.user(OrgBlock.Person), state.user(OrgBlock.Manager));
      if (!result.ok) return { errors: fieldErrorsToBlocks(result.errors, { person: OrgBlock.Person, manager: OrgBlock.Manager }) };
      const { person, manager } = result.value;
      const text = manager
        ? `:white_check_mark: ${mention(person)} reports to ${mention(manager)}.`
        : `:white_check_mark: ${mention(person)} has no manager now.`;
      return { update: buildNoticeModal('Set a manager', text), afterwards: (client) => publishHome(client, deps, actor) };
    },
  });
}

/** An HR admin imports a pasted CSV; a refused paste comes back with every bad line listed and nothing changes. */
export function importOrgSubmit(deps: Deps) {
  return formSubmit({
    name: 'import the org chart',
    logger: deps.logger,
    fallbackBlock: OrgBlock.Csv,
    handle: async (actor, view) => {
      const csv = readFormState(view.state.values).text(OrgBlock.Csv) ?? '';
      const result = await deps.org.importChart(actor, csv);
      if (!result.ok) return { update: buildImportOrgModal({ csv, problems: result.problems }) };
      return { update: buildImportResultView(result), afterwards: (client) => publishHome(client, deps, actor) };
    },
  });
}
