import type { ModalView } from '@slack/types';
import { displayName, type Person } from '../../domain/person';
import { context, escapeMrkdwn, plain, section } from '../blocks';
import { AdminBlock, CallbackId } from '../ids';
import { input, option, usersSelect } from '../inputs';

export const ERASE_CONFIRMED = 'erase';
const CONFIRM = option('Yes, delete their data for good', ERASE_CONFIRMED);

/** An HR admin picks someone whose data Cadence sends them as JSON. */
export function buildExportPersonModal(): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.ExportPerson,
    title: plain('Export data'),
    submit: plain('Export'),
    close: plain('Cancel'),
    blocks: [
      section('Everything Cadence holds about one person: profile, settings, org chart history, goals, feedback requests and notes (never what anyone wrote anonymously, and no note’s words), their reviews as they may read them and the reviews they wrote, messages sent and audit entries.'),
      input(AdminBlock.Person, 'Person', usersSelect()),
      context(':lock: It arrives in your DM with Cadence as JSON. The export is recorded in the audit log.'),
    ],
  };
}

/** An HR admin deletes someone's personal data; a required tick makes it deliberate. */
export function buildErasePersonModal(): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.ErasePerson,
    title: plain('Delete data'),
    submit: plain('Delete'),
    close: plain('Cancel'),
    blocks: [
      section(
        ':warning: Deletes a person’s goals, settings, manager requests, feedback requests about them and notes they gave or received, their reviews, message history, profile details and the record of whom they reported to. It cannot be undone: export their data first if you need it.',
      ),
      input(AdminBlock.Person, 'Person', usersSelect()),
      input(AdminBlock.ConfirmErase, 'Confirm', { type: 'checkboxes', options: [CONFIRM] }),
      context(
        'Kept: audit entries and anonymous totals, under the name “Deleted person”; the people who reported to them keep that part of their own history, and the reviews written about them.',
      ),
    ],
  };
}

/** What the delete modal becomes once done. */
export function buildErasedView(person: Person, goals: number): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.ErasePerson,
    title: plain('Delete data'),
    close: plain('Done'),
    blocks: [
      section(
        `:white_check_mark: Deleted the personal data of *${escapeMrkdwn(displayName(person))}*${goals > 0 ? `, including ${goals} goal${goals === 1 ? '' : 's'}` : ''}. The deletion is recorded in the audit log.`,
      ),
    ],
  };
}
