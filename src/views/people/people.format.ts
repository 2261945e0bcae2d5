import { displayName, type Person } from '../../domain/person';
import { escapeMrkdwn } from '../blocks';

/** A person in mrkdwn: a mention Slack renders with their current name, or plain text once erased. */
export function mention(person: Pick<Person, 'slackUserId' | 'name' | 'realName' | 'erased'>): string {
  return person.erased ? escapeMrkdwn(displayName(person)) : `<@${person.slackUserId}>`;
}

/** "A", "A and B", "A, B and C" */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
