import type { BlockAction, ButtonAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import type { Logger } from '../lib/logger';
import type { OrgService } from '../services/org.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { type HomeDeps, publishHome } from '../slack/home';
import { NOT_ALLOWED } from '../views/access';
import { buildManagerRequestAnsweredMessage } from '../views/org/manager-proposal.messages';

const proposalId = z.uuid();

/**
 * "Yes, I am" / "No, I am not" on a manager request, in the DM that asked or on the Home tab.
 * The DM is replaced by the outcome so it cannot be answered twice.
 */
export function answerProposalButton(
  accept: boolean,
  deps: HomeDeps & { org: OrgService; logger: Logger },
): Middleware<SlackActionMiddlewareArgs<BlockAction<ButtonAction>>, CadenceContext> {
  return async ({ ack, action, body, respond, client, context }) => {
    await ack();
    const actor = context.actor;
    const fromMessage = body.container.type === 'message';
    const tell = (text: string) => (fromMessage ? respond({ response_type: 'ephemeral', replace_original: false, text }) : undefined);
    if (!actor) return void (await tell(ACTOR_UNAVAILABLE));
    const id = proposalId.safeParse(action.value);
    try {
      if (!id.success) throw new AccessDeniedError('manager.answer', 'not_permitted');
      const answer = await deps.org.answerProposal(actor, id.data, accept);
      if (fromMessage) await respond({ replace_original: true, ...buildManagerRequestAnsweredMessage(answer) });
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      return void (await tell(NOT_ALLOWED));
    }
    await publishHome(client, deps, actor).catch((error: unknown) =>
      deps.logger.warn({ err: error, person: actor.id }, 'could not refresh the Home tab'),
    );
  };
}
