import { App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import type { CadenceContext } from '../../../src/slack/context';
import { createListenerRouter } from '../../../src/slack/listener-router';

const receiver: Receiver = { init: () => undefined, start: () => Promise.resolve(), stop: () => Promise.resolve() };

/** A real Bolt app, fed payloads directly: the router is judged by what Bolt hands its listeners. */
function boltApp(): App<CadenceContext> {
  return new App<CadenceContext>({ token: 'xoxb-test', receiver, tokenVerificationEnabled: false, botId: 'B1', botUserId: 'UBOT' });
}

const click = (actionId: string, blockId = 'block'): ReceiverEvent => ({
  body: {
    type: 'block_actions',
    team: { id: 'T1' },
    user: { id: 'U1', team_id: 'T1' },
    trigger_id: 'trigger',
    actions: [{ type: 'button', action_id: actionId, block_id: blockId, action_ts: '1' }],
  },
  ack: () => Promise.resolve(),
});

const submit = (callbackId: string): ReceiverEvent => ({
  body: { type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1', team_id: 'T1' }, view: { id: 'V1', callback_id: callbackId, state: { values: {} } } },
  ack: () => Promise.resolve(),
});

describe('one Bolt listener per kind routes each button and form to its own listener', () => {
  it('finds a button by its action_id, within its block first, then by pattern', async () => {
    const app = boltApp();
    const router = createListenerRouter(app);
    const heard: string[] = [];
    router.action('open', async () => void heard.push('open'));
    router.action({ block_id: 'goal_date', action_id: 'value' }, async () => void heard.push('date value'));
    router.action({ block_id: /^kr_\d+$/, action_id: 'value' }, async () => void heard.push('key result value'));
    router.action(/^digest_\d+$/, async ({ action }) => void heard.push(`digest ${action.action_id}`));

    await app.processEvent(click('open'));
    await app.processEvent(click('value', 'goal_date'));
    await app.processEvent(click('value', 'kr_3'));
    await app.processEvent(click('digest_12'));
    await app.processEvent(click('value', 'elsewhere'));
    await app.processEvent(click('unknown'));

    expect(heard).toEqual(['open', 'date value', 'key result value', 'digest digest_12']);
  });

  it('hands a form submission to the listener of its callback_id alone', async () => {
    const app = boltApp();
    const router = createListenerRouter(app);
    const heard: string[] = [];
    router.view('goal_new', async ({ view }) => void heard.push(`new ${view.id}`));
    router.view('goal_edit', async () => void heard.push('edit'));

    await app.processEvent(submit('goal_new'));
    await app.processEvent(submit('nobody'));

    expect(heard).toEqual(['new V1']);
  });

  it('refuses a second listener for the same button or form at start', () => {
    const router = createListenerRouter(boltApp());
    router.action('open', async () => undefined);
    router.action({ block_id: 'b', action_id: 'value' }, async () => undefined);
    router.view('goal_new', async () => undefined);
    expect(() => router.action('open', async () => undefined)).toThrow('two listeners for the action open');
    expect(() => router.action({ block_id: 'b', action_id: 'value' }, async () => undefined)).toThrow('two listeners for the action b/value');
    expect(() => router.view('goal_new', async () => undefined)).toThrow('two listeners for the form goal_new');
  });
});
