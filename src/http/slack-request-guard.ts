import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../lib/logger';
import { type SlackOrigin, tenantOf } from '../slack/tenant';
import type { AnswersFirst } from './answers-first';

/** Slack signs a request's time; one from further ahead than this is refused (Bolt checks only the past). */
const FUTURE_SKEW_SECONDS = 60;
/** Larger than any payload Slack sends (a modal with a hundred inputs stays far below). */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface SlackRequestGuardDeps {
  signingSecret: string;
  /**
   * Whether requests for this Cadence workspace (src/slack/tenant.ts) are served: the bot token's
   * team, or one with an active installation (and, for its uninstall events, one that had an installation).
   */
  serves: (workspaceId: string, request: SlackRequestKind) => Promise<boolean>;
  /** Records a request's signature; false when it was seen already (a replay). */
  claimSignature: (signature: string) => Promise<boolean>;
  /** Holds the follow-up work of commands and buttons while other requests wait for their answer. */
  answersFirst: AnswersFirst;
  logger: Logger;
  /** Wall-clock milliseconds: signatures are checked against real time, not the sandbox's clock. */
  now?: () => number;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > BODY_LIMIT_BYTES) throw new Refusal(413, 'request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Refusal(400, 'malformed JSON');
  }
}

/** The kinds whose listeners acknowledge before they read anything (src/slack/actor.middleware.ts). */
const ACKED_FIRST = new Set(['slash_command', 'block_actions']);

/** Resolves once the response has been sent, or the connection closed before it could be. */
const answered = (res: ServerResponse) => new Promise<void>((resolve) => res.once('close', () => resolve()));

/** What a request is for, as metrics label it: its kind and the listener it reaches. */
export interface SlackRequestKind {
  kind: string;
  /** The command, action_id, callback_id or event type; 'other' when it is not one of ours in shape. */
  listener: string;
}

/** Ours are short identifiers: anything else is not let into a metric's labels. */
const listenerName = (value: string | undefined): string => (value !== undefined && /^[\w/.:-]{1,64}$/.test(value) ? value : 'other');

const firstActionId = (actions: unknown): string | undefined => (Array.isArray(actions) && isObject(actions[0]) ? str(actions[0].action_id) : undefined);

const NO_ORIGIN: SlackOrigin = { teamId: undefined, enterpriseId: undefined, isEnterpriseInstall: undefined };

/** Where an event comes from: its first authorization says how the app is installed, as Bolt reads it. */
function eventOrigin(parsed: Record<string, unknown>): SlackOrigin {
  const authorization = Array.isArray(parsed.authorizations) && isObject(parsed.authorizations[0]) ? parsed.authorizations[0] : undefined;
  return {
    teamId: str(authorization?.team_id) ?? str(parsed.team_id),
    enterpriseId: str(authorization?.enterprise_id) ?? str(parsed.enterprise_id),
    isEnterpriseInstall: authorization?.is_enterprise_install === true,
  };
}

const VIEW_ACTIONS = new Set(['view_submission', 'view_closed']);

function interactionOrigin(parsed: Record<string, unknown>): SlackOrigin {
  const team = isObject(parsed.team) ? parsed.team : undefined;
  const user = isObject(parsed.user) ? str(parsed.user.team_id) : undefined;
  const enterprise = isObject(parsed.enterprise) ? str(parsed.enterprise.id) : undefined;
  // As Bolt authorizes a form: a modal opened across a Slack Connect channel names the workspace it belongs to.
  const formOf = VIEW_ACTIONS.has(String(parsed.type)) && isObject(parsed.view) ? str(parsed.view.app_installed_team_id) : undefined;
  return {
    teamId: formOf ?? str(team?.id) ?? user ?? str(parsed.team_id),
    enterpriseId: enterprise ?? str(team?.enterprise_id),
    isEnterpriseInstall: parsed.is_enterprise_install === true,
  };
}

/** The request's kind, listener and origin, or a refusal when it is not a shape Slack sends. */
function inspect(body: string, contentType: string): SlackRequestKind & { origin: SlackOrigin } {
  if (contentType.includes('application/json')) {
    const parsed = parseJson(body);
    if (!isObject(parsed) || !str(parsed.type)) throw new Refusal(400, 'malformed event');
    const event = isObject(parsed.event) ? str(parsed.event.type) : undefined;
    return { kind: String(parsed.type), listener: listenerName(event ?? String(parsed.type)), origin: eventOrigin(parsed) };
  }
  const form = new URLSearchParams(body);
  if (form.get('ssl_check') === '1') return { kind: 'ssl_check', listener: 'ssl_check', origin: NO_ORIGIN };
  const payload = form.get('payload');
  if (payload !== null) {
    const parsed = parseJson(payload);
    if (!isObject(parsed) || !str(parsed.type)) throw new Refusal(400, 'malformed interaction payload');
    const callbackId = isObject(parsed.view) ? str(parsed.view.callback_id) : undefined;
    return { kind: String(parsed.type), listener: listenerName(firstActionId(parsed.actions) ?? callbackId), origin: interactionOrigin(parsed) };
  }
  if (!str(form.get('command')) || !str(form.get('user_id'))) throw new Refusal(400, 'malformed slash command');
  return {
    kind: 'slash_command',
    listener: listenerName(str(form.get('command'))),
    // Slack sends the flag of a command as the string "true" or "false".
    origin: { teamId: str(form.get('team_id')), enterpriseId: str(form.get('enterprise_id')), isEnterpriseInstall: form.get('is_enterprise_install') === 'true' },
  };
}

/**
 * Checks every request to the Slack endpoint before Bolt sees it: signed by Slack within five
 * minutes (and not from the future), a shape Slack sends, from a served workspace, and not
 * acted on before. A replay of a signed request carries the same signature, so recording each
 * signature drops it; a genuine resubmission is signed anew. Hands the body on as `rawBody`, which
 * Bolt reads instead of the consumed stream, and the signature's claim as `firstDelivery`: it is
 * recorded while Bolt acknowledges (for commands and buttons, once the answer is sent), so the
 * database is not on the way to Slack's answer, and listeners act only once it says the request is
 * new (src/slack/actor.middleware.ts).
 */
export function createSlackRequestGuard(deps: SlackRequestGuardDeps) {
  const now = deps.now ?? Date.now;
  return async (
    req: IncomingMessage & { rawBody?: Buffer; firstDelivery?: Promise<boolean>; slackRequest?: SlackRequestKind },
    res: ServerResponse,
  ): Promise<'pass' | 'answered'> => {
    try {
      const body = await readBody(req);
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const signature = String(req.headers['x-slack-signature'] ?? '');
      try {
        verifySlackRequest({
          signingSecret: deps.signingSecret,
          body: body.toString(),
          headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
          nowMilliseconds: now(),
        });
      } catch {
        throw new Refusal(401, 'invalid signature');
      }
      if (timestamp > now() / 1000 + FUTURE_SKEW_SECONDS) throw new Refusal(401, 'timestamp in the future');
      // Counted once signed: whoever cannot sign cannot hold back the follow-ups by trickling a body.
      res.once('close', deps.answersFirst.arrived());
      const { kind, listener, origin } = inspect(body.toString(), String(req.headers['content-type'] ?? ''));
      req.slackRequest = { kind, listener };
      if (kind !== 'url_verification' && kind !== 'ssl_check') {
        const workspaceId = tenantOf(origin);
        if (!workspaceId) throw new Refusal(400, 'no workspace in the request');
        if (!(await deps.serves(workspaceId, { kind, listener }))) {
          deps.logger.warn({ workspace: workspaceId, kind }, 'refused a request from a workspace Cadence is not installed in');
          // Slack retries an event it sees refused, and keeps count against the app's event
          // subscription: an event is taken and dropped; an interaction is refused.
          if (kind === 'event_callback') {
            res.writeHead(200).end();
            return 'answered';
          }
          throw new Refusal(403, 'workspace not served');
        }
      }
      const claim = () =>
        deps.claimSignature(signature).then(
          (first) => {
            if (!first) deps.logger.warn({ kind }, 'dropped a replayed Slack request');
            return first;
          },
          (error: unknown) => {
            // Unknown whether it is a replay: acting on nothing is the safe side; Slack's user can retry.
            deps.logger.error({ err: error, kind }, 'could not record a Slack request; it is not acted on');
            return false;
          },
        );
      // Commands and buttons are answered before their listeners ask (src/slack/listener.ts): their
      // claim waits until the answer is sent, and until the requests that came in meanwhile have
      // theirs, so no database work competes with any answer to Slack.
      req.firstDelivery = ACKED_FIRST.has(kind) ? answered(res).then(deps.answersFirst.answered).then(claim) : claim();
      req.rawBody = body;
      return 'pass';
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      res.writeHead(error.status, { 'content-type': 'text/plain' }).end(error.message);
      return 'answered';
    }
  };
}
