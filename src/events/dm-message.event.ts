import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { AccessDeniedError } from '../domain/access-policy';
import type { Logger } from '../lib/logger';
import type { AssistantService } from '../services/assistant.service';
import type { CheckinReplyService, DmReplyOutcome } from '../services/checkin-reply.service';
import { actorOf, type CadenceContext } from '../slack/context';
import { buildAssistantMessage } from '../views/assistant/assistant.messages';
import type { SlackMessage } from '../views/message';
import { buildReplyClosedMessage, buildReplyRecordedMessage, buildReplyTooLongMessage } from '../views/checkin/reply.messages';

export interface DmMessageDeps {
  checkinReplies: CheckinReplyService;
  assistant: AssistantService;
  logger: Logger;
}

/**
 * A person's own text message in their DM with the bot. Edits, deletions, joins and anything a bot
 * posted (Cadence included) carry a subtype or bot_id and are not this.
 */
const personMessage = z.object({
  channel_type: z.literal('im'),
  channel: z.string().min(1),
  user: z.string().min(1),
  text: z.string().min(1),
  ts: z.string().min(1),
  thread_ts: z.string().min(1).optional(),
  subtype: z.never().optional(),
  bot_id: z.never().optional(),
});
const envelope = z.object({ event_id: z.string().min(1) });

function answer(outcome: Exclude<DmReplyOutcome, { outcome: 'duplicate' | 'not_in_thread' }>): SlackMessage {
  switch (outcome.outcome) {
    case 'recorded':
      return buildReplyRecordedMessage(outcome.period, outcome.cadence);
    case 'closed':
      return buildReplyClosedMessage();
    case 'too_long':
      return buildReplyTooLongMessage();
  }
}

/** message.im: a reply in a nudge's thread becomes that period's note; anything else goes to the assistant, answered in its thread. */
export function dmMessage(deps: DmMessageDeps) {
  return async ({ event, body, client, context }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs<CadenceContext>): Promise<void> => {
    const message = personMessage.safeParse(event);
    const ids = envelope.safeParse(body);
    if (!message.success || !ids.success || message.data.user === context.botUserId) return;
    const actor = await actorOf(context);
    if (!actor) return;
    const { channel, text, thread_ts: threadTs } = message.data;
    let outcome: DmReplyOutcome;
    try {
      outcome = await deps.checkinReplies.reply(actor, { eventId: ids.data.event_id, channel, threadTs, text });
    } catch (error) {
      // Someone who may not check in (an admin-only account, say) still gets directions, not silence.
      if (!(error instanceof AccessDeniedError)) throw error;
      outcome = { outcome: 'not_in_thread' };
    }
    if (outcome.outcome === 'duplicate') return;
    if (outcome.outcome !== 'not_in_thread') {
      await client.chat.postMessage({ channel, ...(threadTs ? { thread_ts: threadTs } : {}), ...answer(outcome) });
      return;
    }
    const thread = threadTs ?? message.data.ts;
    const reply = await deps.assistant.answer(actor, { eventId: ids.data.event_id, channel, threadTs: thread, text });
    if (reply.kind === 'duplicate') return;
    await client.chat.postMessage({ channel, thread_ts: thread, ...buildAssistantMessage(reply) });
  };
}
