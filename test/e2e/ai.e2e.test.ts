import { defaultWorkspace, type SlackView } from '../../sandbox';
import { recordPeriods, saveCheckin } from '../../src/repositories/checkin.repository';
import { findPersonBySlackId } from '../../src/repositories/person.repository';
import { AiAction, FeedbackBlock as B, GoalAction } from '../../src/views/ids';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { FakeOpenAi, promptEvidence } from '../support/fake-openai';
import { linkManager } from '../support/factories';
import { waitFor } from '../support/redis';

const person = (id: string, name: string) => ({ id, name: name.toLowerCase(), realName: `${name} Example`, email: `${name.toLowerCase()}@example.com`, tz: 'Europe/London' });
const max = 'U0MAX';
const raj = 'U0RAJ';
const pia = 'U0PIA';
const blockText = (view: SlackView | undefined) => JSON.stringify(view?.blocks ?? []);

describe('AI drafts and the writing check, through the Slack emulator and a local OpenAI-compatible server', () => {
  let h: CadenceHarness;
  const fake = new FakeOpenAi();

  beforeAll(async () => {
    await fake.start();
    const workspace = defaultWorkspace();
    workspace.people = [person(max, 'Max'), person(raj, 'Raj'), person(pia, 'Pia')];
    h = await startCadenceHarness({ emulator: { workspaces: [workspace] }, env: { OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: 'local-model' } });
    const db = h.database.db;
    const workspaceId = await h.cadence.deps.people.syncDirectory().then((r) => r.workspaceId);
    const [maxRow, rajRow] = await waitFor(
      async () => {
        const found = await Promise.all([max, raj].map((id) => findPersonBySlackId(db, workspaceId, id)));
        return found.every((p) => p !== undefined) && found;
      },
      { what: 'the directory sync at start' },
    );
    await linkManager(db, rajRow!.id, maxRow!.id);
    const goal = await h.cadence.deps.goals.create(rajRow!, { title: 'Ship billing v2', description: null, category: 'performance', targetDate: null });
    if (!goal.ok) throw new Error('goal');
    const [period] = await recordPeriods(db, [{ workspaceId, personId: rajRow!.id, period: h.cadence.deps.clock.now().toISODate() ?? '' }], h.cadence.deps.clock.now());
    await saveCheckin(db, period!.id, { wins: 'Closed the onboarding bugs', blockers: 'No test environment since Monday', confidence: 6, mood: null, moodShared: false }, h.cadence.deps.clock.now());
  });
  afterAll(async () => {
    await h.stop();
    await fake.stop();
  });

  it('a manager prepares a 1:1 from the report’s goals and check-ins: questions with their sources beside them', async () => {
    fake.answerWith((request) => {
      const blocker = promptEvidence(request).find((e) => e.text.includes('No test environment'));
      return {
        content: JSON.stringify({
          sections: [{ key: 'checkins', sentences: [{ text: 'What would unblock the test environment?', citations: [blocker?.id ?? 'E0'] }, { text: 'Invented question.', citations: ['E77'] }] }],
        }),
      };
    });
    await h.driver.appHomeOpened({ user: max });
    await h.emulator.waitForHome(max, (view) => blockText(view).includes(GoalAction.OpenReport));
    await h.driver.clickButton({ user: max, actionId: GoalAction.OpenReport, source: { home: true } });
    await h.emulator.waitForModal(max, (view) => blockText(view).includes(AiAction.Prep));
    await h.driver.clickButton({ user: max, actionId: AiAction.Prep, source: { modal: true } });
    const draft = await h.emulator.waitForModal(max, (view) => view.callback_id === 'ai_draft');
    const text = blockText(draft);
    expect(text).toContain('Questions for your 1:1 with Raj Example');
    expect(text).toContain('Drafted by AI');
    expect(text).toContain('What would unblock the test environment?');
    expect(text).toContain('No test environment since Monday');
    expect(text).not.toContain('Invented question.');
    expect(text).toContain('1 suggested sentence was left out');
    // Stacked at once while the click's trigger was valid (a model may take longer), then filled in.
    const pushed = h.emulator.calls('views.push').filter((call) => (call.response as { view?: { id?: string } }).view?.id === draft.id);
    expect(pushed.map((call) => JSON.stringify(call.params.view))).toEqual([expect.stringContaining('Drafting from the evidence')]);
    // The model was told nothing of who anyone is.
    const sent = JSON.stringify(fake.requests);
    for (const secret of ['Raj', 'Max', raj, max, 'example.com']) expect(sent).not.toContain(secret);
  });

  it('the writing check suggests before sending, and sending is never blocked', async () => {
    await h.driver.command({ user: pia, command: '/feedback', text: `give <@${raj}>` });
    await h.emulator.waitForModal(pia, (view) => view.callback_id === 'feedback_give' && blockText(view).includes(AiAction.CheckWriting));
    await h.driver.clickButton({ user: pia, actionId: AiAction.CheckWriting, source: { modal: true }, values: { [B.Body]: 'He is abrasive.' } });
    const checked = await h.emulator.waitForModal(pia, (view) => blockText(view).includes('Behaviour, not personality'));
    expect(blockText(checked)).toContain('“abrasive” describes a person, not what they did.');
    // Sending goes through as written (the DM itself waits for Raj's working hours).
    const sent = await h.driver.submitView({ user: pia, values: { [B.Body]: 'He is abrasive.' } });
    expect(sent.outcome).toMatchObject({ kind: 'updated' });
    expect(blockText(h.emulator.openModal(pia))).toContain('Sent to');
    const stored = await h.database.db.selectFrom('feedback_note').select('body').execute();
    expect(stored.map((n) => n.body)).toContain('He is abrasive.');
  });
});
