import type { Person } from '../../src/domain/person';
import { recordPeriods, saveCheckin } from '../../src/repositories/checkin.repository';
import { findPersonBySlackId } from '../../src/repositories/person.repository';
import { DateTime } from 'luxon';
import { AiAction, AiCallbackId, CallbackId, ReviewAction, ReviewBlock, reviewDraftedQuestionBlock, reviewQuestionBlock, TranscriptIds } from '../../src/views/ids';
import { FakeOpenAi, promptEvidence } from '../support/fake-openai';
import { startTimedCadence, type TimedCadence } from '../support/nudges';
import { waitFor } from '../support/redis';
import { QUESTIONS } from '../support/reviews';

jest.setTimeout(120_000);

/** Drafts on the review form through the Slack emulator and a local OpenAI-compatible server: offered, chosen, marked, checked. */
const maya = { id: 'U0MAYA', name: 'maya', realName: 'Maya Manager', email: 'maya@example.com', tz: 'Europe/London' };
const ben = { id: 'U0BEN', name: 'ben', realName: 'Ben Writer', email: 'ben@example.com', tz: 'Europe/London' };
const dana = { id: 'U0DANA', name: 'dana', realName: 'Dana HR', email: 'dana@example.com', tz: 'Europe/London' };

describe('AI drafts on the review form', () => {
  let c: TimedCadence;
  const fake = new FakeOpenAi();
  const blockText = (blocks: unknown) => JSON.stringify(blocks ?? []);

  beforeAll(async () => {
    await fake.start();
    c = await startTimedCadence('2027-03-08T15:00:00Z', { people: [maya, ben, dana], env: { ADMIN_SLACK_IDS: dana.id, OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: 'local-model' } });
    const db = c.h.database.db;
    const deps = c.h.cadence.deps;
    const person = async (id: string): Promise<Person> => (await findPersonBySlackId(db, 'T0CADENCE', id))!;
    await waitFor(async () => (await person(dana.id))?.isAdmin === true, { what: 'Dana to be an admin' });
    const [hr, writer] = [await person(dana.id), await person(ben.id)];
    const linked = await deps.org.setManager(hr, ben.id, maya.id);
    if (!linked.ok) throw new Error(JSON.stringify(linked.errors));
    const goal = await deps.goals.create(writer, { title: 'Ship billing v2', description: null, category: 'performance', targetDate: null });
    if (!goal.ok) throw new Error('goal');
    const [period] = await recordPeriods(db, [{ workspaceId: writer.workspaceId, personId: writer.id, period: '2027-03-05' }], deps.clock.now());
    await saveCheckin(db, period!.id, { wins: 'Led the incident review calmly', blockers: 'No staging environment', confidence: 7, mood: null, moodShared: false }, deps.clock.now());
    const template = await deps.reviewAdmin.saveTemplate(hr, null, { name: 'Half-year', questions: QUESTIONS });
    if (!template.ok) throw new Error(JSON.stringify(template.errors));
    const cycle = await deps.reviewAdmin.createCycle(hr, {
      name: 'H1 2027',
      templateVersionId: template.value.id,
      participants: { kind: 'people', personIds: [writer.id] },
      phases: { self_assessment: '2027-03-19', peer_feedback: '2027-03-26', manager_review: '2027-03-26', conversation: '2027-04-02', sign_off: '2027-04-09' },
    });
    if (!cycle.ok) throw new Error(JSON.stringify(cycle.errors));
    await deps.reviewAdmin.launch(hr, cycle.value.id);
  });
  afterAll(async () => {
    await c.h.stop();
    await fake.stop();
  });

  async function openSelfAssessment() {
    const before = c.h.emulator.ephemerals(ben.id).length;
    await c.h.driver.command({ user: ben.id, command: '/review' });
    const list = await c.h.emulator.waitForEphemeral(ben.id, (m) => c.h.emulator.ephemerals(ben.id).indexOf(m) >= before && blockText(m.blocks).includes('Your self-assessment'));
    await c.h.driver.clickButton({ user: ben.id, actionId: ReviewAction.Open, source: { message: { channel: list.channel, ts: list.ts } } });
    return c.h.emulator.waitForModal(ben.id, (view) => view.callback_id === 'review_form');
  }

  it('suggests beside each answer before submitting, and never blocks the save', async () => {
    const form = await openSelfAssessment();
    expect(blockText(form.blocks)).toContain(AiAction.CheckReviewWriting);
    await c.h.driver.clickButton({ user: ben.id, actionId: AiAction.CheckReviewWriting, source: { modal: true }, values: { [reviewQuestionBlock('wins')]: 'Great job overall', [reviewQuestionBlock('impact')]: '1' } });
    const checked = await c.h.emulator.waitForModal(ben.id, (view) => blockText(view.blocks).includes('Be specific'));
    expect(blockText(checked.blocks)).toContain('“Great job” on its own is hard to act on.');
    expect(blockText(checked.blocks)).toContain('The words are all praise, but the rating is low.');
    const saved = await c.h.driver.submitView({ user: ben.id, values: { [reviewQuestionBlock('wins')]: 'Great job overall', [ReviewBlock.Draft]: ['draft'] } });
    expect(saved.outcome).toMatchObject({ kind: 'updated' });
  });

  it('offers a draft with its sources, puts it in only when chosen, marked, and the form saves it', async () => {
    fake.answerWith((request) => {
      const win = promptEvidence(request).find((e) => e.text.includes('incident review'));
      return { content: JSON.stringify({ sections: [{ key: 'answer', sentences: [{ text: 'I led the incident review calmly.', citations: [win?.id ?? 'E0'] }, { text: 'I invented this.', citations: ['E42'] }] }] }) };
    });
    const form = await openSelfAssessment();
    expect(blockText(form.blocks)).toContain('Draft with AI');
    await c.h.driver.clickButton({ user: ben.id, actionId: AiAction.DraftAnswer, source: { modal: true } });
    const draft = await c.h.emulator.waitForModal(ben.id, (view) => view.callback_id === AiCallbackId.AnswerDraft);
    const text = blockText(draft.blocks);
    expect(text).toContain('Drafted by AI');
    expect(text).toContain('I led the incident review calmly.');
    expect(text).toContain('Led the incident review calmly');
    expect(text).not.toContain('I invented this.');
    expect(text).toContain('Records over the period');
    // Offering stored nothing: the answer is still the saved draft.
    const stored = async () => ((await c.h.database.db.selectFrom('review_response').select('answers').executeTakeFirstOrThrow()).answers as Record<string, unknown>).wins;
    expect(await stored()).toEqual({ text: 'Great job overall' });
    expect(await c.h.database.db.selectFrom('review_ai_draft').select('text').execute()).toEqual([]);

    const used = await c.h.driver.submitView({ user: ben.id, values: {} });
    expect(used.outcome).toMatchObject({ kind: 'closed' });
    const updated = await c.h.emulator.waitForModal(ben.id, (view) => view.callback_id === 'review_form' && blockText(view.blocks).includes(reviewDraftedQuestionBlock('wins')));
    expect(blockText(updated.blocks)).toContain('I led the incident review calmly.');
    expect(blockText(updated.blocks)).toContain('AI-drafted');

    const saved = await c.h.driver.submitView({ user: ben.id, values: { [reviewDraftedQuestionBlock('wins')]: 'I led the incident review calmly.', [ReviewBlock.Draft]: ['draft'] } });
    expect(saved.outcome).toMatchObject({ kind: 'updated' });
    expect(await stored()).toEqual({ text: 'I led the incident review calmly.' });
    // Reopened, the unedited draft is still marked.
    const reopened = await openSelfAssessment();
    expect(blockText(reopened.blocks)).toContain('AI-drafted');
    const edited = await c.h.driver.submitView({ user: ben.id, values: { [reviewQuestionBlock('wins')]: 'I led the March incident review.', [ReviewBlock.Draft]: ['draft'] } });
    expect(edited.outcome).toMatchObject({ kind: 'updated' });
    expect(blockText((await openSelfAssessment()).blocks)).not.toContain('AI-drafted');
    const sent = JSON.stringify(fake.requests);
    for (const secret of ['Ben', ben.id, 'example.com']) expect(sent).not.toContain(secret);
  });

  it('gives the manager a prep pack with suggested questions, and a transcript of the conversation summarised for both', async () => {
    const db = c.h.database.db;
    const manager = (await findPersonBySlackId(db, 'T0CADENCE', maya.id))!;
    const participantId = (await db.selectFrom('review_participant').select('id').executeTakeFirstOrThrow()).id;
    const scheduled = await c.h.cadence.deps.reviews.scheduleConversation(manager, participantId, DateTime.fromISO('2027-03-12T10:00:00Z'));
    expect(scheduled.ok).toBe(true);
    await c.moveTo('2027-03-10T12:00:00Z');
    const pack = await c.h.emulator.waitForDm(maya.id, (m) => m.text.startsWith('Your prep pack'));

    fake.answerWith({ refusal: 'No.' });
    await c.h.driver.clickButton({ user: maya.id, actionId: AiAction.ReviewPrep, source: { message: { channel: pack.channel, ts: pack.ts } } });
    const prep = await c.h.emulator.waitForModal(maya.id, (view) => blockText(view.blocks).includes('Questions for your review conversation with Ben Writer'));
    expect(blockText(prep.blocks)).toContain('the model declined to answer');
    expect(blockText(prep.blocks)).toContain('Led the incident review calmly');

    await c.h.driver.clickButton({ user: maya.id, actionId: TranscriptIds.Open, source: { message: { channel: pack.channel, ts: pack.ts } } });
    await c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === TranscriptIds.Callback);
    const refused = await c.h.driver.submitView({ user: maya.id, values: { [TranscriptIds.Text]: '   ' } });
    expect(refused.outcome).toEqual({
      kind: 'errors',
      errors: { [TranscriptIds.Text]: 'Paste the transcript, or upload it as a .txt, .vtt or .srt file below.', [TranscriptIds.Consent]: 'Confirm that Ben Writer knows about the transcript and agrees to a summary.' },
    });
    expect(await db.selectFrom('review_transcript').select('participant_id').execute()).toEqual([]);
    const transcript = ['Maya: How did the launch go?', 'Ben: We agreed to move releases to Tuesdays.', "Maya: I'll book the training by Friday."].join('\n');
    const summarised = await c.h.driver.submitView({ user: maya.id, values: { [TranscriptIds.Text]: transcript, [TranscriptIds.Consent]: ['consent'] } });
    expect(summarised.outcome).toMatchObject({ kind: 'updated' });
    const summary = blockText((await c.h.emulator.waitForModal(maya.id, (view) => blockText(view.blocks).includes('Tuesdays'))).blocks);
    expect(summary).toContain('We agreed to move releases to Tuesdays.');
    expect(summary).toContain('line 2');
    await c.h.driver.clickButton({ user: maya.id, actionId: TranscriptIds.Accept, source: { modal: true } });
    await c.h.emulator.waitForModal(maya.id, (view) => blockText(view.blocks).includes('The summary was accepted'));
    expect(blockText(c.h.emulator.openModal(maya.id)?.blocks)).toContain('The transcript itself was deleted');
    expect((await db.selectFrom('review_transcript').select('raw').executeTakeFirstOrThrow()).raw).toBeNull();

    // A next step is offered as a goal: the form opens with it, and nothing is created until it is saved.
    await c.h.driver.clickButton({ user: maya.id, actionId: TranscriptIds.MakeGoal, source: { modal: true } });
    const goalForm = await c.h.emulator.waitForModal(maya.id, (view) => view.callback_id === CallbackId.NewGoal);
    expect(blockText(goalForm.blocks)).toContain("Maya: I'll book the training by Friday.");
    expect(await db.selectFrom('goal').select('id').where('owner_id', '=', manager.id).execute()).toEqual([]);
  });
});
