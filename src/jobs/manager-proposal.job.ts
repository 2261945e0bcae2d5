import { z } from 'zod';
import type { DeliveryService } from '../services/delivery.service';
import type { OrgService } from '../services/org.service';
import { buildManagerRequestMessage, buildProposalOutcomeMessage } from '../views/org/manager-proposal.messages';
import { defineJob, handlerFor } from './job-definition';

const payload = z.object({ proposalId: z.uuid() });

/** Asks the named manager to confirm, with buttons. */
export const managerProposedJob = defineJob({
  name: 'manager-proposed',
  queue: 'slack',
  schema: payload,
  jobId: ({ proposalId }) => `manager-proposed-${proposalId}`,
});

/** Tells the person who named a manager what the manager answered. */
export const proposalAnsweredJob = defineJob({
  name: 'manager-proposal-answered',
  queue: 'slack',
  schema: payload,
  jobId: ({ proposalId }) => `manager-proposal-answered-${proposalId}`,
});

type Deps = { org: OrgService; delivery: DeliveryService };

export function managerProposedHandler(deps: Deps) {
  return handlerFor(managerProposedJob, async ({ proposalId }) => {
    const loaded = await deps.org.loadProposal(proposalId);
    // Withdrawn or already settled since it was queued: nothing to ask.
    if (!loaded || loaded.proposal.status !== 'pending') return;
    const { proposal, person, manager } = loaded;
    await deps.delivery.sendOnce(
      {
        timing: 'working-time',
        workspaceId: proposal.workspaceId,
        personId: manager.id,
        slackUserId: manager.slackUserId,
        dedupeKey: managerProposedJob.jobId({ proposalId }),
        kind: managerProposedJob.name,
      },
      () => buildManagerRequestMessage(proposal, person),
    );
  });
}

export function proposalAnsweredHandler(deps: Deps) {
  return handlerFor(proposalAnsweredJob, async ({ proposalId }) => {
    const loaded = await deps.org.loadProposal(proposalId);
    if (!loaded || (loaded.proposal.status !== 'confirmed' && loaded.proposal.status !== 'rejected')) return;
    const { proposal, person, manager } = loaded;
    await deps.delivery.sendOnce(
      {
        timing: 'working-time',
        workspaceId: proposal.workspaceId,
        personId: person.id,
        slackUserId: person.slackUserId,
        dedupeKey: proposalAnsweredJob.jobId({ proposalId }),
        kind: proposalAnsweredJob.name,
      },
      () => buildProposalOutcomeMessage(proposal, manager),
    );
  });
}
