import { defaultWorkspace, type SlackView } from '../../sandbox';
import { findPersonBySlackId } from '../../src/repositories/person.repository';
import { GoalAction, IntegrationAction, IntegrationBlock as B } from '../../src/views/ids';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { FakeTools } from '../support/fake-tools';
import { waitFor } from '../support/redis';

const person = (id: string, name: string) => ({ id, name: name.toLowerCase(), realName: `${name} Example`, email: `${name.toLowerCase()}@example.com`, tz: 'Europe/London' });
const hana = 'U0HANA';
const olu = 'U0OLU';
const blockText = (view: SlackView | undefined) => JSON.stringify(view?.blocks ?? []);
const DATABASE = 'dddddddddddddddddddddddddddddddd';

/**
 * An HR admin connects Notion from the Home tab's admin section, an owner sends a goal to it from
 * the goal's view, the worker creates the page once and the goal's view links to it; a revoked token
 * then shows on the admin's Home tab. Slack through the emulator, Notion as a local fake.
 */
describe('integrations through the Slack emulator and a local Notion', () => {
  let h: CadenceHarness;
  const fake = new FakeTools();

  beforeAll(async () => {
    await fake.start();
    fake.notion.databases.set(DATABASE, { title: 'Team goals', properties: { Name: { type: 'title' }, Progress: { type: 'number' }, 'Cadence ID': { type: 'rich_text' } } });
    const workspace = defaultWorkspace();
    workspace.people = [person(hana, 'Hana'), person(olu, 'Olu')];
    h = await startCadenceHarness({
      emulator: { workspaces: [workspace] },
      env: { ADMIN_SLACK_IDS: hana, INTEGRATIONS_KEY: 'ab'.repeat(32), NOTION_API_URL: `${fake.url}/notion/v1/` },
    });
  });
  afterAll(async () => {
    await h.stop();
    await fake.stop();
  });

  it('connects Notion from the admin section: a wrong token is said under the token, and nothing is saved until it works', async () => {
    await h.driver.appHomeOpened({ user: hana });
    await h.emulator.waitForHome(hana, (view) => blockText(view).includes(IntegrationAction.Open));
    await h.driver.clickButton({ user: hana, actionId: IntegrationAction.Open, source: { home: true } });
    await h.emulator.waitForModal(hana, (view) => blockText(view).includes('Workspace connections'));
    await h.driver.clickButton({ user: hana, actionId: IntegrationAction.Add, source: { modal: true } });
    await h.emulator.waitForModal(hana, (view) => view.callback_id === 'integration_add_form');
    const values = { [B.Kind]: 'notion', [B.Name]: 'Roadmap', [B.Secret]: 'secret_wrong', [B.Target]: `https://www.notion.so/acme/Goals-${DATABASE}` };
    const refused = await h.driver.submitView({ user: hana, values });
    expect(refused.outcome).toEqual({ kind: 'errors', errors: { [B.Secret]: 'Notion refused the token: Notion said: API token is invalid.' } });
    expect(await h.database.db.selectFrom('integration_connection').select('id').execute()).toEqual([]);
    const saved = await h.driver.submitView({ user: hana, values: { ...values, [B.Secret]: 'secret_notion' } });
    expect(saved.outcome).toMatchObject({ kind: 'updated' });
    expect(blockText(await h.emulator.waitForModal(hana, (view) => blockText(view).includes('is connected')))).toContain('*Roadmap* is connected to Team goals.');
  });

  it('sends a goal from its view; the worker creates the page once and the view links to it', async () => {
    const workspaceId = await h.cadence.deps.people.syncDirectory().then((r) => r.workspaceId);
    const owner = await waitFor(async () => findPersonBySlackId(h.database.db, workspaceId, olu), { what: 'Olu in the directory' });
    const goal = await h.cadence.deps.goals.create(owner, { title: 'Ship billing v2', description: null, category: 'performance', targetDate: null });
    if (!goal.ok) throw new Error('goal');
    await h.driver.appHomeOpened({ user: olu });
    await h.emulator.waitForHome(olu, (view) => blockText(view).includes(GoalAction.OpenUpdate));
    await h.driver.clickButton({ user: olu, actionId: GoalAction.OpenUpdate, source: { home: true } });
    await h.emulator.waitForModal(olu, (view) => blockText(view).includes(IntegrationAction.PushGoal));
    await h.driver.clickButton({ user: olu, actionId: IntegrationAction.PushGoal, source: { modal: true } });
    const form = await h.emulator.waitForModal(olu, (view) => view.callback_id === 'goal_push_form');
    expect(blockText(form)).toContain('Roadmap (Notion)');
    const connection = await h.database.db.selectFrom('integration_connection').select('id').executeTakeFirstOrThrow();
    expect((await h.driver.submitView({ user: olu, values: { [B.Connection]: connection.id } })).outcome).toMatchObject({ kind: 'updated' });
    await waitFor(async () => fake.notion.pages.size === 1, { what: 'the page in Notion' });
    // The same push queued again (a second click, a retried job) leaves one page.
    await h.cadence.deps.integrations.pushGoal(owner, goal.value.goal.id, connection.id);
    await waitFor(async () => (await h.cadence.deps.integrations.goalItems(owner, goal.value.goal.id))[0]?.state === 'sent', { what: 'the push recorded' });
    expect(fake.notion.pages.size).toBe(1);
    await h.driver.clickButton({ user: olu, actionId: GoalAction.OpenUpdate, source: { home: true } });
    await h.emulator.waitForModal(olu, (view) => view.callback_id !== 'goal_push_form' && blockText(view).includes(IntegrationAction.PushGoal));
    await h.driver.clickButton({ user: olu, actionId: IntegrationAction.PushGoal, source: { modal: true } });
    const again = await h.emulator.waitForModal(olu, (view) => blockText(view).includes('Sent to'));
    expect(blockText(again)).toMatch(/<https:\/\/www\.notion\.so\/[0-9a-f]{32}\|Roadmap>/);
  });

  it('shows a revoked token to HR on the Home tab', async () => {
    fake.tokens.notion.delete('secret_notion');
    const connection = await h.database.db.selectFrom('integration_connection').select('id').executeTakeFirstOrThrow();
    const workspaceId = await h.cadence.deps.people.syncDirectory().then((r) => r.workspaceId);
    const admin = await findPersonBySlackId(h.database.db, workspaceId, hana);
    await h.cadence.deps.integrations.testConnection(admin!, connection.id);
    await h.driver.appHomeOpened({ user: hana });
    const home = await h.emulator.waitForHome(hana, (view) => blockText(view).includes('Integration problems'));
    expect(blockText(home)).toContain('*Roadmap*: Notion refused the token (Notion said: API token is invalid.). It may have been revoked');
  });
});
