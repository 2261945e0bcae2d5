import type { KnownBlock, ModalView } from '@slack/types';
import { ORG_IMPORT_MAX_LENGTH } from '../../domain/org-import';
import type { ImportProblem } from '../../domain/org-import';
import { context, plain, section } from '../blocks';
import { CallbackId, OrgBlock } from '../ids';
import { input } from '../inputs';

/** An HR admin pastes the org chart as CSV. */
export function buildImportOrgModal(): ModalView {
  return {
    type: 'modal',
    callback_id: CallbackId.ImportOrg,
    title: plain('Import org chart'),
    submit: plain('Import'),
    close: plain('Cancel'),
    blocks: [
      section(
        'Paste one line per person: `email,manager_email`. A header line is fine; leave `manager_email` empty for someone with no manager. People not listed keep their manager.',
      ),
      input(
        OrgBlock.Csv,
        'CSV',
        {
          type: 'plain_text_input',
          multiline: true,
          max_length: ORG_IMPORT_MAX_LENGTH,
          placeholder: plain('email,manager_email\nana@example.com,\nbo@example.com,ana@example.com'),
        },
        { hint: `Up to ${ORG_IMPORT_MAX_LENGTH.toLocaleString('en-US')} characters (about 70 lines); import a larger chart in several pastes.` },
      ),
      context(':lock: Nothing changes unless every line is right. Each change is kept in the audit log.'),
    ],
  };
}

/** Every bad line with its reason, shown under the CSV input. */
export function formatImportProblems(problems: readonly ImportProblem[]): string {
  const lines = problems.map((p) => `Line ${p.line}: ${p.reason}.`);
  return `Nothing was imported. Fix ${problems.length === 1 ? 'this line' : `these ${problems.length} lines`} and try again:\n${lines.join('\n')}`;
}

/** What the import modal becomes once applied. */
export function buildImportResultView(result: { changed: number; unchanged: number }): ModalView {
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: *Org chart imported.* ${result.changed} ${result.changed === 1 ? 'person has' : 'people have'} a new manager.`),
  ];
  if (result.unchanged > 0) blocks.push(context(`${result.unchanged} listed ${result.unchanged === 1 ? 'was' : 'were'} already right and did not change.`));
  return { type: 'modal', callback_id: CallbackId.ImportOrgResult, title: plain('Import org chart'), close: plain('Done'), blocks };
}
