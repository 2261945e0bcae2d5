/**
 * The payloads Slack sends to an app, built from emulator state: slash command forms,
 * interactivity payloads (block_actions, view_submission, view_closed) and Events API envelopes.
 * Field names and shapes follow PLATFORM.md ("Inbound payloads").
 */
import { eventId } from '../emulator/ids';
import type { Person } from '../emulator/people';
import type { JsonRecord, SlackView } from '../emulator/types';
import type { Workspace } from '../emulator/workspace';

/** Slack's legacy verification token; Bolt ignores it, but real payloads carry one. */
export const VERIFICATION_TOKEN = 'emulator-verification-token';

export interface Actor {
  ws: Workspace;
  person: Person;
}

function userRef({ ws, person }: Actor): JsonRecord {
  return { id: person.id, username: person.name, name: person.name, team_id: ws.teamId };
}

function teamRef(ws: Workspace): JsonRecord {
  const org = ws.enterprise;
  return org ? { id: ws.teamId, domain: ws.domain, enterprise_id: org.id, enterprise_name: org.name } : { id: ws.teamId, domain: ws.domain };
}

/**
 * What a payload says about the workspace's Enterprise Grid organization: its id whenever the
 * workspace is in one, and whether the app is installed org-wide there.
 */
function enterpriseFields(ws: Workspace): { enterprise: JsonRecord | null; is_enterprise_install: boolean } {
  const org = ws.enterprise;
  return { enterprise: org ? { id: org.id, name: org.name } : null, is_enterprise_install: org?.installed ?? false };
}

function secondsString(ms: number): string {
  return (ms / 1000).toFixed(6);
}

export function commandForm(actor: Actor, input: { command: string; text: string; triggerId: string; responseUrl: string }): Record<string, string> {
  const { ws, person } = actor;
  return {
    token: VERIFICATION_TOKEN,
    team_id: ws.teamId,
    team_domain: ws.domain,
    channel_id: ws.dmChannelId(person.id),
    channel_name: 'directmessage',
    user_id: person.id,
    user_name: person.name,
    command: input.command.startsWith('/') ? input.command : `/${input.command}`,
    text: input.text,
    api_app_id: ws.appId,
    ...(ws.enterprise ? { enterprise_id: ws.enterprise.id, enterprise_name: ws.enterprise.name } : {}),
    is_enterprise_install: String(enterpriseFields(ws).is_enterprise_install),
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

interface BlockActionsInput {
  action: JsonRecord;
  triggerId: string;
  nowMs: number;
}

/** block_actions on a message (in the app's DM) — `message` is omitted for ephemeral ones, as Slack does. */
export function messageBlockActions(
  actor: Actor,
  input: BlockActionsInput & { channel: string; message: JsonRecord; ephemeral: boolean; responseUrl: string },
): JsonRecord {
  const { ws } = actor;
  const payload: JsonRecord = {
    type: 'block_actions',
    user: userRef(actor),
    api_app_id: ws.appId,
    token: VERIFICATION_TOKEN,
    container: { type: 'message', message_ts: input.message.ts, channel_id: input.channel, is_ephemeral: input.ephemeral },
    trigger_id: input.triggerId,
    team: teamRef(ws),
    ...enterpriseFields(ws),
    channel: { id: input.channel, name: 'directmessage' },
    state: { values: {} },
    response_url: input.responseUrl,
    actions: [{ ...input.action, action_ts: secondsString(input.nowMs) }],
  };
  if (!input.ephemeral) payload.message = input.message;
  return payload;
}

/** block_actions inside a modal or the Home tab: no response_url, the view with its current state. */
export function viewBlockActions(actor: Actor, input: BlockActionsInput & { view: SlackView }): JsonRecord {
  const { ws } = actor;
  return {
    type: 'block_actions',
    user: userRef(actor),
    api_app_id: ws.appId,
    token: VERIFICATION_TOKEN,
    container: { type: 'view', view_id: input.view.id },
    trigger_id: input.triggerId,
    team: teamRef(ws),
    ...enterpriseFields(ws),
    view: input.view,
    actions: [{ ...input.action, action_ts: secondsString(input.nowMs) }],
  };
}

export function viewSubmission(actor: Actor, input: { view: SlackView; triggerId: string }): JsonRecord {
  const { ws } = actor;
  return {
    type: 'view_submission',
    team: teamRef(ws),
    user: userRef(actor),
    api_app_id: ws.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId,
    view: input.view,
    response_urls: [],
    ...enterpriseFields(ws),
  };
}

export function viewClosed(actor: Actor, input: { view: SlackView; isCleared: boolean }): JsonRecord {
  const { ws } = actor;
  return {
    type: 'view_closed',
    team: teamRef(ws),
    user: userRef(actor),
    api_app_id: ws.appId,
    token: VERIFICATION_TOKEN,
    view: input.view,
    is_cleared: input.isCleared,
    ...enterpriseFields(ws),
  };
}

/** The Events API envelope around one event, with a fresh event_id. */
export function eventEnvelope(ws: Workspace, event: JsonRecord, nowMs: number): JsonRecord {
  const org = ws.enterprise;
  const orgWide = org?.installed ?? false;
  return {
    token: VERIFICATION_TOKEN,
    team_id: ws.teamId,
    ...(org ? { enterprise_id: org.id } : {}),
    api_app_id: ws.appId,
    event,
    type: 'event_callback',
    event_id: eventId(),
    event_time: Math.floor(nowMs / 1000),
    // An org-wide install is authorized for the organization, not a team.
    authorizations: [{ enterprise_id: org?.id ?? null, team_id: orgWide ? null : ws.teamId, user_id: ws.botUserId, is_bot: true, is_enterprise_install: orgWide }],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`${ws.teamId}:${ws.appId}`).toString('base64url')}`,
  };
}

/**
 * A message's text as the rich_text elements Slack puts beside it in a message event: mentions
 * (`<@U…>`) as user elements, the rest as text with the entities Slack escaped decoded.
 */
export function richTextElements(text: string): JsonRecord[] {
  const elements: JsonRecord[] = [];
  const pushText = (part: string) => {
    if (part !== '') elements.push({ type: 'text', text: part.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') });
  };
  let last = 0;
  for (const match of text.matchAll(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g)) {
    pushText(text.slice(last, match.index));
    elements.push({ type: 'user', user_id: match[1] });
    last = match.index + match[0].length;
  }
  pushText(text.slice(last));
  return elements;
}
