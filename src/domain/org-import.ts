import { CsvError, parse } from 'csv-parse/sync';
import { findLoops, type ManagerOf } from './org-chart';

/** Slack's limit for a multiline text input: a bigger org chart is pasted in several goes. */
export const ORG_IMPORT_MAX_LENGTH = 3000;

/** What the import needs to know about each person in the workspace's directory. */
export interface ImportDirectoryEntry {
  id: string;
  email: string | null;
  deactivated: boolean;
  isBot: boolean;
}

export interface ImportProblem {
  /** 1-based line of the pasted text. */
  line: number;
  reason: string;
}

export interface ManagerChange {
  personId: string;
  /** null: the person has no manager (the top of the chart). */
  managerId: string | null;
  line: number;
}

export type OrgImportPlan =
  | { ok: true; changes: ManagerChange[]; unchanged: number }
  | { ok: false; problems: ImportProblem[] };

interface CsvLine {
  record: string[];
  info: { lines: number };
}

const normalise = (email: string) => email.trim().toLowerCase();

function readCsv(text: string): CsvLine[] | ImportProblem {
  try {
    // With `info: true` each record comes wrapped with its line numbers; csv-parse's types do not say so.
    return parse(text, { info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as CsvLine[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    return { line, reason: `the text is not valid CSV (${error.message.replace(/ at line \d+$/, '')})` };
  }
}

/**
 * Checks a pasted `email,manager_email` CSV against the directory and the current chart, and
 * says what would change. Every bad line is reported, and a plan is only returned when there are
 * none, so an import is applied whole or not at all. An empty manager_email removes the manager.
 */
/** `importerId`: the HR admin importing, who may not make themself anyone's manager this way. */
export function planOrgImport(text: string, directory: readonly ImportDirectoryEntry[], current: ManagerOf, importerId?: string): OrgImportPlan {
  if (text.length > ORG_IMPORT_MAX_LENGTH) {
    const limit = ORG_IMPORT_MAX_LENGTH.toLocaleString('en-US');
    return { ok: false, problems: [{ line: 1, reason: `the text is longer than ${limit} characters: import it in parts` }] };
  }
  const parsed = readCsv(text);
  if (!Array.isArray(parsed)) return { ok: false, problems: [parsed] };
  const lines = parsed[0] && normalise(parsed[0].record[0] ?? '') === 'email' ? parsed.slice(1) : parsed;
  if (lines.length === 0) return { ok: false, problems: [{ line: 1, reason: 'there is nothing to import: paste lines of email,manager_email' }] };

  const byEmail = new Map<string, ImportDirectoryEntry>();
  for (const entry of directory) {
    // Two accounts can share an address (an old one deactivated): the active one is meant.
    const key = entry.email && normalise(entry.email);
    if (key && (!byEmail.has(key) || !entry.deactivated)) byEmail.set(key, entry);
  }
  const emailOf = new Map(directory.map((entry) => [entry.id, entry.email ?? entry.id]));

  const problems: ImportProblem[] = [];
  const firstLineOf = new Map<string, number>();
  const accepted: ManagerChange[] = [];

  const lookUp = (email: string, line: number, role: 'person' | 'manager'): ImportDirectoryEntry | undefined => {
    const entry = byEmail.get(normalise(email));
    const who = role === 'manager' ? `manager ${email}` : email;
    if (!entry) problems.push({ line, reason: `unknown email ${who}: no one in this workspace has it` });
    else if (entry.isBot) problems.push({ line, reason: `${who} is a bot, not a person` });
    else if (entry.deactivated) problems.push({ line, reason: `${who} is deactivated in Slack` });
    else return entry;
    return undefined;
  };

  for (const { record, info } of lines) {
    const line = info.lines;
    if (record.length !== 2) {
      problems.push({ line, reason: `expected 2 columns (email,manager_email), found ${record.length}` });
      continue;
    }
    const [email = '', managerEmail = ''] = record;
    if (email === '') {
      problems.push({ line, reason: 'the email is missing' });
      continue;
    }
    const key = normalise(email);
    const first = firstLineOf.get(key);
    if (first !== undefined) {
      problems.push({ line, reason: `${email} is listed twice (first on line ${first})` });
      continue;
    }
    firstLineOf.set(key, line);
    if (managerEmail !== '' && normalise(managerEmail) === key) {
      problems.push({ line, reason: `${email} cannot be their own manager` });
      continue;
    }
    const person = lookUp(email, line, 'person');
    const manager = managerEmail === '' ? null : lookUp(managerEmail, line, 'manager');
    if (person && manager && manager.id === importerId && current.get(person.id) !== importerId) {
      problems.push({ line, reason: `you cannot make yourself ${email}’s manager: another HR admin must set it` });
      continue;
    }
    if (person && manager !== undefined) accepted.push({ personId: person.id, managerId: manager?.id ?? null, line });
  }

  const next = new Map(current);
  for (const change of accepted) {
    if (change.managerId === null) next.delete(change.personId);
    else next.set(change.personId, change.managerId);
  }
  const lineOfPerson = new Map(accepted.map((change) => [change.personId, change.line]));
  for (const loop of findLoops(next)) {
    const members = loop.slice(0, -1);
    members.forEach((member, at) => {
      const line = lineOfPerson.get(member);
      if (line === undefined) return;
      // Told from the line's own person: "a → b → a" where line N is about a.
      const path = [...members.slice(at), ...members.slice(0, at), member].map((id) => emailOf.get(id) ?? id);
      problems.push({ line, reason: `this would make a loop: ${path.join(' → ')}` });
    });
  }

  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  const changes = accepted.filter((change) => (current.get(change.personId) ?? null) !== change.managerId);
  return { ok: true, changes, unchanged: accepted.length - changes.length };
}
