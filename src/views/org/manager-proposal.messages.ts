import type { KnownBlock } from '@slack/types';
import type { ManagerProposal } from '../../domain/org-chart';
import { displayName, type Person } from '../../domain/person';
import type { ProposalAnswer } from '../../services/org.service';
import { context, plain, section } from '../blocks';
import type { SlackMessage } from '../message';
import { ProposalAction } from '../ids';
import { mention } from '../people/people.format';

/** The buttons a manager answers a proposal with; the value carries only the proposal's id. */
export function proposalButtons(proposal: ManagerProposal): KnownBlock {
  return {
    type: 'actions',
    block_id: `proposal_${proposal.id}`,
    elements: [
      { type: 'button', action_id: ProposalAction.Confirm, text: plain('Yes, I am'), style: 'primary', value: proposal.id },
      { type: 'button', action_id: ProposalAction.Reject, text: plain('No, I am not'), value: proposal.id },
    ],
  };
}

/** The DM asking someone to confirm they manage the person who named them. */
export function buildManagerRequestMessage(proposal: ManagerProposal, person: Person): SlackMessage {
  const name = displayName(person);
  return {
    text: `${name} says you are their manager. Is that right?`,
    blocks: [
      section(`:wave: ${mention(person)} says you are their manager. Is that right?`),
      context(
        `If you confirm, you will see ${mention(person)}'s goals and check-ins, and their feedback summaries once enough people answered. Nobody else changes what they can see.`,
      ),
      proposalButtons(proposal),
    ],
  };
}

/** What the request DM becomes once answered, so the buttons cannot be pressed twice. */
export function buildManagerRequestAnsweredMessage(answer: ProposalAnswer): SlackMessage {
  const who = mention(answer.person);
  const name = displayName(answer.person);
  switch (answer.outcome) {
    case 'confirmed':
      return {
        text: `You confirmed you are ${name}'s manager.`,
        blocks: [section(`:white_check_mark: You confirmed you are ${who}'s manager. Their goals now show with \`/goal list @${answer.person.name}\` and on your Home tab.`)],
      };
    case 'rejected':
      return {
        text: `You said you are not ${name}'s manager.`,
        blocks: [section(`You said you are not ${who}'s manager. We let them know.`)],
      };
    case 'loop':
      return {
        text: `You cannot be ${name}'s manager: you report to them.`,
        blocks: [section(`:warning: You cannot be ${who}'s manager: you report to them, directly or further up. An HR admin can fix the org chart.`)],
      };
    case 'closed':
      return {
        text: `This request from ${name} is no longer open.`,
        blocks: [section(`This request from ${who} is no longer open: it was answered already, or replaced by a newer one.`)],
      };
  }
}

/** Tells the person who named a manager how it went. */
export function buildProposalOutcomeMessage(proposal: ManagerProposal, manager: Person): SlackMessage {
  const name = displayName(manager);
  if (proposal.status === 'confirmed') {
    return {
      text: `${name} confirmed they are your manager.`,
      blocks: [section(`:white_check_mark: ${mention(manager)} confirmed they are your manager.`)],
    };
  }
  return {
    text: `${name} said they are not your manager.`,
    blocks: [
      section(`${mention(manager)} said they are not your manager.`),
      context('Name your manager again from the Cadence Home tab, or ask an HR admin to set it.'),
    ],
  };
}
