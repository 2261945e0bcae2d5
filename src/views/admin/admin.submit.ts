import { displayName } from '../../domain/person';
import type { Logger } from '../../lib/logger';
import type { PrivacyService } from '../../services/privacy.service';
import type { RolesService } from '../../services/roles.service';
import { type HomeDeps, publishHome } from '../../slack/home';
import { buildNoticeModal } from '../access';
import { escapeMrkdwn } from '../blocks';
import { AdminBlock } from '../ids';
import { readFormState } from '../state';
import { formSubmit, type SubmitOutcome } from '../submit';
import { buildDocumentMessages } from './export.messages';
import { buildErasedView, ERASE_CONFIRMED } from './person-data.modal';

type Deps = HomeDeps & { roles: RolesService; privacy: PrivacyService; logger: Logger };

export function adminsSubmit(deps: Deps) {
  return formSubmit({
    name: 'change the HR admins',
    logger: deps.logger,
    fallbackBlock: AdminBlock.Admins,
    handle: async (actor, view) => {
      const result = await deps.roles.setAdmins(actor, readFormState(view.state.values).users(AdminBlock.Admins));
      if (!result.ok) return { errors: { [AdminBlock.Admins]: result.errors.admins ?? '' } };
      return { close: true, afterwards: (client) => publishHome(client, deps, actor) };
    },
  });
}

/** Sends the admin everything Cadence holds about someone, as JSON in their DM. */
export function exportPersonSubmit(deps: Deps) {
  return formSubmit({
    name: 'export their data',
    logger: deps.logger,
    fallbackBlock: AdminBlock.Person,
    handle: async (actor, view) => {
      const result = await deps.privacy.exportPerson(actor, readFormState(view.state.values).user(AdminBlock.Person));
      if (!result.ok) return { errors: { [AdminBlock.Person]: result.errors.person ?? '' } };
      const { person, data } = result.value;
      const name = escapeMrkdwn(displayName(person));
      const file = `cadence-${person.slackUserId}-${data.exportedAt.slice(0, 10)}.json`;
      const messages = buildDocumentMessages(`:package: Everything Cadence holds about *${name}* (save it as \`${file}\`).`, JSON.stringify(data, null, 2));
      return {
        update: buildNoticeModal('Export data', `:incoming_envelope: The data of *${name}* is on its way to your DM with Cadence.`),
        afterwards: async (client) => {
          for (const message of messages) await client.chat.postMessage({ channel: actor.slackUserId, text: message.text });
        },
      };
    },
  });
}

export function erasePersonSubmit(deps: Deps) {
  return formSubmit({
    name: 'delete their data',
    logger: deps.logger,
    fallbackBlock: AdminBlock.Person,
    handle: async (actor, view): Promise<SubmitOutcome> => {
      const state = readFormState(view.state.values);
      if (!state.options(AdminBlock.ConfirmErase).includes(ERASE_CONFIRMED))
        return { errors: { [AdminBlock.ConfirmErase]: 'Tick this to confirm: the deletion cannot be undone.' } };
      const result = await deps.privacy.erasePerson(actor, state.user(AdminBlock.Person));
      if (!result.ok) return { errors: { [AdminBlock.Person]: result.errors.person ?? '' } };
      return { update: buildErasedView(result.value.person, result.value.goals), afterwards: (client) => publishHome(client, deps, actor) };
    },
  });
}
