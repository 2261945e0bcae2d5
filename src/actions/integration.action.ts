import type { BlockAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { GoalLevel } from '../domain/goal';
import type { Person } from '../domain/person';
import type { Logger } from '../lib/logger';
import type { IntegrationService } from '../services/integration.service';
import type { InboundTranscriptService } from '../services/inbound-transcript.service';
import type { TranscriptService } from '../services/transcript.service';
import { type HomeDeps, refreshHome } from '../slack/home';
import { actionListener, type ListenerOutcome } from '../slack/listener';
import { escapeMrkdwn } from '../views/blocks';
import { IntegrationAction } from '../views/ids';
import { buildAddConnectionModal, buildIntegrationsModal } from '../views/integrations/integrations.modal';
import { buildTranscriptModal } from '../views/review/transcript.modal';
import type { ListenerRegistry } from '../slack/listener-router';

export interface IntegrationActionDeps {
  integrations: IntegrationService;
  inboundTranscripts: InboundTranscriptService;
  transcripts: TranscriptService;
  logger: Logger;
}

const LEVELS: readonly GoalLevel[] = ['company', 'team', 'individual'];
const uuid = z.uuid();

/** What a menu or checkbox action carries: Bolt's types leave these out of `value`. */
function selected(body: BlockAction): { option?: string; options: string[] } {
  const action = body.actions[0] as { selected_option?: { value?: string }; selected_options?: Array<{ value?: string }> } | undefined;
  return { option: action?.selected_option?.value, options: (action?.selected_options ?? []).flatMap((o) => (o.value ? [o.value] : [])) };
}

export function registerIntegrationActions(app: ListenerRegistry, deps: IntegrationActionDeps & HomeDeps): void {
  const { integrations, logger } = deps;
  const modal = async (actor: Person, notice?: string) => buildIntegrationsModal(await integrations.connections(actor), notice);

  app.action(
    IntegrationAction.Open,
    actionListener({ name: 'open the integrations', logger, notices: { title: 'Integrations' }, handle: async (actor) => ({ modal: await modal(actor) }) }),
  );
  app.action(
    IntegrationAction.Add,
    actionListener({
      name: 'add a connection',
      logger,
      notices: { title: 'Integrations' },
      value: z.enum(['workspace', 'personal']),
      handle: async (actor, { value }) => {
        // The button says which; the service checks again on submit.
        const scope = value === 'workspace' && (await integrations.connections(actor)).canManage ? 'workspace' : 'personal';
        return { modal: buildAddConnectionModal(scope), place: 'stack' };
      },
    }),
  );
  app.action(
    IntegrationAction.Test,
    actionListener({
      name: 'check the connection',
      logger,
      notices: { title: 'Integrations' },
      handle: async (actor, { body }) => {
        const [what, id] = (selected(body).option ?? '').split(':');
        if (!id || !uuid.safeParse(id).success || (what !== 'test' && what !== 'remove')) return { notice: 'That connection is no longer there.' };
        if (what === 'remove') {
          await integrations.removeConnection(actor, id);
          return { modal: await modal(actor, ':wastebasket: Removed. What was already sent stays in the tool.'), place: 'replace', afterwards: (client) => refreshHome(client, deps, actor) };
        }
        const tested = await integrations.testConnection(actor, id);
        const notice = tested.ok ? `:white_check_mark: It works: Cadence reached *${escapeMrkdwn(tested.target)}*.` : `:warning: ${escapeMrkdwn(tested.problem)}`;
        return { modal: await modal(actor, notice), place: 'replace', afterwards: (client) => refreshHome(client, deps, actor) };
      },
    }),
  );
  app.action(
    IntegrationAction.Rules,
    actionListener({
      name: 'change the rule',
      logger,
      notices: { title: 'Integrations' },
      handle: async (actor, { body }) => {
        const block = (body.actions[0] as { block_id?: string } | undefined)?.block_id ?? '';
        const connectionId = block.replace(/^integration_rules_/, '');
        if (!uuid.safeParse(connectionId).success) return { notice: 'That connection is no longer there.' };
        const chosen = new Set(selected(body).options);
        for (const level of LEVELS) await integrations.setRule(actor, connectionId, level, chosen.has(`${connectionId}:${level}`));
        return { nothing: true };
      },
    }),
  );
  /** Records the decision and says what came of it: the summary once both accepted, or where it stands. */
  const decide = async (actor: Person, transcriptId: string, decision: 'accepted' | 'rejected'): Promise<ListenerOutcome> => {
    const outcome = await deps.inboundTranscripts.decide(actor, transcriptId, decision);
    const afterwards = (client: WebClient) => refreshHome(client, deps, actor);
    if (outcome.state === 'summarised') {
      // Both accepted: the summary is the review conversation's now, shown where either of them reads it.
      const { transcript } = await deps.transcripts.view(actor, outcome.participantId);
      if (transcript) return { modal: buildTranscriptModal(transcript), afterwards };
    }
    const notice =
      outcome.state === 'not_summarised'
        ? `:warning: ${escapeMrkdwn(outcome.problem)} The transcript waits for your decision until then.`
        : outcome.state === 'waiting'
          ? ':hourglass: Accepted. It waits for the other person of the conversation.'
          : outcome.state === 'rejected'
            ? ':no_entry_sign: Rejected. Nothing will be summarised from it.'
            : ':white_check_mark: Both of you accepted it: its summary is in the review conversation, under Meeting transcript.';
    return { notice, afterwards };
  };
  for (const [actionId, decision] of [
    [IntegrationAction.AcceptTranscript, 'accepted'],
    [IntegrationAction.RejectTranscript, 'rejected'],
  ] as const) {
    app.action(
      actionId,
      actionListener({
        name: 'record your decision on the transcript',
        logger,
        notices: { title: 'Transcript' },
        value: uuid,
        // The second acceptance summarises: a model can take longer over it than a click's trigger lasts.
        handle: async (actor, { value }) => (decision === 'accepted' ? { pending: 'Recording your decision…', result: () => decide(actor, value, decision) } : decide(actor, value, decision)),
      }),
    );
  }
}
