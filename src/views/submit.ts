import type { Middleware, SlackViewMiddlewareArgs, ViewOutput } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import { ACTOR_UNAVAILABLE, actorOf, type CadenceContext } from '../slack/context';
import { NOT_ALLOWED } from './access';
import { checkSubmittedValues } from './submitted-values';

/** What a form submission comes to: stay open with errors, become a result view, or close. */
export type SubmitOutcome = ({ errors: Record<string, string> } | { update: ModalView } | { close: true }) & {
  /** Work after Slack has its answer (DMs, refreshing the Home tab); a failure is logged, not shown. */
  afterwards?: (client: WebClient) => Promise<void>;
};

/**
 * The shape every Cadence form shares: resolve the actor, let `handle` parse and call a service,
 * answer Slack. A refusal by the access policy and any failure land as an error on `fallbackBlock`,
 * so nothing ever surfaces as a stack trace or a closed modal that stored nothing.
 */
export function formSubmit(options: {
  name: string;
  logger: Logger;
  fallbackBlock: string;
  /** `client` reaches Slack as the bot, for what the form points at (an uploaded file). */
  handle: (actor: Person, view: ViewOutput, client: WebClient) => Promise<SubmitOutcome>;
  /** Anonymous answers: their failures are logged without who was answering. */
  anonymous?: boolean;
}): Middleware<SlackViewMiddlewareArgs, CadenceContext> {
  const { name, logger, fallbackBlock } = options;
  const who = (actor: Person) => (options.anonymous ? {} : { person: actor.id });
  const failed = `Cadence could not ${name} just now. Please try again.`;
  return async ({ ack, view, context, client }) => {
    const actor = await actorOf(context);
    if (!actor) return ack({ response_action: 'errors', errors: { [fallbackBlock]: ACTOR_UNAVAILABLE } });
    const hostile = checkSubmittedValues(view, fallbackBlock);
    if (Object.keys(hostile).length > 0) return ack({ response_action: 'errors', errors: hostile });
    let outcome: SubmitOutcome;
    try {
      outcome = await options.handle(actor, view, client);
    } catch (error) {
      if (error instanceof AccessDeniedError) return ack({ response_action: 'errors', errors: { [fallbackBlock]: NOT_ALLOWED } });
      logger.error({ err: error, ...who(actor), form: view.callback_id }, `could not ${name}`);
      return ack({ response_action: 'errors', errors: { [fallbackBlock]: failed } });
    }
    if ('errors' in outcome) return ack({ response_action: 'errors', errors: outcome.errors });
    await ack('update' in outcome ? { response_action: 'update', view: outcome.update } : undefined);
    await outcome.afterwards?.(client).catch((error: unknown) => logger.warn({ err: error, ...who(actor), form: view.callback_id }, `after ${name}`));
  };
}
