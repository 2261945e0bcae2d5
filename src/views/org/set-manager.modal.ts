import type { ModalView } from '@slack/types';
import { context, plain } from '../blocks';
import { CallbackId, OrgBlock } from '../ids';
import { input, usersSelect } from '../inputs';

/** An HR admin sets or removes someone's manager. */
export function buildSetManagerModal(): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.SetManager,
    title: plain('Set a manager'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      input(OrgBlock.Person, 'Person', usersSelect()),
      input(OrgBlock.Manager, 'Their manager', usersSelect(), {
        optional: true,
        hint: 'Leave empty to remove their manager (someone at the top of the org chart).',
      }),
      context(':lock: The new manager sees this person’s goals and check-ins from now on. The change is kept in the audit log.'),
    ],
  };
}
