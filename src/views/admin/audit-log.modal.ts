import type { KnownBlock, ModalView } from '@slack/types';
import type { PersonRef } from '../../domain/person-export';
import type { AuditEntry } from '../../services/audit.service';
import { context, divider, escapeMrkdwn, plain, section } from '../blocks';
import { AuditLogAction, CallbackId } from '../ids';

/** Room for the intro, the export button and a footer within a modal's 100 blocks. */
export const AUDIT_MODAL_ENTRIES = 40;

const who = (ref: PersonRef | null) => (ref === null ? 'Cadence' : ref.slackUserId ? `<@${ref.slackUserId}>` : escapeMrkdwn(ref.name));

/** What happened, in words: an org change names the person and both managers, not just "set a manager". */
export function describeAuditEntry(entry: AuditEntry): string {
  const actor = who(entry.actor);
  const subject = entry.subject ? who(entry.subject) : undefined;
  if (entry.action === 'org.manager_set' && subject && entry.manager) {
    const was = entry.previousManager ? ` (was ${who(entry.previousManager)})` : ' (had none)';
    return `${actor} set the manager of ${subject} to ${who(entry.manager)}${was}`;
  }
  if (entry.action === 'org.manager_removed' && subject) {
    return `${actor} removed ${entry.previousManager ? `${who(entry.previousManager)} as` : 'the'} manager of ${subject}`;
  }
  return `${actor} ${entry.description}${subject ? ` ${subject}` : ''}`;
}

/** The parts of an entry's detail worth a glance: which settings changed, how many things. */
function summarise(detail: Record<string, unknown>): string {
  const parts: string[] = [];
  const changes = detail.changes;
  if (changes && typeof changes === 'object') parts.push(`changed: ${Object.keys(changes).join(', ')}`);
  for (const [key, value] of Object.entries(detail)) {
    if (typeof value === 'number') parts.push(`${key}: ${value}`);
    if (key === 'source' && typeof value === 'string') parts.push(`via ${value}`);
  }
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** One line per entry, newest first, times in the reader's own timezone. */
export function buildAuditLogModal(entries: readonly AuditEntry[], timezone: string): ModalView {
  const shown = entries.slice(0, AUDIT_MODAL_ENTRIES);
  const blocks: KnownBlock[] = [
    section('Who changed the org chart, roles and settings, and who exported or deleted data. Newest first.'),
    {
      type: 'actions',
      elements: [{ type: 'button', action_id: AuditLogAction.Export, text: plain('Export as CSV') }],
    },
    divider(),
  ];
  if (shown.length === 0) blocks.push(context('Nothing recorded yet.'));
  for (const entry of shown) {
    const when = entry.at.setZone(timezone).toFormat('d LLL yyyy, HH:mm');
    blocks.push(context(`*${when}* · ${describeAuditEntry(entry)}${escapeMrkdwn(summarise(entry.detail))}`));
  }
  if (entries.length > shown.length) blocks.push(context('Older entries are in the export.'));
  return { type: 'modal', callback_id: CallbackId.AuditLog, title: plain('Audit log'), close: plain('Close'), blocks };
}
