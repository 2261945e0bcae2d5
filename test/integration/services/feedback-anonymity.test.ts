import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { AccessDeniedError } from '../../../src/domain/access-policy';
import type { Person } from '../../../src/domain/person';
import { ManualClock } from '../../../src/lib/clock';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { createPerson, linkManager } from '../../support/factories';
import { wireFeedback } from '../../support/feedback';

const WS = 'T0ANONYMOUS';

/**
 * Anonymity as a property of the product, not of good intentions: every read a manager or an HR
 * admin can make is tried, and none returns what someone wrote together with who wrote it.
 */
describe('no read links an answer to its author', () => {
  let t: TestDatabase;
  const clock = new ManualClock('2026-11-26T10:00:00Z');
  let f: ReturnType<typeof wireFeedback>;
  let subject: Person;
  let manager: Person;
  let admin: Person;
  /** A second subject whose manager is the HR admin: both powers in one person. */
  let report: Person;
  /** The manager's other report, with a request still open. */
  let second: Person;
  let authors: Person[];
  let decliner: Person;
  const words = new Map<string, string>();
  const keys = new Map<string, string>();
  const requestIds: string[] = [];

  /** Words no one else writes, so their presence in a read is unambiguous (and say nothing of the author). */
  const wordsOf = (author: Person) => {
    const found = words.get(author.id);
    if (found) return found;
    const made = `w${randomBytes(6).toString('hex')}`;
    words.set(author.id, made);
    return made;
  };

  async function ask(requester: Person, about: Person, asked: Person[]) {
    const result = await f.requests.create(requester, {
      subjectSlackId: about.slackUserId,
      peerSlackIds: asked.map((p) => p.slackUserId),
      focusAreas: ['Communication', 'Ownership'],
      customQuestion: 'Anything else?',
      dueOn: '2026-12-03',
      note: null,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    requestIds.push(result.value.request.id);
    return result.value.request.id;
  }

  async function answerAs(author: Person, requestId: string) {
    const w = wordsOf(author);
    const result = await f.answers.answer(author, requestId, { ratings: ['4', '3'], comments: [`${w} c0`, `${w} c1`], customAnswer: `${w} custom`, strengths: `${w} s`, suggestions: `${w} g` });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    keys.set(`${author.id}:${requestId}`, result.value.editKey);
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    f = wireFeedback(t.db, clock, WS);
    subject = await createPerson(t.db, { workspaceId: WS, realName: 'Sub Ject' });
    manager = await createPerson(t.db, { workspaceId: WS, realName: 'Man Ager' });
    admin = await createPerson(t.db, { workspaceId: WS, realName: 'Ad Min', isAdmin: true });
    report = await createPerson(t.db, { workspaceId: WS, realName: 'Re Port' });
    second = await createPerson(t.db, { workspaceId: WS, realName: 'Sec Ond' });
    authors = [];
    for (let i = 0; i < 4; i += 1) authors.push(await createPerson(t.db, { workspaceId: WS, realName: `Au Thor${i}` }));
    decliner = await createPerson(t.db, { workspaceId: WS, realName: 'De Cliner' });
    await linkManager(t.db, subject.id, manager.id);
    await linkManager(t.db, report.id, admin.id);
    await linkManager(t.db, second.id, manager.id);

    // Released: three answers, one decline, a self-rating.
    const released = await ask(subject, subject, [...authors.slice(0, 3), decliner]);
    await f.answers.rateSelf(subject, released, ['5', '2']);
    for (const author of authors.slice(0, 3)) await answerAs(author, released);
    await f.answers.decline(decliner, released, 'Busy');
    // Open, below the threshold: the manager's request about their report.
    const open = await ask(manager, second, authors.slice(1, 4));
    for (const author of authors.slice(1, 3)) await answerAs(author, open);
    // Released, read by an admin who is also the manager.
    const adminsReport = await ask(admin, report, authors.slice(0, 3));
    for (const author of authors.slice(0, 3)) await answerAs(author, adminsReport);
    // A note is signed by design; it must not make the author's anonymous words any less anonymous.
    await f.notes.give(authors[0] as Person, { recipientSlackId: subject.slackUserId, body: 'Signed: great demo', shareWithManager: true });
  });
  afterAll(() => t.drop());

  /** Every read a manager or an admin can make, each to its result, or 'refused'. */
  async function everyRead(reader: Person): Promise<Array<[string, unknown]>> {
    const reads: Array<[string, () => Promise<unknown>]> = [
      ['requests.form (self)', () => f.requests.form(reader, null)],
      ['requests.overview', () => f.requests.overview(reader)],
    ];
    for (const about of [subject, report, second, ...authors]) {
      reads.push([`requests.form about ${about.realName}`, () => f.requests.form(reader, about.slackUserId)]);
      reads.push([`requests.listAbout ${about.realName}`, () => f.requests.listAbout(reader, about)]);
      reads.push([`notes.notesAbout ${about.realName}`, () => f.notes.notesAbout(reader, about, 50)]);
      reads.push([`notes.audience ${about.realName}`, () => f.notes.audience(reader, about.slackUserId)]);
      reads.push([`privacy.exportPerson ${about.realName}`, () => f.privacy.exportPerson(reader, about.slackUserId)]);
    }
    for (const id of requestIds) {
      reads.push([`requests.progress ${id}`, () => f.requests.progress(reader, id)]);
      reads.push([`requests.summary ${id}`, () => f.requests.summary(reader, id)]);
      reads.push([`requests.askMoreForm ${id}`, () => f.requests.askMoreForm(reader, id)]);
      reads.push([`answers.answerForm ${id}`, () => f.answers.answerForm(reader, id)]);
      reads.push([`answers.selfRatingForm ${id}`, () => f.answers.selfRatingForm(reader, id)]);
      reads.push([`answers.invitationMessage ${id}`, () => f.answers.invitationMessage(reader, id)]);
    }
    // Even holding every author's edit key (which only their own confirmation ever showed), a reader gets nothing.
    for (const key of keys.values()) reads.push(['answers.editForm', () => f.answers.editForm(reader, key)]);
    reads.push(['audit.recent', () => f.audit.recent(reader, 500)]);
    reads.push(['audit.export', () => f.audit.export(reader)]);

    const results: Array<[string, unknown]> = [];
    for (const [name, read] of reads) {
      try {
        results.push([name, await read()]);
      } catch (error) {
        if (!(error instanceof AccessDeniedError)) throw error;
        results.push([name, 'refused']);
      }
    }
    return results;
  }

  /** Reads whose result holds an author's words together with anything that identifies that author. */
  function linking(results: Array<[string, unknown]>): string[] {
    return results.flatMap(([name, value]) => {
      const json = JSON.stringify(value) ?? '';
      return authors.flatMap((author) => {
        const identity = [author.id, author.slackUserId, author.realName ?? '', author.name, author.email ?? ''].filter((s) => s !== '');
        return json.includes(wordsOf(author)) && identity.some((id) => json.includes(id)) ? [`${name} links ${author.realName}`] : [];
      });
    });
  }

  it.each([
    ['the manager', () => manager],
    ['an HR admin', () => admin],
  ])('holds for every read %s can make', async (_label, who) => {
    const results = await everyRead(who());
    expect(linking(results)).toEqual([]);
    // The test is not vacuous: the reader does see answers, in summaries, and it sees who took part.
    const all = JSON.stringify(results);
    expect(authors.slice(0, 3).some((a) => all.includes(wordsOf(a)))).toBe(true);
  });

  it('also holds for the person the feedback is about, who reads their own summary', async () => {
    expect(linking(await everyRead(subject))).toEqual([]);
  });

  it('gives an admin’s export of an author their participation, never their words', async () => {
    for (const author of authors) {
      const exported = await f.privacy.exportPerson(admin, author.slackUserId);
      if (!exported.ok) throw new Error('expected an export');
      const json = JSON.stringify(exported.value.data);
      expect(json).not.toContain(wordsOf(author).replace(/ .*/, ''));
    }
  });

  it('is built into the schema: answer rows reference no person and carry no time', async () => {
    const columns = await sql<{ column_name: string; data_type: string }>`
      select column_name, data_type from information_schema.columns where table_name = 'feedback_answer' order by column_name`.execute(t.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['comments', 'custom_answer', 'edit_key_hash', 'id', 'ratings', 'request_id', 'strengths', 'suggestions']);
    expect(columns.rows.filter((c) => /time|date/.test(c.data_type))).toEqual([]);
    const references = await sql<{ target: string }>`
      select confrelid::regclass::text as target from pg_constraint where conrelid = 'feedback_answer'::regclass and contype = 'f'`.execute(t.db);
    expect(references.rows.map((r) => r.target)).toEqual(['feedback_request']);
    // And the only module that reads answers never touches the table of who answered.
    const repository = readFileSync(join(__dirname, '../../../src/repositories/feedback-answer.repository.ts'), 'utf8');
    expect(repository).not.toMatch(/feedback_invitation|peer_id|'person'/);
  });
});
