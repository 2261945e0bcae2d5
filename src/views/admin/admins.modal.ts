import type { ModalView } from '@slack/types';
import { isActive } from '../../domain/person';
import type { AdminRoster } from '../../services/roles.service';
import { context, plain, section } from '../blocks';
import { AdminBlock, CallbackId } from '../ids';
import { input } from '../inputs';
import { listOf, mention } from '../people/people.format';

/** Who the HR admins are; an admin edits the list as a whole. */
export function buildAdminsModal(roster: AdminRoster): ModalView {
  const current = roster.admins.filter(isActive);
  const pinned = current.filter((admin) => roster.bootstrapped.has(admin.slackUserId));
  return {
    type: 'modal',
    callback_id: CallbackId.Admins,
    title: plain('HR admins'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      section(
        'HR admins change the workspace settings and the org chart, read the audit log, and export or delete someone’s data. They see everyone’s goals, but not check-ins or feedback.',
      ),
      input(AdminBlock.Admins, 'HR admins', {
        type: 'multi_users_select',
        ...(current.length > 0 ? { initial_users: current.map((admin) => admin.slackUserId) } : {}),
      }),
      ...(pinned.length > 0 ? [context(`Always admins through ADMIN_SLACK_IDS: ${listOf(pinned.map(mention))}.`)] : []),
      context(':lock: Every change is kept in the audit log.'),
    ],
  };
}
