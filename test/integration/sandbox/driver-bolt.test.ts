/**
 * The driver against a real Bolt app over HTTP: requests are signed so Bolt accepts them, payloads
 * have the shapes Bolt routes on, and what Slack does with the bot's answers (modal stack, command
 * ack messages) is applied to the emulator.
 */
import { DEFAULT_PEOPLE, SlackClientValidationError, SlackDriver, startSlackEmulator, type SlackEmulator } from '../../../sandbox';
import { clientFor } from './support';
import { SIGNING_SECRET, startTinyBolt, type TinyBolt } from './tiny-bolt-app';
import { waitFor as pollUntil } from '../../support/redis';

const alice = DEFAULT_PEOPLE.alice.id;

describe('SlackDriver with a real Bolt app', () => {
  let emulator: SlackEmulator;
  let bolt: TinyBolt;
  let driver: SlackDriver;

  beforeAll(async () => {
    emulator = await startSlackEmulator({ rateLimits: 'off' });
    bolt = await startTinyBolt(emulator);
    driver = new SlackDriver({ emulator, botUrl: bolt.url, signingSecret: SIGNING_SECRET });
  });
  afterAll(async () => {
    await bolt.stop();
    await emulator.stop();
  });
  beforeEach(() => {
    emulator.reset();
    bolt.seen.submissions.length = 0;
    bolt.seen.actions.length = 0;
    bolt.seen.closed.length = 0;
    bolt.seen.messages.length = 0;
  });

  async function openGoalModal() {
    const result = await driver.command({ user: alice, command: '/goal' });
    expect(result.status).toBe(200);
    return emulator.waitForModal(alice, (v) => v.callback_id === 'goal_modal');
  }

  describe('slash commands', () => {
    it('a command reaches the bot, whose views.open with the issued trigger opens the modal', async () => {
      const result = await driver.command({ user: alice, command: '/goal', text: 'ship it' });
      expect(result).toMatchObject({ status: 200, body: '', triggerId: expect.any(String), responseUrl: expect.stringContaining('/response/') });
      const modal = await emulator.waitForModal(alice);
      expect(modal.callback_id).toBe('goal_modal');
      expect(emulator.calls('views.open')[0]?.params.trigger_id).toBe(result.triggerId);
    });

    it("shows a command's ack body to the person as an ephemeral message", async () => {
      const result = await driver.command({ user: alice, command: '/hello' });
      expect(result.body).toBe('Hi there, friend');
      expect(emulator.ephemerals(alice)).toEqual([expect.objectContaining({ text: 'Hi there, friend', source: 'command_ack', channel: 'D0ALICE' })]);
    });
  });

  describe('view submissions', () => {
    it('builds state.values from the open view: given values, initial values, empty shapes', async () => {
      await openGoalModal();
      const result = await driver.submitView({ user: alice, values: { goal: 'Ship the emulator' } });
      expect(result.view.state.values).toEqual({
        goal: { text: { type: 'plain_text_input', value: 'Ship the emulator' } },
        due: { date: { type: 'datepicker', selected_date: '2025-03-31' } },
        size_block: { pick_size: { type: 'static_select', selected_option: null } },
      });
      expect(bolt.seen.submissions).toHaveLength(1);
    });

    it('an empty ack closes the modal and the bot carries on (a DM here)', async () => {
      await openGoalModal();
      const result = await driver.submitView({ user: alice, values: { goal: 'Ship the emulator' } });
      expect(result.outcome).toEqual({ kind: 'closed' });
      expect(emulator.openModal(alice)).toBeUndefined();
      await expect(emulator.waitForDm(alice, (m) => m.text === 'Saved goal: Ship the emulator')).resolves.toBeDefined();
    });

    it('a submission answered with response_action errors keeps the same modal open', async () => {
      const modal = await openGoalModal();
      const result = await driver.submitView({ user: alice, values: { goal: 'ab' } });
      expect(result.status).toBe(200);
      expect(result.body).toEqual({ response_action: 'errors', errors: { goal: 'Too short' } });
      expect(result.outcome).toEqual({ kind: 'errors', errors: { goal: 'Too short' } });
      expect(emulator.openModal(alice)?.id).toBe(modal.id);
    });

    it('errors naming a block that is not an input are what Slack refuses: reported as rejected', async () => {
      await openGoalModal();
      const result = await driver.submitView({ user: alice, values: { goal: 'bad errors' } });
      expect(result.outcome).toEqual({ kind: 'rejected', reason: expect.stringContaining('size_block') });
      expect(emulator.openModal(alice)).toBeDefined();
    });

    it('response_action push stacks a view on top of the submitted one', async () => {
      await openGoalModal();
      const pushed = await driver.submitView({ user: alice, values: { goal: 'push' } });
      expect(pushed.outcome.kind).toBe('pushed');
      expect(emulator.modalStack(alice).map((v) => v.callback_id)).toEqual(['goal_modal', 'confirm_modal']);
    });

    it('response_action update replaces the submitted view in place (same id, new content)', async () => {
      const modal = await openGoalModal();
      const updated = await driver.submitView({ user: alice, values: { goal: 'update' } });
      expect(updated.outcome.kind).toBe('updated');
      const stack = emulator.modalStack(alice);
      expect(stack.map((v) => v.id)).toEqual([modal.id]);
      expect(stack[0]?.title).toEqual({ type: 'plain_text', text: 'Updated' });
      expect(stack[0]?.hash).not.toBe(modal.hash);
    });

    it('refuses to submit what the Slack client would not send: a required input left empty', async () => {
      await openGoalModal();
      await expect(driver.submitView({ user: alice, values: {} })).rejects.toThrow(SlackClientValidationError);
      expect(bolt.seen.submissions).toHaveLength(0);
    });

    it('throws a clear error when the test names a block the view does not have', async () => {
      await openGoalModal();
      await expect(driver.submitView({ user: alice, values: { title: 'x' } })).rejects.toThrow(/No input block "title".*input blocks are: "goal", "due"/);
    });

    it('looks option values up in the element, and rejects one it does not offer', async () => {
      await openGoalModal();
      await expect(
        driver.selectOption({ user: alice, actionId: 'pick_size', value: 'xl', source: { modal: true } }),
      ).rejects.toThrow(/no option with value "xl"; its options are: "s", "l"/);
    });

    it('closing a modal with notify_on_close sends view_closed and forgets the view', async () => {
      await openGoalModal();
      const result = await driver.closeView({ user: alice });
      expect(result).toMatchObject({ sent: true, status: 200 });
      expect(bolt.seen.closed).toEqual([expect.objectContaining({ type: 'view_closed', is_cleared: false })]);
      expect(emulator.openModal(alice)).toBeUndefined();
    });
  });

  describe('block actions', () => {
    it('a button click on a message sends block_actions the bot can respond() to', async () => {
      const { ts } = await clientFor(emulator).chat.postMessage({
        channel: alice,
        text: 'Approve goal?',
        blocks: [{ type: 'actions', block_id: 'review', elements: [{ type: 'button', action_id: 'approve', value: 'goal-1', text: { type: 'plain_text', text: 'Approve' } }] }],
      });
      const result = await driver.clickButton({ user: alice, actionId: 'approve', source: { message: { channel: alice, ts: ts ?? '' } } });
      expect(result.status).toBe(200);
      const [body] = bolt.seen.actions;
      expect(body).toMatchObject({
        type: 'block_actions',
        container: { type: 'message', channel_id: 'D0ALICE', message_ts: ts },
        actions: [{ type: 'button', action_id: 'approve', block_id: 'review', value: 'goal-1' }],
        trigger_id: result.triggerId,
        response_url: result.responseUrl,
      });
      await emulator.waitForDm(alice, (m) => m.ts === ts && m.text === 'Approved goal-1');
    });

    it('a click on an ephemeral message carries no `message`, and respond() replaces the ephemeral', async () => {
      const { message_ts: ts } = await clientFor(emulator).chat.postEphemeral({
        channel: 'D0ALICE',
        user: alice,
        text: 'Approve?',
        blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'approve', value: 'goal-2', text: { type: 'plain_text', text: 'Approve' } }] }],
      });
      await driver.clickButton({ user: alice, actionId: 'approve', source: { message: { channel: 'D0ALICE', ts: ts ?? '' } } });
      expect(bolt.seen.actions[0]).not.toHaveProperty('message');
      expect(bolt.seen.actions[0]?.container).toMatchObject({ type: 'message', is_ephemeral: true });
      await emulator.waitForEphemeral(alice, (m) => m.ts === ts && m.text === 'Approved goal-2');
    });

    it('only the top modal of a stack can be clicked', async () => {
      const root = await openGoalModal();
      await driver.submitView({ user: alice, values: { goal: 'push' } });
      await expect(driver.selectOption({ user: alice, actionId: 'pick_size', value: 'l', source: { viewId: root.id } })).rejects.toThrow(/under another modal/);
    });

    it('a select inside a modal carries the view with its new state, and the bot can views.update it', async () => {
      const modal = await openGoalModal();
      await driver.selectOption({ user: alice, actionId: 'pick_size', value: 'l', source: { viewId: modal.id } });
      const [body] = bolt.seen.actions;
      expect(body?.container).toEqual({ type: 'view', view_id: modal.id });
      expect(body?.view?.state.values.size_block?.pick_size).toEqual({ type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'Large' }, value: 'l' } });
      const updated = await emulator.waitForModal(alice, (v) => (v.title as { text?: string }).text === 'Size l');
      expect(updated.id).toBe(modal.id);
    });

    it('names what is there when the test clicks an element the bot never rendered', async () => {
      const modal = await openGoalModal();
      await expect(driver.clickButton({ user: alice, actionId: 'approve', source: { viewId: modal.id } })).rejects.toThrow(/No element with action_id "approve".*goal\/text \(plain_text_input\)/);
    });
  });

  describe('events', () => {
    it('app_home_opened lets the bot publish the Home tab', async () => {
      const result = await driver.appHomeOpened({ user: alice });
      expect(result.status).toBe(200);
      const home = await emulator.waitForHome(alice);
      expect(home.blocks[0]).toMatchObject({ type: 'section', text: { text: `Hello <@${alice}>` } });
    });

    it('a DM from the person reaches the bot as message.im and is kept in the conversation', async () => {
      await driver.sendDm({ user: alice, text: 'hello bot' });
      await emulator.waitForDm(alice, (m) => m.text === 'echo: hello bot');
      expect(emulator.conversation(alice).map((m) => [m.user, m.text])).toEqual([
        [alice, 'hello bot'],
        ['UCADENCEBOT', 'echo: hello bot'],
      ]);
    });

    it('resendLastEvent repeats the same event_id with X-Slack-Retry-Num, as Slack retries do', async () => {
      const first = await driver.sendDm({ user: alice, text: 'once' });
      await driver.resendLastEvent({ retryNum: 1 });
      // Bolt acks an event before its listener runs: wait for both deliveries to be seen.
      await pollUntil(() => bolt.seen.messages.length >= 2, { what: 'both deliveries' });
      expect(bolt.seen.messages).toEqual([
        { eventId: first.eventId, retryNum: undefined, text: 'once' },
        { eventId: first.eventId, retryNum: 1, text: 'once' },
      ]);
    });
  });

  describe('signing', () => {
    it('a request signed with the wrong secret is rejected with 401 and reaches no listener', async () => {
      const body = JSON.stringify({ type: 'event_callback', event: { type: 'message', channel_type: 'im', text: 'forged' } });
      const result = await driver.sendRaw({ body, contentType: 'application/json', signingSecret: 'not-the-secret' });
      expect(result.status).toBe(401);
      expect(bolt.seen.messages).toEqual([]);
    });

    it('a request signed more than 5 minutes ago is rejected with 401', async () => {
      const body = JSON.stringify({ type: 'url_verification', challenge: 'c' });
      const stale = Math.floor(Date.now() / 1000) - 6 * 60;
      expect((await driver.sendRaw({ body, contentType: 'application/json', timestampSeconds: stale })).status).toBe(401);
      expect((await driver.urlVerification('c2')).body).toEqual({ challenge: 'c2' });
    });
  });
});
