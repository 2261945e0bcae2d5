import { DEFAULT_APP_ID, DEFAULT_TEAM_ID, type SlackView } from '../../sandbox';
import { buildViewState } from '../../sandbox/driver/view-state';
import { FeedbackBlock, GoalBlock, SettingsBlock } from '../../src/views/ids';
import { INPUT_ERRORS } from '../../src/views/submitted-values';
import { type CadenceHarness, startCadenceHarness } from '../support/cadence';
import { waitFor } from '../support/redis';

const alice = 'U0ALICE';
const dana = 'U0DANA';
const bob = 'U0BOB';
const form = (payload: unknown) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;
const FORM = 'application/x-www-form-urlencoded';

/**
 * Requests as an attacker sends them: signed (they hold a captured request, or the signing secret
 * of another install), replayed, crafted, from another workspace. Each must change nothing.
 */
describe('requests Cadence refuses before acting on them', () => {
  let h: CadenceHarness;

  beforeAll(async () => {
    h = await startCadenceHarness({ env: { ADMIN_SLACK_IDS: dana } });
  });
  afterAll(() => h.stop());

  const count = async (table: 'goal' | 'feedback_request' | 'feedback_note' | 'workspace' | 'person') =>
    Number((await h.database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  /** A view_submission of the user's open modal with exactly these state values, as a crafted request would carry. */
  function submission(user: string, view: SlackView, values: Record<string, unknown>) {
    return form({
      type: 'view_submission',
      team: { id: DEFAULT_TEAM_ID, domain: 'acme' },
      user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: DEFAULT_TEAM_ID },
      api_app_id: DEFAULT_APP_ID,
      token: 'verification-token',
      trigger_id: '1.2.crafted',
      view: { ...view, state: { values } },
      response_urls: [],
    });
  }

  async function openModal(user: string, command: string, text: string, callbackId: string): Promise<SlackView> {
    await h.driver.command({ user, command, text });
    return h.emulator.waitForModal(user, (view) => view.callback_id === callbackId);
  }

  it('acts once on a signed submission sent twice: one goal, one confirmation DM', async () => {
    const view = await openModal(alice, '/goal', '', 'goal_new');
    const body = submission(alice, view, buildViewState(view, { [GoalBlock.Title]: 'Ship the replay-proof release' }));
    const timestampSeconds = Math.floor(Date.now() / 1000);
    const first = await h.driver.sendRaw({ body, contentType: FORM, timestampSeconds });
    expect(first.status).toBe(200);
    await h.emulator.waitForDm(alice, (m) => m.text.includes('Ship the replay-proof release'));
    const replayed = await h.driver.sendRaw({ body, contentType: FORM, timestampSeconds });
    expect(replayed).toMatchObject({ status: 200, body: '' });
    // A genuine second submission is signed anew and goes through: only the identical request is dropped.
    expect(await count('goal')).toBe(1);
    await h.driver.command({ user: alice, command: '/goal', text: 'list' });
    await h.emulator.waitForEphemeral(alice, (m) => m.text === 'Your goals (1)');
    expect(h.emulator.dms(alice).filter((m) => m.text.includes('Ship the replay-proof release'))).toHaveLength(1);
  });

  it('acts once on a signed command sent twice, though both are acknowledged before the database is asked', async () => {
    const body = new URLSearchParams({
      command: '/goal',
      text: 'list',
      team_id: DEFAULT_TEAM_ID,
      user_id: bob,
      channel_id: 'D0BOB',
      trigger_id: h.emulator.issueTrigger(bob),
      response_url: h.emulator.issueResponseUrl({ userId: bob, channel: 'D0BOB' }),
    }).toString();
    const timestampSeconds = Math.floor(Date.now() / 1000);
    expect((await h.driver.sendRaw({ body, contentType: FORM, timestampSeconds })).status).toBe(200);
    await h.emulator.waitForEphemeral(bob, (m) => m.text.startsWith('You have no goals'));
    // The positive signal that the replay was recognised: Cadence says so, and its listener waits for that answer.
    const warn = jest.spyOn(h.cadence.deps.logger, 'warn');
    expect((await h.driver.sendRaw({ body, contentType: FORM, timestampSeconds })).status).toBe(200);
    await waitFor(() => warn.mock.calls.some((call) => call.includes('dropped a replayed Slack request')), { what: 'the replay to be recognised' });
    warn.mockRestore();
    expect(h.emulator.ephemerals(bob).filter((m) => m.text.startsWith('You have no goals'))).toHaveLength(1);
  });

  it('refuses a workspace it is not installed in, creating nothing', async () => {
    const [workspaces, people] = [await count('workspace'), await count('person')];
    const body = new URLSearchParams({ command: '/goal', text: 'list', team_id: 'T0EVIL', user_id: 'U0MALLORY', channel_id: 'D0X', trigger_id: '1.2.3', response_url: 'http://127.0.0.1:9/x' }).toString();
    const response = await h.driver.sendRaw({ body, contentType: FORM });
    expect(response.status).toBe(403);
    expect([await count('workspace'), await count('person')]).toEqual([workspaces, people]);
    expect(await h.database.db.selectFrom('workspace').select('id').where('id', '=', 'T0EVIL').execute()).toEqual([]);
  });

  it('answers malformed payloads 400 and a timestamp from the future 401, never 500', async () => {
    expect((await h.driver.sendRaw({ body: 'payload=null', contentType: FORM })).status).toBe(400);
    expect((await h.driver.sendRaw({ body: 'payload=%7Bnot-json', contentType: FORM })).status).toBe(400);
    expect((await h.driver.sendRaw({ body: '[]', contentType: 'application/json' })).status).toBe(400);
    expect((await h.driver.sendRaw({ body: 'text=hello', contentType: FORM })).status).toBe(400);
    const future = Math.floor(Date.now() / 1000) + 3600;
    const body = new URLSearchParams({ command: '/goal', text: 'help', team_id: DEFAULT_TEAM_ID, user_id: alice }).toString();
    expect((await h.driver.sendRaw({ body, contentType: FORM, timestampSeconds: future })).status).toBe(401);
  });

  describe('hostile values in every kind of input get an inline error and store nothing', () => {
    it('the goal form: control characters in text, a category it does not offer', async () => {
      const goals = await count('goal');
      const view = await openModal(alice, '/goal', '', 'goal_new');
      const values = buildViewState(view, { [GoalBlock.Title]: 'Nul\u0000byte', [GoalBlock.Description]: 'bell\u0007' });
      values[GoalBlock.Category] = { value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'evil' } } };
      const response = await h.driver.sendRaw({ body: submission(alice, view, values), contentType: FORM });
      expect(response.body).toEqual({
        response_action: 'errors',
        errors: { [GoalBlock.Title]: INPUT_ERRORS.control, [GoalBlock.Description]: INPUT_ERRORS.control, [GoalBlock.Category]: INPUT_ERRORS.option },
      });
      expect(await count('goal')).toBe(goals);
      await h.driver.closeView({ user: alice });
    });

    it('the feedback request: people Slack does not know, and a focus area not on the list', async () => {
      const [requests, people] = [await count('feedback_request'), await count('person')];
      const view = await openModal(alice, '/feedback', 'request', 'feedback_request');
      const values = buildViewState(view, { [FeedbackBlock.Peers]: ['U0BOB', 'U0CHARU'] });
      values[FeedbackBlock.Peers] = { value: { type: 'multi_users_select', selected_users: ['U0BOB', 'U0NOBODY9'] } };
      let response = await h.driver.sendRaw({ body: submission(alice, view, values), contentType: FORM });
      expect(response.body).toMatchObject({ response_action: 'errors', errors: { [FeedbackBlock.Peers]: expect.stringContaining('Slack does not know that person') } });
      values[FeedbackBlock.Peers] = { value: { type: 'multi_users_select', selected_users: ['U0BOB', '<!channel>'] } };
      values[FeedbackBlock.FocusAreas] = { value: { type: 'multi_static_select', selected_options: [{ value: 'Charisma' }] } };
      response = await h.driver.sendRaw({ body: submission(alice, view, values), contentType: FORM });
      expect(response.body).toEqual({ response_action: 'errors', errors: { [FeedbackBlock.Peers]: INPUT_ERRORS.user, [FeedbackBlock.FocusAreas]: INPUT_ERRORS.option } });
      expect([await count('feedback_request'), await count('person')]).toEqual([requests, people]);
      await h.driver.closeView({ user: alice });
    });

    it('continuous feedback: a recipient Slack does not know, and a NUL in the text', async () => {
      const [notes, people] = [await count('feedback_note'), await count('person')];
      const view = await openModal(alice, '/feedback', 'give', 'feedback_give');
      const values = buildViewState(view, { [FeedbackBlock.Body]: 'Great\u0000work' });
      values[FeedbackBlock.Recipient] = { value: { type: 'users_select', selected_user: 'U0GHOST1' } };
      const response = await h.driver.sendRaw({ body: submission(alice, view, values), contentType: FORM });
      expect(response.body).toEqual({ response_action: 'errors', errors: { [FeedbackBlock.Body]: INPUT_ERRORS.control } });
      values[FeedbackBlock.Body] = { value: { type: 'plain_text_input', value: 'Great work' } };
      const unknown = await h.driver.sendRaw({ body: submission(alice, view, values), contentType: FORM });
      expect(unknown.body).toMatchObject({ response_action: 'errors' });
      expect([await count('feedback_note'), await count('person')]).toEqual([notes, people]);
      await h.driver.closeView({ user: alice });
    });

    it('workspace settings: a checkbox value it does not offer, and a threshold written in hex', async () => {
      await h.driver.appHomeOpened({ user: dana });
      await h.emulator.waitForHome(dana, (view) => JSON.stringify(view.blocks).includes('Workspace settings'));
      await h.driver.clickButton({ user: dana, actionId: 'home_workspace_settings', source: { home: true } });
      const view = await h.emulator.waitForModal(dana, (v) => v.callback_id === 'settings_workspace');
      const before = await h.database.db.selectFrom('workspace').select(['anonymity_threshold', 'skip_level_visibility']).where('id', '=', DEFAULT_TEAM_ID).executeTakeFirstOrThrow();
      const values = buildViewState(view, {});
      values[SettingsBlock.SkipLevel] = { value: { type: 'checkboxes', selected_options: [{ value: 'yes-please' }] } };
      let response = await h.driver.sendRaw({ body: submission(dana, view, values), contentType: FORM });
      expect(response.body).toEqual({ response_action: 'errors', errors: { [SettingsBlock.SkipLevel]: INPUT_ERRORS.option } });
      values[SettingsBlock.SkipLevel] = { value: { type: 'checkboxes', selected_options: [] } };
      values[SettingsBlock.AnonymityThreshold] = { value: { type: 'number_input', value: '0x10' } };
      response = await h.driver.sendRaw({ body: submission(dana, view, values), contentType: FORM });
      expect(response.body).toMatchObject({ response_action: 'errors', errors: { [SettingsBlock.AnonymityThreshold]: 'Enter a whole number.' } });
      const after = await h.database.db.selectFrom('workspace').select(['anonymity_threshold', 'skip_level_visibility']).where('id', '=', DEFAULT_TEAM_ID).executeTakeFirstOrThrow();
      expect(after).toEqual(before);
      await h.driver.closeView({ user: dana });
    });
  });
});
