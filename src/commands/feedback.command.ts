import type { Middleware, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { AccessDeniedError } from '../domain/access-policy';
import { displayName, type Person } from '../domain/person';
import type { Clock } from '../lib/clock';
import type { Logger } from '../lib/logger';
import type { AiService } from '../services/ai.service';
import type { FeedbackNoteService } from '../services/feedback-note.service';
import type { FeedbackRequestService } from '../services/feedback-request.service';
import type { PeopleService } from '../services/people.service';
import type { CadenceContext } from '../slack/context';
import { commandListener, type ListenerOutcome } from '../slack/listener';
import { parseUserMention } from '../slack/mentions';
import { buildFeedbackListMessage } from '../views/feedback/feedback-list.message';
import { buildFeedbackHelpMessage } from '../views/feedback/feedback.messages';
import { buildGiveModal } from '../views/feedback/give.modal';
import { buildRequestFormView } from '../views/feedback/request.modal';
import { buildErrorMessage, type SlackMessage } from '../views/message';

export interface FeedbackCommandDeps {
  clock: Clock;
  logger: Logger;
  people: PeopleService;
  feedbackRequests: FeedbackRequestService;
  feedbackNotes: FeedbackNoteService;
  ai: AiService;
}

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

async function subcommand(deps: FeedbackCommandDeps, sub: string, actor: Person, person: Person): Promise<ListenerOutcome> {
  switch (sub) {
    case '':
    case 'request':
      return { modal: buildRequestFormView(await deps.feedbackRequests.form(actor, person.slackUserId), actor, deps.clock.now()) };
    case 'give': {
      const writing = { offered: await deps.ai.writingCheckOffered(actor) };
      return { modal: buildGiveModal(person.id === actor.id ? undefined : await deps.feedbackNotes.audience(actor, person.slackUserId), writing) };
    }
    default:
      return { message: await feedbackList(deps, actor, person) };
  }
}

/**
 * `/feedback [request [@person] | give [@person] | list [@person] | help]`. A bare command opens the
 * request form: asking for feedback is what people come here for most.
 */
export function feedbackCommand(deps: FeedbackCommandDeps): Middleware<SlackCommandMiddlewareArgs, CadenceContext> {
  return commandListener({
    name: 'answer /feedback',
    logger: deps.logger,
    async handle({ text, actor }) {
      const [first = '', ...rest] = text.split(/\s+/);
      const sub = first.toLowerCase();
      if (sub === 'help') return { message: buildFeedbackHelpMessage() };
      if (!['', 'request', 'give', 'list'].includes(sub)) return { message: buildFeedbackHelpMessage([first, ...rest].join(' ')) };
      const me = await actor();
      const person = await named(deps, me, rest.join(' '));
      if (!person) return { message: buildErrorMessage(`Mention one person, like \`/feedback ${sub || 'request'} @ana\`.`) };
      try {
        return await subcommand(deps, sub, me, person);
      } catch (error) {
        if (!(error instanceof AccessDeniedError)) throw error;
        const refusal =
          sub === 'give'
            ? 'Feedback is for a colleague: mention someone else.'
            : `You can ask for feedback about yourself or about someone who reports to you, not about ${displayName(person)}.`;
        return { message: buildErrorMessage(refusal) };
      }
    },
  });
}
