/**
 * views.* through the real WebClient: trigger rules (3 s, once), the 3-view stack, hashes that
 * guard concurrent updates, Home tabs, and Slack's error shape for invalid views.
 */
import { ErrorCode, type WebAPIPlatformError } from '@slack/web-api';
import type { ModalView, HomeView } from '@slack/types';
import { DEFAULT_PEOPLE, startSlackEmulator, type SlackEmulator } from '../../../sandbox';
import { clientFor, ManualClock } from './support';

const alice = DEFAULT_PEOPLE.alice.id;

function modal(title: string, extra: Partial<ModalView> = {}): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: title },
    submit: { type: 'plain_text', text: 'Save' },
    blocks: [{ type: 'input', block_id: 'goal', label: { type: 'plain_text', text: 'Goal' }, element: { type: 'plain_text_input', action_id: 'text' } }],
    ...extra,
  };
}

const homeView: HomeView = { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Your goals' } }] };

async function slackError(call: Promise<unknown>): Promise<WebAPIPlatformError['data']> {
  try {
    await call;
  } catch (error) {
    const platform = error as WebAPIPlatformError;
    if (platform.code === ErrorCode.PlatformError) return platform.data;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('Slack emulator views', () => {
  const clock = new ManualClock();
  let emulator: SlackEmulator;

  beforeAll(async () => {
    emulator = await startSlackEmulator({ rateLimits: 'off', now: clock.now });
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  describe('triggers', () => {
    it('views.open with a fresh trigger opens the modal as the root of a new stack', async () => {
      const { view } = await clientFor(emulator).views.open({ trigger_id: emulator.issueTrigger(alice), view: modal('New goal') });
      expect(view).toMatchObject({ id: expect.stringMatching(/^V[A-Z0-9]{10}$/), type: 'modal', hash: expect.any(String), previous_view_id: null });
      expect(view?.root_view_id).toBe(view?.id);
      expect(emulator.openModal(alice)?.id).toBe(view?.id);
      expect(emulator.modalStack(alice)).toHaveLength(1);
    });

    it('a trigger works once: the second exchange is exchanged_trigger_id', async () => {
      const trigger = emulator.issueTrigger(alice);
      await clientFor(emulator).views.open({ trigger_id: trigger, view: modal('One') });
      expect((await slackError(clientFor(emulator).views.open({ trigger_id: trigger, view: modal('Two') }))).error).toBe('exchanged_trigger_id');
      expect(emulator.openModal(alice)?.title).toEqual({ type: 'plain_text', text: 'One' });
    });

    it('a trigger expires after 3 seconds of emulator time', async () => {
      const onTime = emulator.issueTrigger(alice);
      const late = emulator.issueTrigger(alice);
      clock.advance(3000);
      await clientFor(emulator).views.open({ trigger_id: onTime, view: modal('On time') });
      clock.advance(1);
      expect((await slackError(clientFor(emulator).views.open({ trigger_id: late, view: modal('Late') }))).error).toBe('expired_trigger_id');
    });

    it('an unknown trigger is invalid_trigger_id, and so is one from another workspace', async () => {
      expect((await slackError(clientFor(emulator).views.open({ trigger_id: '1.2.nope', view: modal('x') }))).error).toBe('invalid_trigger_id');
      emulator.addWorkspace({ teamId: 'T0OTHER', name: 'Other', botToken: 'xoxb-other', botUserId: 'UOTHERBOT', appId: 'A0CADENCE', people: [{ id: 'U0ZED', name: 'zed' }] });
      const foreign = emulator.issueTrigger('U0ZED');
      expect((await slackError(clientFor(emulator).views.open({ trigger_id: foreign, view: modal('x') }))).error).toBe('invalid_trigger_id');
    });
  });

  describe('invalid views', () => {
    it('answers invalid_arguments with [ERROR] lines pointing into /view, and leaves the trigger usable', async () => {
      const trigger = emulator.issueTrigger(alice);
      const data = await slackError(clientFor(emulator).views.open({ trigger_id: trigger, view: modal('A title far longer than twenty-four characters') }));
      expect(data.error).toBe('invalid_arguments');
      expect(data.response_metadata?.messages).toEqual([expect.stringMatching(/^\[ERROR\] .*\[json-pointer:\/view\/title\/text\]$/)]);
      await clientFor(emulator).views.open({ trigger_id: trigger, view: modal('Fixed') });
      expect(emulator.openModal(alice)).toBeDefined();
    });

    it('answers view_too_large past 250 kB', async () => {
      const big = modal('Big', { private_metadata: 'x'.repeat(3000), blocks: Array.from({ length: 100 }, () => ({ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(2900) } })) });
      const data = await slackError(clientFor(emulator).views.open({ trigger_id: emulator.issueTrigger(alice), view: big }));
      expect(data.error).toBe('view_too_large');
    });

    it('refuses a home view in views.open', async () => {
      const data = await slackError(clientFor(emulator).views.open({ trigger_id: emulator.issueTrigger(alice), view: homeView }));
      expect(data.error).toBe('invalid_arguments');
    });
  });

  describe('stack', () => {
    it('views.push stacks up to 3 views and then answers push_limit_reached', async () => {
      const client = clientFor(emulator);
      const root = (await client.views.open({ trigger_id: emulator.issueTrigger(alice), view: modal('1') })).view;
      const second = (await client.views.push({ trigger_id: emulator.issueTrigger(alice), view: modal('2') })).view;
      await client.views.push({ trigger_id: emulator.issueTrigger(alice), view: modal('3') });
      expect(second).toMatchObject({ root_view_id: root?.id, previous_view_id: root?.id });
      expect((await slackError(client.views.push({ trigger_id: emulator.issueTrigger(alice), view: modal('4') }))).error).toBe('push_limit_reached');
      expect(emulator.modalStack(alice).map((v) => (v.title as { text: string }).text)).toEqual(['1', '2', '3']);
    });

    it('views.push without an open modal is not_found', async () => {
      expect((await slackError(clientFor(emulator).views.push({ trigger_id: emulator.issueTrigger(alice), view: modal('x') }))).error).toBe('not_found');
    });

    it('views.update keeps the id, changes the hash, and refuses a stale hash', async () => {
      const client = clientFor(emulator);
      const opened = (await client.views.open({ trigger_id: emulator.issueTrigger(alice), view: modal('Before') })).view;
      const updated = (await client.views.update({ view_id: opened?.id ?? '', hash: opened?.hash ?? '', view: modal('After') })).view;
      expect(updated?.id).toBe(opened?.id);
      expect(updated?.hash).not.toBe(opened?.hash);
      expect(emulator.openModal(alice)?.title).toEqual({ type: 'plain_text', text: 'After' });
      const stale = await slackError(client.views.update({ view_id: opened?.id ?? '', hash: opened?.hash ?? '', view: modal('Lost') }));
      expect(stale.error).toBe('hash_conflict');
    });

    it('views.update finds a view by external_id and answers not_found for an unknown one', async () => {
      const client = clientFor(emulator);
      await client.views.open({ trigger_id: emulator.issueTrigger(alice), view: modal('Ext', { external_id: 'goal-42' }) });
      await client.views.update({ external_id: 'goal-42', view: modal('Ext 2', { external_id: 'goal-42' }) });
      expect(emulator.openModal(alice)?.title).toEqual({ type: 'plain_text', text: 'Ext 2' });
      expect((await slackError(client.views.update({ view_id: 'VNOTHERE000', view: modal('x') }))).error).toBe('not_found');
      expect((await slackError(client.views.update({ external_id: 'nope', view: modal('x') }))).error).toBe('not_found');
    });

    it('refuses a second live view with the same external_id', async () => {
      const client = clientFor(emulator);
      await client.views.open({ trigger_id: emulator.issueTrigger(alice), view: modal('A', { external_id: 'same' }) });
      const data = await slackError(client.views.push({ trigger_id: emulator.issueTrigger(alice), view: modal('B', { external_id: 'same' }) }));
      expect(data.error).toBe('duplicate_external_id');
    });

    it('gives blocks without a block_id one, as Slack does', async () => {
      const view = modal('Ids', { blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] });
      await clientFor(emulator).views.open({ trigger_id: emulator.issueTrigger(alice), view });
      expect(emulator.openModal(alice)?.blocks[0]?.block_id).toEqual(expect.any(String));
    });
  });

  describe('views.publish', () => {
    it('publishes a Home tab whose id survives republishing while the hash changes', async () => {
      const client = clientFor(emulator);
      const first = (await client.views.publish({ user_id: alice, view: homeView })).view;
      const second = (await client.views.publish({ user_id: alice, view: homeView, hash: first?.hash ?? '' })).view;
      expect(second?.id).toBe(first?.id);
      expect(second?.hash).not.toBe(first?.hash);
      expect(emulator.home(alice)?.type).toBe('home');
      expect((await slackError(client.views.publish({ user_id: alice, view: homeView, hash: first?.hash ?? '' }))).error).toBe('hash_conflict');
    });

    it('refuses an unknown user, a modal, and a disabled Home tab', async () => {
      const client = clientFor(emulator);
      expect((await slackError(client.views.publish({ user_id: 'UNOBODY', view: homeView }))).error).toBe('user_not_found');
      expect((await slackError(client.views.publish({ user_id: alice, view: modal('Not home') }))).error).toBe('invalid_arguments');
      emulator.workspace().homeTabEnabled = false;
      expect((await slackError(client.views.publish({ user_id: alice, view: homeView }))).error).toBe('not_enabled');
    });
  });
});
