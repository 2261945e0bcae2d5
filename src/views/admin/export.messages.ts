import type { AuditEntry } from '../../services/audit.service';
import { escapeCode } from '../blocks';

/**
 * Slack shows up to 40,000 characters of a message (with "Show more"): an export goes out in
 * as few messages as that allows, each a code block that copies cleanly.
 */
const DOCUMENT_CHUNK = 30_000;

/** Where to cut escaped text at most `size` in, without splitting an entity such as `&amp;`. */
function safeCut(text: string, size: number): number {
  const amp = text.lastIndexOf('&', size - 1);
  return amp !== -1 && amp > size - 5 && text.indexOf(';', amp) >= size ? amp : size;
}

/**
 * Escapes text for a code block and cuts it at line ends into pieces of at most `size` characters, so
 * every piece fits a message however much escaping grew it. A line longer than a piece (which no
 * field Cadence stores can make) is cut where it must be.
 */
export function chunkForMrkdwn(text: string, size: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of escapeCode(text).split('\n')) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (joined.length <= size) {
      current = joined;
      continue;
    }
    if (current !== '') chunks.push(current);
    let rest = line;
    while (rest.length > size) {
      const cut = safeCut(rest, size);
      chunks.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** An introduction, then the document in numbered code blocks. Text only: blocks cap text at 3,000. */
export function buildDocumentMessages(intro: string, document: string): Array<{ text: string }> {
  const chunks = chunkForMrkdwn(document, DOCUMENT_CHUNK);
  const count = chunks.length;
  const head = count > 1 ? `${intro} It comes in ${count} parts; paste them together in order.` : intro;
  return [
    { text: head },
    ...chunks.map((chunk, i) => ({ text: `${count > 1 ? `Part ${i + 1} of ${count}\n` : ''}\`\`\`${chunk}\`\`\`` })),
  ];
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as CSV (RFC 4180 quoting), one line per row. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\n');
}

/** The audit log as CSV, one entry per line, times in UTC. */
export function auditLogCsv(entries: readonly AuditEntry[]): string {
  const header = ['time_utc', 'actor_slack_id', 'actor', 'action', 'description', 'subject_slack_id', 'subject', 'manager', 'previous_manager', 'detail'];
  const rows = entries.map((e) => [
    e.at.toUTC().toISO() ?? '',
    e.actor?.slackUserId ?? '',
    e.actor?.name ?? 'Cadence',
    e.action,
    e.description,
    e.subject?.slackUserId ?? '',
    e.subject?.name ?? '',
    e.manager?.name ?? '',
    e.previousManager?.name ?? '',
    JSON.stringify(e.detail),
  ]);
  return toCsv([header, ...rows]);
}
