import type { KnownBlock, ModalView } from '@slack/types';
import { INTEGRATION_KINDS, isPushKind, TOOL_NAMES } from '../../domain/integration';
import type { ConnectionField, ConnectionView, PushedItem } from '../../services/integration.service';
import { context, divider, escapeMrkdwn, plain, section } from '../blocks';
import { IntegrationAction, IntegrationBlock, IntegrationCallbackId } from '../ids';
import { input, option, staticSelect } from '../inputs';

const LEVELS = [
  ['company', 'New company goals'],
  ['team', 'New team goals'],
  ['individual', 'New individual goals'],
] as const;

function connectionBlocks(connection: ConnectionView): KnownBlock[] {
  const blocks: KnownBlock[] = [
    {
      ...section(`*${escapeMrkdwn(connection.name)}* · ${TOOL_NAMES[connection.kind]} · ${escapeMrkdwn(connection.target)}`),
      accessory: {
        type: 'overflow',
        action_id: IntegrationAction.Test,
        options: [option('Test the connection', `test:${connection.id}`), option('Remove', `remove:${connection.id}`)],
      },
    },
  ];
  if (connection.problem) blocks.push(context(`:warning: ${escapeMrkdwn(connection.problem)}`));
  if (connection.scope === 'workspace' && isPushKind(connection.kind)) {
    const options = LEVELS.map(([level, label]) => option(label, `${connection.id}:${level}`));
    const chosen = options.filter((o) => connection.rules.some((level) => o.value === `${connection.id}:${level}`));
    blocks.push({
      type: 'actions',
      block_id: `integration_rules_${connection.id}`,
      elements: [{ type: 'checkboxes', action_id: IntegrationAction.Rules, options, ...(chosen.length > 0 ? { initial_options: chosen } : {}) }],
    });
  }
  return blocks;
}

/** The connections the reader manages: the workspace's (HR) and their own, each with its problem. */
export function buildIntegrationsModal(input: { workspace: readonly ConnectionView[]; personal: readonly ConnectionView[]; canManage: boolean }, notice?: string): ModalView {
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(section(notice));
  blocks.push(
    section('Goals and review next steps go out to Notion, Asana, monday.com or a webhook; meeting transcripts come in from Fireflies or Granola. Tokens are encrypted and never shown again.'),
    { type: 'actions', elements: [{ type: 'button', action_id: IntegrationAction.Add, text: plain('Add a connection'), style: 'primary', value: input.canManage ? 'workspace' : 'personal' }] },
  );
  if (input.canManage) {
    blocks.push(divider(), section('*Workspace connections*'));
    if (input.workspace.length === 0) blocks.push(context('None yet.'));
    for (const connection of input.workspace) blocks.push(...connectionBlocks(connection));
    if (input.workspace.some((c) => isPushKind(c.kind))) blocks.push(context('Ticked boxes send every new goal of that level to the connection as it is created.'));
  }
  blocks.push(divider(), section('*Your own connections*'));
  if (input.personal.length === 0) blocks.push(context('None: add one to send your goals to your own tools.'));
  for (const connection of input.personal) blocks.push(...connectionBlocks(connection));
  return { type: 'modal', title: plain('Integrations'), close: plain('Close'), blocks };
}

const FIELD_BLOCKS: Record<ConnectionField, string> = {
  kind: IntegrationBlock.Kind,
  name: IntegrationBlock.Name,
  secret: IntegrationBlock.Secret,
  target: IntegrationBlock.Target,
  webhook_secret: IntegrationBlock.WebhookSecret,
};

export const connectionErrorsToBlocks = (errors: Partial<Record<ConnectionField, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([field, message]) => [FIELD_BLOCKS[field as ConnectionField], message ?? '']));

/** A new connection: the tool, its token and what it points at. Cadence checks it before saving. */
export function buildAddConnectionModal(scope: 'workspace' | 'personal'): ModalView {
  const kinds = scope === 'workspace' ? INTEGRATION_KINDS : INTEGRATION_KINDS.filter(isPushKind);
  return {
    type: 'modal',
    callback_id: IntegrationCallbackId.Add,
    private_metadata: scope,
    title: plain('Add a connection'),
    submit: plain('Check and save'),
    close: plain('Cancel'),
    blocks: [
      input(IntegrationBlock.Kind, 'Tool', staticSelect(kinds.map((kind) => option(TOOL_NAMES[kind], kind)))),
      input(IntegrationBlock.Name, 'Name', { type: 'plain_text_input', max_length: 80 }, { hint: 'How people will see it, e.g. “Engineering roadmap”.' }),
      input(IntegrationBlock.Secret, 'Token, API key or webhook secret', { type: 'plain_text_input', max_length: 500 }, {
        hint: 'Notion: the integration’s secret · Asana: a personal access token · monday.com: an API token · webhook: a secret of at least 16 characters to sign with. Encrypted, never shown again.',
      }),
      input(IntegrationBlock.Target, 'Where to', { type: 'plain_text_input', max_length: 500 }, {
        optional: true,
        hint: 'Notion: the database’s link · Asana: the project number · monday.com: the board number · webhook: its URL. Not needed for Fireflies or Granola.',
      }),
      ...(scope === 'workspace'
        ? [input(IntegrationBlock.WebhookSecret, 'Fireflies webhook secret', { type: 'plain_text_input', max_length: 200 }, { optional: true, hint: 'Fireflies only: the secret its webhooks are signed with.' })]
        : []),
      context(':lock: Cadence tries the connection before saving it: a wrong token or a database it cannot see is said here, and nothing is stored.'),
    ],
  };
}

/** What is sent (`about`), where it can go, and where it has gone. */
function buildPushModal(form: { callbackId: string; metadata: string; about: KnownBlock[]; note: string }, targets: readonly ConnectionView[], pushed: readonly PushedItem[]): ModalView {
  const blocks: KnownBlock[] = [...form.about];
  if (pushed.length > 0) blocks.push(context(pushedLines(pushed)));
  if (targets.length === 0) {
    blocks.push(section('There is no connection to send it to yet: HR adds them from the Home tab, and you can add your own there under Integrations.'));
    return { type: 'modal', title: plain('Send to a tool'), close: plain('Close'), blocks };
  }
  blocks.push(input(IntegrationBlock.Connection, 'Send it to', staticSelect(targets.map((t) => option(`${t.name} (${TOOL_NAMES[t.kind]})`.slice(0, 75), t.id)))), context(form.note));
  return { type: 'modal', callback_id: form.callbackId, private_metadata: form.metadata, title: plain('Send to a tool'), submit: plain('Send'), close: plain('Cancel'), blocks };
}

/** Where a goal can go, and where it has gone. */
export function buildPushGoalModal(goalId: string, goalTitle: string, targets: readonly ConnectionView[], pushed: readonly PushedItem[]): ModalView {
  const note = 'The item is created once, with the key results, owner, due date and a link back to Slack; later progress updates it.';
  return buildPushModal({ callbackId: IntegrationCallbackId.PushGoal, metadata: goalId, about: [section(`*${escapeMrkdwn(goalTitle)}*`)], note }, targets, pushed);
}

/** A review conversation's next steps, as they will be sent, and where they can go. */
export function buildPushNextStepsModal(participantId: string, steps: readonly string[], targets: readonly ConnectionView[], pushed: readonly PushedItem[]): ModalView {
  const about = [section('*Next steps from your review conversation*'), section(steps.map((step) => `• ${escapeMrkdwn(step)}`).join('\n'))];
  const note = 'They go as one item with a link back to Slack. Sending the same steps to the same place again changes nothing.';
  return buildPushModal({ callbackId: IntegrationCallbackId.PushNextSteps, metadata: participantId, about, note }, targets, pushed);
}

/** "Sent to: Roadmap (link) · Team Asana: retrying" */
export function pushedLines(pushed: readonly PushedItem[]): string {
  const line = (item: PushedItem) => {
    const name = item.url ? `<${item.url}|${escapeMrkdwn(item.connectionName)}>` : escapeMrkdwn(item.connectionName);
    if (item.state === 'sent') return name;
    return item.state === 'failed' ? `${name}: ${escapeMrkdwn(item.error ?? 'failed')}` : `${name}: sending`;
  };
  return `*Sent to:* ${pushed.map(line).join(' · ')}`;
}
