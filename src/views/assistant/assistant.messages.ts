import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { ApplyOutcome, ToolInfo, ToolResult } from '../../assistant/types';
import type { AssistantAnswer } from '../../services/assistant.service';
import { context, escapeMrkdwn, LIMITS, plain, section, truncate } from '../blocks';
import { AssistantAction, CheckinAction } from '../ids';
import type { SlackMessage } from '../message';
import { outcomeLines, resultLines } from './assistant.format';

/** Lines as sections, each within Slack's limits. */
function linesMessage(lines: readonly string[], extra: KnownBlock[] = []): SlackMessage {
  const text = lines.join('\n');
  const blocks: KnownBlock[] = [];
  let chunk = '';
  for (const line of lines) {
    const next = chunk ? `${chunk}\n${line}` : line;
    if (next.length > LIMITS.sectionText - 100 && chunk) {
      blocks.push(section(chunk));
      chunk = truncate(line, LIMITS.sectionText - 100);
    } else chunk = truncate(next, LIMITS.sectionText - 100);
  }
  if (chunk) blocks.push(section(chunk));
  return { text: truncate(text, 3000), blocks: [...blocks.slice(0, LIMITS.messageBlocks - extra.length), ...extra] };
}

/** A tool's answer; a proposal carries its Confirm and Cancel buttons, a check-in the form's button. */
export function buildResultMessage(result: ToolResult): SlackMessage {
  const lines = resultLines(result);
  if (result.kind === 'proposal') {
    const buttons: ActionsBlock = {
      type: 'actions',
      elements: [
        { type: 'button', action_id: AssistantAction.Confirm, text: plain('Confirm'), value: result.proposalId, style: 'primary' },
        { type: 'button', action_id: AssistantAction.Cancel, text: plain('Cancel'), value: result.proposalId },
      ],
    };
    return linesMessage(lines, [buttons, context('Nothing changes until you confirm.')]);
  }
  if (result.kind === 'checkin') {
    const open: ActionsBlock = { type: 'actions', elements: [{ type: 'button', action_id: CheckinAction.Open, text: plain('Open my check-in'), style: 'primary' }] };
    return linesMessage(lines, [open]);
  }
  return linesMessage(lines);
}

/** A model's own words, shown as they are (escaped) with what the tools found. */
function buildAnswerMessage(answer: string, results: readonly ToolResult[]): SlackMessage {
  // What the person acts on or keeps is shown as the tools built it; the model's words go above.
  const shown = results.filter((r) => r.kind === 'proposal' || r.kind === 'checkin' || r.kind === 'draft');
  const own = answer.trim() ? [escapeMrkdwn(truncate(answer.trim(), 2500))] : [];
  if (shown.length === 0) return linesMessage(own.length > 0 ? own : ['I have nothing to add.']);
  const last = buildResultMessage(shown[shown.length - 1]!);
  const head = own.length > 0 ? [section(own[0]!)] : [];
  return { text: own[0] ?? last.text, blocks: [...head, ...(last.blocks ?? [])].slice(0, LIMITS.messageBlocks) };
}

/** What Confirm or Cancel came to, in place of the proposal. */
export function buildOutcomeMessage(outcome: ApplyOutcome): SlackMessage {
  return linesMessage(outcomeLines(outcome));
}

/** Help: every tool, how to ask for it, and what it rests on. */
export function buildAssistantHelpMessage(tools: readonly ToolInfo[], understood: boolean, withModel: boolean): SlackMessage {
  const intro = understood
    ? 'I am Cadence’s assistant. I read and update your goals, and help with check-ins, feedback and reviews, only ever as you: I see what you may see.'
    : 'Sorry, I did not understand that. Here is what I can do:';
  const how = withModel ? 'Ask in your own words, or use these phrases:' : 'Use these phrases (no AI model is connected, so I follow a fixed grammar):';
  const lines = tools.map((tool) => `• ${tool.grammar}: ${escapeMrkdwn(tool.description.split('. ')[0]!.replace(/\.$/, ''))}${tool.kind === 'write' ? ' _(asks you to confirm)_' : ''}`);
  return linesMessage([intro, how, ...lines, '`help`: this list.', 'To check in, use `/checkin`, or reply in the thread of my check-in reminder and I will keep your reply as this week’s note.']);
}

function buildLimitMessage(limit: { toolCalls: number; tokens: number }, which: 'day' | 'message' | 'off'): SlackMessage {
  if (which === 'off') {
    const off = 'The assistant is turned off in this workspace. Slash commands (`/goal`, `/checkin`, `/feedback`, `/review`) and the Home tab work as always.';
    return { text: off, blocks: [section(off)] };
  }
  const text =
    which === 'day'
      ? `You have reached today’s assistant limit (${limit.toolCalls} actions, ${limit.tokens.toLocaleString('en-US')} tokens), so I did not act on this. It resets at midnight your time; your slash commands and Home tab work as always.`
      : 'That needed more steps than I may take for one message, so I stopped. Try asking for one thing at a time.';
  return { text, blocks: [section(`:hourglass: ${text}`)] };
}

function buildModelUnavailableMessage(): SlackMessage {
  const text = 'The AI model did not answer just now, so I could not understand that. Try again, or use a phrase from `help`.';
  return { text, blocks: [section(text)] };
}

/** Whatever the assistant answered, as a message in the thread. */
export function buildAssistantMessage(answer: Exclude<AssistantAnswer, { kind: 'duplicate' }>): SlackMessage {
  switch (answer.kind) {
    case 'help':
      return buildAssistantHelpMessage(answer.tools, answer.understood, answer.withModel);
    case 'result':
      return buildResultMessage(answer.result);
    case 'answer':
      return buildAnswerMessage(answer.text, answer.results);
    case 'limit':
      return buildLimitMessage(answer.limit, answer.which);
    case 'model_unavailable':
      return buildModelUnavailableMessage();
  }
}
