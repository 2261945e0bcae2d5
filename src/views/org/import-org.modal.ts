import type { KnownBlock, ModalView } from '@slack/types';
import { ORG_IMPORT_MAX_LENGTH } from '../../domain/org-import';
import type { ImportProblem } from '../../domain/org-import';
import { context, escapeMrkdwn, LIMITS, plain, section } from '../blocks';
import { CallbackId, OrgBlock } from '../ids';
import { input } from '../inputs';

/** At most this many blocks of bad lines, so the modal stays within Slack's 100 blocks. */
const MAX_PROBLEM_BLOCKS = 40;

/**
 * An HR admin pastes the org chart as CSV. After a refused paste it shows the text again with
 * every bad line listed, one per row: an inline error is a single paragraph.
 */
export function buildImportOrgModal(refused?: { csv: string; problems: readonly ImportProblem[] }): ModalView {
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
      ...(refused ? importProblemBlocks(refused.problems) : []),
      input(
        OrgBlock.Csv,
        'CSV',
        {
          type: 'plain_text_input',
          multiline: true,
          max_length: ORG_IMPORT_MAX_LENGTH,
          placeholder: plain('email,manager_email\nana@example.com,\nbo@example.com,ana@example.com'),
          ...(refused ? { initial_value: refused.csv } : {}),
        },
        { hint: `Up to ${ORG_IMPORT_MAX_LENGTH.toLocaleString('en-US')} characters (about 70 lines); import a larger chart in several pastes.` },
      ),
      context(':lock: Nothing changes unless every line is right. Each change is kept in the audit log.'),
    ],
  };
}

/** One row per bad line, with every reason that line has; the count is of lines, not reasons. */
export function importProblemRows(problems: readonly ImportProblem[]): string[] {
  const reasons = new Map<number, string[]>();
  for (const problem of [...problems].sort((a, b) => a.line - b.line)) reasons.set(problem.line, [...(reasons.get(problem.line) ?? []), problem.reason]);
  return [...reasons].map(([line, why]) => `• *Line ${line}:* ${escapeMrkdwn(why.join('; '))}.`);
}

function importProblemBlocks(problems: readonly ImportProblem[]): KnownBlock[] {
  const rows = importProblemRows(problems);
  // Rows packed into as few sections as their text limit allows.
  const packs: string[][] = [];
  for (const row of rows) {
    const last = packs.at(-1);
    if (last && [...last, row].join('\n').length <= LIMITS.sectionText) last.push(row);
    else packs.push([row]);
  }
  const shown = packs.slice(0, MAX_PROBLEM_BLOCKS);
  const unlisted = rows.length - shown.reduce((count, pack) => count + pack.length, 0);
  return [
    section(`:warning: *Nothing was imported.* Fix ${rows.length === 1 ? 'this line' : `these ${rows.length} lines`} and import again:`),
    ...shown.map((pack) => section(pack.join('\n'))),
    ...(unlisted > 0 ? [context(`…and ${unlisted} more.`)] : []),
  ];
}

/** What the import modal becomes once applied. */
export function buildImportResultView(result: { changed: number; unchanged: number }): ModalView {
  const blocks: KnownBlock[] = [
    section(`:white_check_mark: *Org chart imported.* ${result.changed} ${result.changed === 1 ? 'person has' : 'people have'} a new manager.`),
  ];
  if (result.unchanged > 0) blocks.push(context(`${result.unchanged} listed ${result.unchanged === 1 ? 'was' : 'were'} already right and did not change.`));
  return { type: 'modal', callback_id: CallbackId.ImportOrgResult, title: plain('Import org chart'), close: plain('Done'), blocks };
}
