import type { BlockAction, Middleware, SlackActionMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Logger } from '../lib/logger';
import type { OrgService } from '../services/org.service';
import type { CadenceContext } from '../slack/context';
import { type HomeDeps, refreshHome } from '../slack/home';
import { actionListener } from '../slack/listener';
import { buildManagerRequestAnsweredMessage } from '../views/org/manager-proposal.messages';

/**
 * "Yes, I am" / "No, I am not" on a manager request, in the DM that asked or on the Home tab.
 * The DM is replaced by the outcome so it cannot be answered twice.
 */
export function answerProposalButton(
  accept: boolean,
  deps: HomeDeps & { org: OrgService; logger: Logger },
): Middleware<SlackActionMiddlewareArgs<BlockAction>, CadenceContext> {
  return actionListener({
    name: 'answer the manager request',
    logger: deps.logger,
    notices: 'message',
    value: z.uuid(),
    async handle(actor, { value }) {
      const answer = await deps.org.answerProposal(actor, value, accept);
      return { replace: buildManagerRequestAnsweredMessage(answer), afterwards: (client) => refreshHome(client, deps, actor) };
    },
  });
}
