import type { Logger } from '../../lib/logger';
import type { IntegrationService } from '../../services/integration.service';
import { type HomeDeps, refreshHome } from '../../slack/home';
import { buildNoticeModal } from '../access';
import { escapeMrkdwn } from '../blocks';
import { IntegrationBlock } from '../ids';
import { readFormState } from '../state';
import { formSubmit } from '../submit';
import { connectionErrorsToBlocks } from './integrations.modal';

type Deps = HomeDeps & { integrations: IntegrationService; logger: Logger };

/** Checks the connection with its tool, then saves it; every problem lands under its field. */
export function addConnectionSubmit(deps: Deps) {
  return formSubmit({
    name: 'save the connection',
    logger: deps.logger,
    fallbackBlock: IntegrationBlock.Name,
    handle: async (actor, view) => {
      const state = readFormState(view.state.values);
      const scope = view.private_metadata === 'workspace' ? 'workspace' : 'personal';
      const result = await deps.integrations.addConnection(actor, {
        scope,
        kind: state.option(IntegrationBlock.Kind) ?? '',
        name: state.text(IntegrationBlock.Name) ?? '',
        secret: state.text(IntegrationBlock.Secret) ?? '',
        target: state.text(IntegrationBlock.Target) ?? '',
        ...(scope === 'workspace' ? { webhookSecret: state.text(IntegrationBlock.WebhookSecret) ?? '' } : {}),
      });
      if (!result.ok) return { errors: connectionErrorsToBlocks(result.errors) };
      const webhook = result.value.kind === 'fireflies' ? `\nPoint Fireflies’ webhook at \`<Cadence’s address>/integrations/fireflies/${result.value.id}\`.` : '';
      return {
        update: buildNoticeModal('Integrations', `:white_check_mark: *${escapeMrkdwn(result.value.name)}* is connected to ${escapeMrkdwn(result.value.target)}.${webhook}`),
        afterwards: (client) => refreshHome(client, deps, actor),
      };
    },
  });
}

/** Queues the goal's push; the job sends it once and keeps the item's link. */
export function pushGoalSubmit(deps: Deps) {
  return formSubmit({
    name: 'send the goal',
    logger: deps.logger,
    fallbackBlock: IntegrationBlock.Connection,
    handle: async (actor, view) => {
      const connectionId = readFormState(view.state.values).option(IntegrationBlock.Connection) ?? '';
      const result = await deps.integrations.pushGoal(actor, view.private_metadata, connectionId);
      if (!result.ok) return { errors: { [IntegrationBlock.Connection]: result.errors.connection ?? '' } };
      return { update: buildNoticeModal('Send to a tool', ':outbox_tray: On its way. The goal’s view links to the item once it is there, and progress updates follow it.') };
    },
  });
}
