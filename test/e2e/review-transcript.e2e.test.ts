import { createHmac, randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Person } from '../../src/domain/person';
import { findPersonBySlackId } from '../../src/repositories/person.repository';
import { IntegrationAction, IntegrationBlock, IntegrationCallbackId, TranscriptIds } from '../../src/views/ids';
import { FakeTools } from '../support/fake-tools';
import { startTimedCadence, type TimedCadence } from '../support/nudges';
import { waitFor } from '../support/redis';
import { QUESTIONS } from '../support/reviews';

jest.setTimeout(120_000);

/**
 * A meeting transcript reaches the review conversation two ways, through the Slack emulator: the
 * manager uploads a VTT file in the Meeting transcript form (read back through files.info and
 * url_private), or Fireflies announces a meeting by webhook (a local fake Fireflies) and both
 * people accept it on their Home tab. Either way it ends up summarised with the passages it cites.
 */
const maya = { id: 'U0MAYA', name: 'maya', realName: 'Maya Manager', email: 'maya@example.com', tz: 'Europe/London' };
const ben = { id: 'U0BEN', name: 'ben', realName: 'Ben Writer', email: 'ben@example.com', tz: 'Europe/London' };
const cara = { id: 'U0CARA', name: 'cara', realName: 'Cara Coder', email: 'cara@example.com', tz: 'Europe/London' };
const dana = { id: 'U0DANA', name: 'dana', realName: 'Dana HR', email: 'dana@example.com', tz: 'Europe/London' };
const WEBHOOK_SECRET = 'ff-webhook-secret-123';

const VTT = [
  'WEBVTT',
  '',
  '1',
  '00:00:01.000 --> 00:00:04.000',
  '<v Maya>How did the launch go?</v>',
  '',
  '2',
  '00:00:04.500 --> 00:00:09.000',
  '<v Ben>Good. We agreed to move releases to Tuesdays.</v>',
  '',
  '3',
  '00:00:09.500 --> 00:00:12.000',
  "<v Maya>I'll book the training by Friday.</v>",
  '',
].join('\n');

describe('meeting transcripts into the review conversation', () => {
  let c: TimedCadence;
  const fake = new FakeTools();
  const blockText = (blocks: unknown) => JSON.stringify(blocks ?? []);
  const participants: Record<string, string> = {};
  let hr: Person;

  beforeAll(async () => {
    await fake.start();
    c = await startTimedCadence('2027-03-08T15:00:00Z', {
      people: [maya, ben, cara, dana],
      env: { ADMIN_SLACK_IDS: dana.id, INTEGRATIONS_KEY: 'ab'.repeat(32), FIREFLIES_API_URL: `${fake.url}/fireflies/graphql`, ASANA_API_URL: `${fake.url}/asana/api/1.0/` },
    });
    const db = c.h.database.db;
    const deps = c.h.cadence.deps;
    const person = async (id: string): Promise<Person> => (await findPersonBySlackId(db, 'T0CADENCE', id))!;
    await waitFor(async () => (await person(dana.id))?.isAdmin === true, { what: 'Dana to be an admin' });
    hr = await person(dana.id);
    for (const report of [ben, cara]) {
      const linked = await deps.org.setManager(hr, report.id, maya.id);
      if (!linked.ok) throw new Error(JSON.stringify(linked.errors));
    }
    const template = await deps.reviewAdmin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await deps.reviewAdmin.createCycle(hr, {
      name: 'H1 2027',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [(await person(ben.id)).id, (await person(cara.id)).id] },
      phases: { self_assessment: '2027-03-19', peer_feedback: '2027-03-22', manager_review: '2027-03-26', conversation: '2027-04-02', sign_off: '2027-04-09' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await deps.reviewAdmin.launch(hr, cycle.value.id);
    const manager = await person(maya.id);
    for (const [report, at] of [
      [ben, '2027-03-12T10:00:00Z'],
      [cara, '2027-03-12T14:00:00Z'],
    ] as const) {
      const row = await db.selectFrom('review_participant').select('id').where('person_id', '=', (await person(report.id)).id).executeTakeFirstOrThrow();
      participants[report.id] = row.id;
      const scheduled = await deps.reviews.scheduleConversation(manager, row.id, DateTime.fromISO(at));
      if (!scheduled.ok) throw new Error(JSON.stringify(scheduled.errors));
    }
  });
  afterAll(async () => {
    await c.h.stop();
    await fake.stop();
  });

  const summaries = () => c.h.database.db.selectFrom('review_transcript').select(['participant_id', 'raw', 'accepted_at']).execute();

  /** Maya's prep pack for Ben's conversation, and the Meeting transcript form opened from it. */
  async function openForm() {
    const pack = await c.h.emulator.waitForDm(maya.id, (m) => m.text.startsWith('Your prep pack') && blockText(m.blocks).includes(participants[ben.id]!));
    await c.h.driver.clickButton({ user: maya.id, actionId: TranscriptIds.Open, value: participants[ben.id]!, source: { message: { channel: pack.channel, ts: pack.ts } } });
    return c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === TranscriptIds.Callback);
  }

  it('refuses an upload that is empty, binary, too large or of another type, or none or both, under the field, storing nothing', async () => {
    await c.moveTo('2027-03-10T12:00:00Z');
    const form = await openForm();
    expect(blockText(form.blocks)).toContain('"type":"file_input"');
    const submit = async (values: Record<string, string | string[]>) => (await c.h.driver.submitView({ user: maya.id, values: { [TranscriptIds.Consent]: ['consent'], ...values } })).outcome;
    const upload = (name: string, content: Buffer | string) => [c.h.driver.uploadFile({ user: maya.id, name, content })];

    expect(await submit({})).toEqual({ kind: 'errors', errors: { [TranscriptIds.Text]: 'Paste the transcript, or upload it as a .txt, .vtt or .srt file below.' } });
    expect(await submit({ [TranscriptIds.File]: upload('empty.vtt', 'WEBVTT\n\n') })).toEqual({ kind: 'errors', errors: { [TranscriptIds.File]: 'The transcript has no text in it.' } });
    expect(await submit({ [TranscriptIds.File]: upload('notes.txt', randomBytes(2048)) })).toEqual({
      kind: 'errors',
      errors: { [TranscriptIds.File]: 'That is not a text transcript: paste text, or a VTT or SRT file.' },
    });
    expect(await submit({ [TranscriptIds.File]: upload('long.txt', 'Ben: words\n'.repeat(60_000)) })).toEqual({
      kind: 'errors',
      errors: { [TranscriptIds.File]: 'The transcript is over 512 KB: cut it to the conversation itself.' },
    });
    expect(await submit({ [TranscriptIds.File]: upload('slides.pdf', '%PDF-1.7') })).toEqual({ kind: 'errors', errors: { [TranscriptIds.File]: 'Upload the transcript as a .txt, .vtt or .srt file.' } });
    expect(await submit({ [TranscriptIds.Text]: 'Ben: hi', [TranscriptIds.File]: upload('review.vtt', VTT) })).toEqual({
      kind: 'errors',
      errors: { [TranscriptIds.File]: 'Paste the transcript or upload a file, not both.' },
    });
    // Slack failing to answer files.info: said under the field at once, not retried past the form's 3 seconds.
    const unanswered = c.h.driver.uploadFile({ user: maya.id, name: 'review.vtt', content: VTT });
    c.h.emulator.failNext('files.info', { status: 503, times: 3 });
    expect(await submit({ [TranscriptIds.File]: [unanswered] })).toEqual({
      kind: 'errors',
      errors: { [TranscriptIds.File]: 'Cadence could not read that file. Upload it again, or paste the transcript.' },
    });
    // The client's own retries go on unheard after the answer; every injected fault is used up before the next case.
    await waitFor(() => c.h.emulator.calls('files.info').filter((call) => call.status === 503).length >= 3 || undefined, { what: 'the three refused files.info calls' });
    // Deleted in Slack between the upload and the submit: files.info answers file_deleted.
    const deleted = c.h.driver.uploadFile({ user: maya.id, name: 'gone.vtt', content: VTT });
    c.h.emulator.workspace().files.delete(deleted);
    expect(await submit({ [TranscriptIds.File]: [deleted] })).toEqual({ kind: 'errors', errors: { [TranscriptIds.File]: 'Cadence could not find that file any more. Upload it again.' } });
    // Someone else's file, its id put in a crafted submission: the bot sees it, but does not read it.
    const bens = c.h.driver.uploadFile({ user: ben.id, name: 'private.vtt', content: VTT });
    expect(await submit({ [TranscriptIds.File]: [bens] })).toEqual({ kind: 'errors', errors: { [TranscriptIds.File]: 'Cadence could not find that file any more. Upload it again.' } });
    expect(await summaries()).toEqual([]);
    await c.h.driver.closeView({ user: maya.id });
  });

  it('summarises an uploaded VTT file, citing its passages, and the manager accepts it into the conversation', async () => {
    await openForm();
    const file = c.h.driver.uploadFile({ user: maya.id, name: 'review.vtt', content: VTT });
    const done = await c.h.driver.submitView({ user: maya.id, values: { [TranscriptIds.File]: [file], [TranscriptIds.Consent]: ['consent'] } });
    // Answered at once, as Slack wants within 3 seconds; the summary replaces it when the model is done.
    if (done.outcome.kind !== 'updated') throw new Error(`expected the form to be answered with an update, got ${done.outcome.kind}`);
    expect(blockText(done.outcome.view.blocks)).toContain('Summarising the transcript');
    const view = await c.h.emulator.waitForModal(maya.id, (v) => blockText(v.blocks).includes('We agreed to move releases'));
    const summary = blockText(view.blocks);
    expect(summary).toContain('Ben: Good. We agreed to move releases to Tuesdays.');
    expect(summary).toContain('line 2');
    expect(summary).toContain('line 3');
    // The bot read the file with its own token: files.info, then the bytes at url_private.
    expect(c.h.emulator.calls('files.info').map((call) => call.params.file)).toContain(file);
    await c.h.driver.clickButton({ user: maya.id, actionId: TranscriptIds.Accept, source: { modal: true } });
    await c.h.emulator.waitForModal(maya.id, (view) => blockText(view.blocks).includes('The summary was accepted'));
    expect(await summaries()).toEqual([{ participant_id: participants[ben.id], raw: null, accepted_at: expect.any(Date) }]);
  });

  it('lets the manager send the accepted summary’s next steps to a connected tool, once however often asked', async () => {
    const db = c.h.database.db;
    const pack = await c.h.emulator.waitForDm(maya.id, (m) => m.text.startsWith('Your prep pack') && blockText(m.blocks).includes(participants[ben.id]!));
    const closeAll = async () => {
      while (c.h.emulator.openModal(maya.id)) await c.h.driver.closeView({ user: maya.id });
    };
    const openSummary = async () => {
      await closeAll();
      await c.h.driver.clickButton({ user: maya.id, actionId: TranscriptIds.Open, value: participants[ben.id]!, source: { message: { channel: pack.channel, ts: pack.ts } } });
      return c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === TranscriptIds.Summary);
    };
    // No connection yet: nothing to send to, so no button.
    expect(blockText((await openSummary()).blocks)).not.toContain(TranscriptIds.PushNextSteps);
    fake.asana.projects.set('1901', 'Follow-ups');
    const connection = await c.h.cadence.deps.integrations.addConnection(hr, { scope: 'workspace', kind: 'asana', name: 'Team Asana', secret: 'asana-pat', target: '1901' });
    if (!connection.ok) throw new Error(JSON.stringify(connection.errors));
    for (let round = 0; round < 2; round += 1) {
      expect(blockText((await openSummary()).blocks)).toContain(TranscriptIds.PushNextSteps);
      await c.h.driver.clickButton({ user: maya.id, actionId: TranscriptIds.PushNextSteps, source: { modal: true } });
      const form = await c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === IntegrationCallbackId.PushNextSteps);
      expect(blockText(form.blocks)).toContain("Maya: I'll book the training by Friday.");
      const sent = await c.h.driver.submitView({ user: maya.id, values: { [IntegrationBlock.Connection]: connection.value.id } });
      expect(sent.outcome).toMatchObject({ kind: 'updated' });
      await waitFor(async () => [...fake.asana.tasks.values()].some((task) => task.projects.includes('1901')), { what: 'the Asana task' });
    }
    const tasks = [...fake.asana.tasks.values()].filter((task) => task.projects.includes('1901'));
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.name).toBe('Next steps for Ben Writer (H1 2027)');
    expect(tasks[0]!.notes).toContain("☐ Maya: I'll book the training by Friday.");
    expect(await db.selectFrom('integration_item').select('wanted_version').where('subject_id', '=', participants[ben.id]!).execute()).toEqual([{ wanted_version: 1 }]);
  });

  it('fetches a transcript Fireflies announces, and once both accept it on Home, summarises it with cited passages', async () => {
    const db = c.h.database.db;
    const connection = await c.h.cadence.deps.integrations.addConnection(hr, { scope: 'workspace', kind: 'fireflies', name: 'Fireflies', secret: 'ff-key', target: '', webhookSecret: WEBHOOK_SECRET });
    if (!connection.ok) throw new Error(JSON.stringify(connection.errors));
    fake.fireflies.transcripts.set('meet-cara', {
      id: 'meet-cara',
      title: 'Cara / Maya review',
      date: DateTime.fromISO('2027-03-12T14:03:00Z').toMillis(),
      meeting_attendees: [{ email: cara.email }, { email: maya.email }],
      sentences: [
        { speaker_name: 'Maya', text: 'How was the quarter?', start_time: 1 },
        { speaker_name: 'Cara', text: 'We agreed the on-call rota works.', start_time: 4 },
        { speaker_name: 'Cara', text: 'I will write the migration plan by Friday.', start_time: 9 },
      ],
    });
    const body = JSON.stringify({ event: 'meeting.transcribed', meeting_id: 'meet-cara' });
    const signature = createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
    const announced = await fetch(`${c.h.url}/integrations/fireflies/${connection.value.id}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature': signature }, body });
    expect(announced.status).toBe(202);
    const row = await waitFor(async () => db.selectFrom('transcript').select('id').where('participant_id', '=', participants[cara.id]!).executeTakeFirst(), { what: 'the Fireflies transcript' });

    await c.h.driver.appHomeOpened({ user: cara.id });
    await c.h.emulator.waitForHome(cara.id, (view) => blockText(view.blocks).includes('Cara / Maya review'));
    await c.h.driver.clickButton({ user: cara.id, actionId: IntegrationAction.AcceptTranscript, value: row.id, source: { home: true } });
    await c.h.emulator.waitForModal(cara.id, (view) => blockText(view.blocks).includes('It waits for the other person'));
    expect((await summaries()).map((s) => s.participant_id)).not.toContain(participants[cara.id]);

    await c.h.driver.appHomeOpened({ user: maya.id });
    await c.h.emulator.waitForHome(maya.id, (view) => blockText(view.blocks).includes('Cara / Maya review'));
    await c.h.driver.clickButton({ user: maya.id, actionId: IntegrationAction.AcceptTranscript, value: row.id, source: { home: true } });
    const summary = await c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === TranscriptIds.Summary && blockText(view.blocks).includes('Cara Coder'));
    expect(blockText(summary.blocks)).toContain('Cara: We agreed the on-call rota works.');
    expect(blockText(summary.blocks)).toContain('line 2');
    expect(blockText(summary.blocks)).toContain('line 3');
    // Opened at once while the click's trigger was valid, then filled in once summarised.
    const opened = c.h.emulator.calls('views.open').filter((call) => (call.response as { view?: { id?: string } }).view?.id === summary.id);
    expect(opened.map((call) => JSON.stringify(call.params.view))).toEqual([expect.stringContaining('Recording your decision')]);
    await c.h.driver.clickButton({ user: maya.id, actionId: TranscriptIds.Accept, value: participants[cara.id]!, source: { modal: true } });
    await c.h.emulator.waitForModal(maya.id, (view) => blockText(view.blocks).includes('The summary was accepted'));
    const stored = (await summaries()).find((s) => s.participant_id === participants[cara.id]);
    expect(stored).toMatchObject({ raw: null, accepted_at: expect.any(Date) });
    // The transcript's own words went with the raw text.
    expect((await db.selectFrom('transcript').select('segments').where('id', '=', row.id).executeTakeFirstOrThrow()).segments).toEqual([]);
  });
});
