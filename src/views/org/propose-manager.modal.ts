import type { ModalView } from '@slack/types';
import type { OrgOverview } from '../../services/org.service';
import { context, plain, section } from '../blocks';
import { CallbackId, OrgBlock } from '../ids';
import { input, usersSelect } from '../inputs';
import { mention } from '../people/people.format';

function whereYouStand(overview: Pick<OrgOverview, 'manager' | 'proposedManager'>): string {
  if (overview.proposedManager)
    return `You named ${mention(overview.proposedManager)} as your manager; they have not answered yet. Naming someone else replaces that request.`;
  if (overview.manager) return `Cadence has ${mention(overview.manager)} as your manager.`;
  return 'Cadence does not know who your manager is yet.';
}

/** A person names their manager, who is then asked to confirm. */
export function buildProposeManagerModal(overview: Pick<OrgOverview, 'manager' | 'proposedManager'>): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.ProposeManager,
    title: plain('Your manager'),
    submit: plain('Ask them'),
    close: plain('Cancel'),
    blocks: [
      section(whereYouStand(overview)),
      input(OrgBlock.Manager, 'Who is your manager?', usersSelect()),
      context(
        ':lock: Who sees this: the person you pick gets a DM asking them to confirm. Once they do, they see your goals and check-ins, and HR admins see who manages whom.',
      ),
    ],
  };
}
