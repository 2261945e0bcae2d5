/**
 * A minimal real Bolt 5 app (ExpressReceiver over HTTP, WebClient on the emulator) used to test
 * the driver end to end. It records what reached it so tests can check payload shapes.
 */
import { App, ExpressReceiver, type BlockAction, type ButtonAction, type StaticSelectAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_BOT_TOKEN, type SlackEmulator } from '../../../sandbox';
import { silentLogger } from './support';

export const SIGNING_SECRET = 'tiny-bolt-secret';

export function goalModal(overrides: Partial<ModalView> = {}): ModalView {
  return {
    type: 'modal',
    callback_id: 'goal_modal',
    title: { type: 'plain_text', text: 'New goal' },
    submit: { type: 'plain_text', text: 'Save' },
    notify_on_close: true,
    blocks: [
      { type: 'input', block_id: 'goal', label: { type: 'plain_text', text: 'Goal' }, element: { type: 'plain_text_input', action_id: 'text' } },
      {
        type: 'input',
        block_id: 'due',
        optional: true,
        label: { type: 'plain_text', text: 'Due' },
        element: { type: 'datepicker', action_id: 'date', initial_date: '2025-03-31' },
      },
      {
        type: 'section',
        block_id: 'size_block',
        text: { type: 'mrkdwn', text: 'Size' },
        accessory: {
          type: 'static_select',
          action_id: 'pick_size',
          options: [
            { text: { type: 'plain_text', text: 'Small' }, value: 's' },
            { text: { type: 'plain_text', text: 'Large' }, value: 'l' },
          ],
        },
      },
    ],
    ...overrides,
  };
}

const confirmModal: ModalView = {
  type: 'modal',
  callback_id: 'confirm_modal',
  title: { type: 'plain_text', text: 'Confirm' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Sure?' } }],
};

export interface TinyBolt {
  url: string;
  /** Bodies of requests that reached listeners, by kind. */
  seen: {
    submissions: unknown[];
    actions: BlockAction[];
    closed: unknown[];
    messages: { eventId: string; retryNum: number | undefined; text: string }[];
  };
  stop(): Promise<void>;
}

export async function startTinyBolt(emulator: SlackEmulator): Promise<TinyBolt> {
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, logger: silentLogger });
  const app = new App({
    token: DEFAULT_BOT_TOKEN,
    receiver,
    logger: silentLogger,
    clientOptions: { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } },
  });
  const seen: TinyBolt['seen'] = { submissions: [], actions: [], closed: [], messages: [] };

  app.command('/goal', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: goalModal() });
  });
  app.command('/hello', async ({ ack }) => {
    await ack(`Hi there, ${'friend'}`);
  });

  app.view('goal_modal', async ({ ack, body, view, client }) => {
    seen.submissions.push(body);
    const goal = view.state.values.goal?.text?.value ?? '';
    if (goal.length < 3) return ack({ response_action: 'errors', errors: { goal: 'Too short' } });
    if (goal === 'push') return ack({ response_action: 'push', view: confirmModal });
    if (goal === 'update') return ack({ response_action: 'update', view: goalModal({ title: { type: 'plain_text', text: 'Updated' } }) });
    if (goal === 'bad errors') return ack({ response_action: 'errors', errors: { size_block: 'not an input' } });
    await ack();
    await client.chat.postMessage({ channel: body.user.id, text: `Saved goal: ${goal}` });
  });
  app.view({ callback_id: 'goal_modal', type: 'view_closed' }, async ({ ack, body }) => {
    seen.closed.push(body);
    await ack();
  });

  app.action<BlockAction<ButtonAction>>('approve', async ({ ack, body, respond }) => {
    seen.actions.push(body);
    await ack();
    await respond({ replace_original: true, text: `Approved ${body.actions[0]?.value ?? ''}` });
  });
  app.action<BlockAction<StaticSelectAction>>('pick_size', async ({ ack, body, client }) => {
    seen.actions.push(body);
    await ack();
    const picked = body.actions[0]?.selected_option.value ?? '?';
    if (body.view) await client.views.update({ view_id: body.view.id, hash: body.view.hash, view: goalModal({ title: { type: 'plain_text', text: `Size ${picked}` } }) });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Hello <@${event.user}>` } }] } });
  });
  app.message(async ({ message, body, context, say }) => {
    const text = 'text' in message && typeof message.text === 'string' ? message.text : '';
    seen.messages.push({ eventId: String((body as { event_id?: unknown }).event_id), retryNum: context.retryNum, text });
    await say(`echo: ${text}`);
  });

  const server: Server = createServer(receiver.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    seen,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
