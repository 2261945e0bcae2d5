import type { BlockAction, Middleware, RespondFn, SlackActionMiddlewareArgs, SlackCommandMiddlewareArgs, SlashCommand } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import { withRequestCache } from '../lib/request-cache';
import { buildNoticeModal, NOT_ALLOWED } from '../views/access';
import { buildErrorMessage, type SlackMessage } from '../views/message';
import { ACTOR_UNAVAILABLE, actorOf, type CadenceContext, isFirstDelivery } from './context';

/**
 * What a button or a command comes to, decided by the service and rendered by the listener:
 * - `modal`: shown where the click happened. `stack` (the default) pushes it over the modal the
 *   click came from, or opens it; `replace` updates that modal in place, or opens one.
 * - `message`: said to the actor alone; `replace`: takes the place of the message the button was on.
 * - `notice`: a sentence, shown as the listener shows its notices (a modal, or said to the actor).
 * - `nothing`: the request needs no answer.
 * - `pending`: slow work (a model drafting): a modal saying `pending` opens while the click's
 *   trigger is still valid (Slack's 3 seconds), and `result`'s modal or notice replaces it.
 */
export type ListenerOutcome = (
  | { modal: ModalView; place?: 'stack' | 'replace' }
  | { message: SlackMessage }
  | { replace: SlackMessage }
  | { notice: string }
  | { nothing: true }
  | { pending: string; result: () => Promise<ListenerOutcome> }
) & {
  /** Work after the answer (refreshing the Home tab, a DM); a failure is logged, not shown. */
  afterwards?: (client: WebClient) => Promise<void>;
};

/** What `actionListener` builds: a Bolt listener for a button or a menu. */
export type ButtonListener = Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext>;

/** Thrown by a command's `actor()` when the person could not be resolved. */
class ActorUnavailable extends Error {}
/** An action value that does not parse: crafted, or from a stale message. Answered like a refusal. */
class UnparsableValue extends Error {}

interface Surface {
  client: WebClient;
  respond?: RespondFn;
  triggerId?: string;
  /** The modal the click came from, if any. */
  view?: { id: string; hash: string; type: string };
  /** Notices as a modal with this title; otherwise said to the actor (in a modal when there is nowhere to say it). */
  noticeTitle?: string;
}

/** A notice as a modal, under the listener's notice title. */
const noticeModal = (surface: Surface, text: string): ModalView => buildNoticeModal(surface.noticeTitle ?? 'Cadence', text);

/** Shows an outcome; returns the id of the modal it opened, pushed or updated, if any. */
async function show(surface: Surface, outcome: ListenerOutcome): Promise<string | undefined> {
  const { client, respond, triggerId, view } = surface;
  const openOrPush = async (modal: ModalView) => {
    if (!triggerId) return undefined;
    const opened = view?.type === 'modal' ? await client.views.push({ trigger_id: triggerId, view: modal }) : await client.views.open({ trigger_id: triggerId, view: modal });
    return opened.view?.id;
  };
  if ('pending' in outcome) return openOrPush(noticeModal(surface, `:hourglass_flowing_sand: ${outcome.pending}`));
  if ('modal' in outcome) {
    if (outcome.place !== 'replace' || view?.type !== 'modal') return openOrPush(outcome.modal);
    await client.views.update({ view_id: view.id, hash: view.hash, view: outcome.modal });
    return view.id;
  }
  if ('message' in outcome) {
    if (respond) await respond({ response_type: 'ephemeral', replace_original: false, ...outcome.message });
  } else if ('replace' in outcome) {
    if (respond) await respond({ replace_original: true, ...outcome.replace });
  } else if ('notice' in outcome) {
    if (surface.noticeTitle === undefined && respond) await respond({ response_type: 'ephemeral', replace_original: false, ...buildErrorMessage(outcome.notice) });
    else return openOrPush(noticeModal(surface, outcome.notice));
  }
  return undefined;
}

/** A pending outcome's result, in the modal that said it was coming (as a notice when it is not a modal). */
async function showIn(surface: Surface, viewId: string, outcome: ListenerOutcome): Promise<void> {
  const text = 'notice' in outcome ? outcome.notice : 'message' in outcome ? outcome.message.text : undefined;
  const modal = 'modal' in outcome ? outcome.modal : text !== undefined ? noticeModal(surface, text) : undefined;
  if (modal) await surface.client.views.update({ view_id: viewId, view: modal });
}

/**
 * Runs a handler the way every Cadence button and command runs: Slack is acknowledged first, before
 * any database work (a replay is dropped after that); then a refusal by the access policy becomes `refused`, and any other failure is
 * logged and told to the actor, so a click never ends in silence or a stack trace.
 */
async function run(
  surface: Surface,
  options: { name: string; logger: Logger; refused?: string; log: Record<string, unknown> },
  handle: () => Promise<ListenerOutcome>,
): Promise<void> {
  const settle = async (work: () => Promise<ListenerOutcome>): Promise<ListenerOutcome> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof ActorUnavailable) return { notice: ACTOR_UNAVAILABLE };
      if (error instanceof AccessDeniedError || error instanceof UnparsableValue) return { notice: options.refused ?? NOT_ALLOWED };
      options.logger.error({ err: error, ...options.log }, `could not ${options.name}`);
      return { notice: `Cadence could not ${options.name} just now. Please try again.` };
    }
  };
  // What was shown (a modal's id, if any), or false when Slack refused to show it (a trigger that
  // expired while Postgres was slow): logged, as after a form.
  const attempt = <T>(showing: Promise<T>): Promise<{ shown: T } | false> =>
    showing.then(
      (shown) => ({ shown }),
      (error: unknown) => (options.logger.warn({ err: error, ...options.log }, `could not show the answer to ${options.name}`), false),
    );
  let outcome = await settle(handle);
  const first = await attempt(show(surface, outcome));
  if (!first) return;
  if ('pending' in outcome) {
    outcome = await settle(outcome.result);
    const viewId = first.shown;
    const result: Promise<unknown> = viewId ? showIn(surface, viewId, outcome) : show(surface, outcome);
    if (!(await attempt(result))) return;
  }
  await outcome.afterwards?.(surface.client).catch((error: unknown) => options.logger.warn({ err: error, ...options.log }, `after ${options.name}`));
}

/** A block action's value: a button's `value`, the user picked in a users_select, or the option picked in a static_select. */
const valueOf = (action: BlockAction['actions'][number]): string | undefined => {
  if ('value' in action) return action.value;
  if (action.type === 'users_select') return action.selected_user;
  return action.type === 'static_select' ? action.selected_option?.value : undefined;
};

/**
 * One button (or menu) listener: acknowledges, resolves the actor, parses the action's value with
 * `value` (a value that does not parse is answered like a refusal: it was crafted or is stale), calls
 * `handle` and shows what it returns. `notices`: the title of the modal notices appear in, or
 * 'message' to say them to the actor beside the message the button is on.
 */
export function actionListener<T = string | undefined>(options: {
  name: string;
  logger: Logger;
  notices: { title: string } | 'message';
  refused?: string;
  value?: z.ZodType<T>;
  handle: (actor: Person, input: { value: T; body: BlockAction }) => Promise<ListenerOutcome>;
}): ButtonListener {
  return async ({ ack, body, action, respond, client, context }) => {
    await ack();
    if (!(await isFirstDelivery(context))) return;
    const view = body.view && { id: body.view.id, hash: body.view.hash, type: body.view.type };
    const surface: Surface = {
      client,
      respond: body.response_url ? respond : undefined,
      triggerId: body.trigger_id,
      view,
      noticeTitle: options.notices === 'message' ? undefined : options.notices.title,
    };
    const log = { person: undefined as string | undefined, action: action.action_id };
    await withRequestCache(() => run(surface, { ...options, log }, async () => {
      const actor = await actorOf(context);
      if (!actor) throw new ActorUnavailable();
      log.person = actor.id;
      const raw = valueOf(action);
      let value = raw as T;
      if (options.value) {
        const parsed = options.value.safeParse(raw);
        if (!parsed.success) throw new UnparsableValue();
        value = parsed.data;
      }
      return options.handle(actor, { value, body });
    }));
  };
}

/**
 * One slash command listener: acknowledges at once, then calls `handle`, whose answers and notices
 * are said to the actor. `actor()` is the person, for the subcommands that need one (help does not).
 */
export function commandListener(options: {
  name: string;
  logger: Logger;
  handle: (input: { text: string; command: SlashCommand; actor: () => Promise<Person> }) => Promise<ListenerOutcome>;
}): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return async ({ ack, command, respond, client, context }) => {
    await ack();
    if (!(await isFirstDelivery(context))) return;
    const surface: Surface = { client, respond, triggerId: command.trigger_id };
    const log = { person: undefined as string | undefined, command: command.command };
    await withRequestCache(() => run(surface, { ...options, log }, async () => {
      // Resolved for every command, help included, so whoever uses Cadence is recorded on first sight.
      const actor = await actorOf(context);
      log.person = actor?.id;
      return options.handle({
        text: command.text.trim(),
        command,
        actor: async () => {
          if (!actor) throw new ActorUnavailable();
          return actor;
        },
      });
    }));
  };
}
