import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { requestModalFor, type FeedbackActionDeps } from '../actions/feedback.action';
import { AccessDeniedError } from '../domain/access-policy';
import { displayName, type Person } from '../domain/person';
import type { PeopleService } from '../services/people.service';
import { ACTOR_UNAVAILABLE, type CadenceContext } from '../slack/context';
import { parseUserMention } from '../slack/mentions';
import { buildFeedbackListMessage } from '../views/feedback/feedback-list.message';
import { buildFeedbackHelpMessage } from '../views/feedback/feedback.messages';
import { buildGiveModal } from '../views/feedback/give.modal';
import { buildErrorMessage, type SlackMessage } from '../views/goal/goal.messages';

export type FeedbackCommandDeps = FeedbackActionDeps & { people: PeopleService };

const NOTES_LISTED = 10;

/** The person a subcommand names, the actor when it names nobody, or undefined when the text is not a mention. */
async function named(deps: FeedbackCommandDeps, actor: Person, text: string): Promise<Person | undefined> {
  if (text === '') return actor;
  const slackUserId = parseUserMention(text);
  if (!slackUserId) return undefined;
  return slackUserId === actor.slackUserId ? actor : deps.people.resolve(actor.workspaceId, slackUserId);
}

async function feedbackList(deps: FeedbackCommandDeps, actor: Person, subject: Person): Promise<SlackMessage> {
  const now = deps.clock.now();
  try {
    if (subject.id === actor.id) {
      const [overview, notes] = await Promise.all([deps.feedbackRequests.overview(actor), deps.feedbackNotes.notesAbout(actor, actor, NOTES_LISTED)]);
      return buildFeedbackListMessage({ reader: actor, subject, requests: overview.requests, waiting: overview.waiting, notes, now });
    }
    const [requests, notes] = await Promise.all([deps.feedbackRequests.listAbout(actor, subject), deps.feedbackNotes.notesAbout(actor, subject, NOTES_LISTED)]);
    return buildFeedbackListMessage({ reader: actor, subject, requests, waiting: [], notes, now });
  } catch (error) {
    if (!(error instanceof AccessDeniedError)) throw error;
    return buildErrorMessage(`You can't see that. Feedback about ${displayName(subject)} is for them and their manager.`);
  }
}

/**
 * `/feedback [request [@person] | give [@person] | list [@person] | help]`. A bare command opens the
 * request form: asking for feedback is what people come here for most.
 */
export function feedbackCommand(deps: FeedbackCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return async ({ command, ack, respond, client, context }) => {
    await ack();
    const [subcommand = '', ...rest] = command.text.trim().split(/\s+/);
    const reply = (message: SlackMessage) => respond({ response_type: 'ephemeral', ...message });
    const sub = subcommand.toLowerCase();
    if (sub === 'help') return void (await reply(buildFeedbackHelpMessage()));
    if (!['', 'request', 'give', 'list'].includes(sub)) return void (await reply(buildFeedbackHelpMessage([subcommand, ...rest].join(' '))));

    const actor = context.actor;
    if (!actor) return void (await reply(buildErrorMessage(ACTOR_UNAVAILABLE)));
    const person = await named(deps, actor, rest.join(' '));
    if (!person) return void (await reply(buildErrorMessage(`Mention one person, like \`/feedback ${sub || 'request'} @ana\`.`)));

    try {
      switch (sub) {
        case '':
        case 'request':
          await client.views.open({ trigger_id: command.trigger_id, view: await requestModalFor(deps, actor, person.slackUserId) });
          return;
        case 'give': {
          const writing = { offered: await deps.ai.writingCheckOffered(actor) };
          if (person.id === actor.id) {
            await client.views.open({ trigger_id: command.trigger_id, view: buildGiveModal(undefined, writing) });
            return;
          }
          await client.views.open({ trigger_id: command.trigger_id, view: buildGiveModal(await deps.feedbackNotes.audience(actor, person.slackUserId), writing) });
          return;
        }
        default:
          await reply(await feedbackList(deps, actor, person));
      }
    } catch (error) {
      if (!(error instanceof AccessDeniedError)) throw error;
      await reply(
        buildErrorMessage(
          sub === 'give'
            ? 'Feedback is for a colleague: mention someone else.'
            : `You can ask for feedback about yourself or about someone who reports to you, not about ${displayName(person)}.`,
        ),
      );
    }
  };
}
