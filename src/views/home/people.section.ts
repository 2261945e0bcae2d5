import type { KnownBlock, SectionBlock } from '@slack/types';
import type { OrgOverview } from '../../services/org.service';
import { context, divider, plain, section } from '../blocks';
import { HomeAction, IntegrationAction } from '../ids';
import { proposalButtons } from '../org/manager-proposal.messages';
import { listOf, mention } from '../people/people.format';

/** Requests shown with their buttons; more wait in the DMs that asked. */
const MAX_REQUESTS_SHOWN = 5;
const MAX_REPORTS_NAMED = 20;

const withButton = (block: SectionBlock, text: string, actionId: string): SectionBlock => ({
  ...block,
  accessory: { type: 'button', action_id: actionId, text: plain(text) },
});

function managerLine(overview: OrgOverview): string {
  if (overview.proposedManager) {
    const current = overview.manager ? `${mention(overview.manager)}; ` : '';
    return `*My manager:* ${current}you named ${mention(overview.proposedManager)}, who has not confirmed yet`;
  }
  return overview.manager ? `*My manager:* ${mention(overview.manager)}` : '*My manager:* not set yet. Name them so they can follow your goals.';
}

/** Where the person stands in the org chart, requests waiting for them, and their own settings. */
/** `ownIntegrations`: offer the Integrations button here (HR admins have it in their admin section). */
export function buildPeopleSection(input: { overview: OrgOverview; settingsSummary: string; ownIntegrations?: boolean }): KnownBlock[] {
  const { overview } = input;
  const blocks: KnownBlock[] = [
    divider(),
    withButton(section(managerLine(overview)), overview.manager || overview.proposedManager ? 'Change' : 'Set my manager', HomeAction.ProposeManager),
  ];
  const { reports } = overview;
  if (reports.length > 0) {
    const named = reports.slice(0, MAX_REPORTS_NAMED).map(mention);
    const more = reports.length - named.length;
    blocks.push(context(`*My reports (${reports.length}):* ${listOf(more > 0 ? [...named, `${more} more`] : named)}`));
  }
  for (const { proposal, person } of overview.awaitingAnswer.slice(0, MAX_REQUESTS_SHOWN)) {
    blocks.push(section(`:wave: ${mention(person)} says you are their manager. Is that right?`), proposalButtons(proposal));
  }
  blocks.push(withButton(section(`*My settings:* ${input.settingsSummary}`), 'Settings', HomeAction.PersonalSettings));
  if (input.ownIntegrations) blocks.push(withButton(section('*My integrations:* send your goals to your own Notion, Asana, monday.com or a webhook.'), 'Integrations', IntegrationAction.Open));
  return blocks;
}
