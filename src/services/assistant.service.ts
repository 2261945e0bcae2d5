import { parseCommand } from '../assistant/grammar';
import type { AssistantModel, ModelMessage } from '../assistant/model';
import { ASSISTANT_SYSTEM_PROMPT, modelTools, toolResultContent } from '../assistant/prompt';
import { type ToolDeps, TOOLS, toolNamed, type WriteTool } from '../assistant/tools';
import type { ApplyOutcome, ToolInfo, ToolResult } from '../assistant/types';
import { AccessDeniedError } from '../domain/access-policy';
import type { Person } from '../domain/person';
import {
  type AssistantThread,
  decideProposal,
  findProposal,
  forgetMessagesBefore,
  insertProposal,
  listThreadMemory,
  recordAssistantMessage,
  recordUserMessage,
  settleProposal,
  usageSince,
} from '../repositories/assistant.repository';
import { insertAiCall } from '../repositories/ai-call.repository';
import { findWorkspaceSettings } from '../repositories/settings.repository';

/** How long a DM thread is remembered. */
export const MEMORY_HOURS = 24;
/** How many earlier messages of the thread a model is given. */
const MEMORY_MESSAGES = 20;
/** Per message: tool calls, tokens across the model's turns, and tokens one turn may write. */
export const MESSAGE_LIMITS = { toolCalls: 6, tokens: 12_000, completionTokens: 800 } as const;

/** A message the person sent the assistant, in the thread it is answered in. */
export interface AssistantInput {
  eventId: string;
  channel: string;
  /** The thread's first message (the message itself when it starts one). */
  threadTs: string;
  text: string;
}

export type AssistantAnswer =
  /** Slack's retry of a message already answered. */
  | { kind: 'duplicate' }
  | { kind: 'help'; understood: boolean; tools: readonly ToolInfo[]; withModel: boolean }
  | { kind: 'result'; result: ToolResult }
  /** A model's words, with what its tools found (a proposal's buttons are shown with them). */
  | { kind: 'answer'; text: string; results: ToolResult[] }
  /** 'off': the workspace allows no assistant actions at all. */
  | { kind: 'limit'; which: 'day' | 'message' | 'off'; limit: { toolCalls: number; tokens: number } }
  | { kind: 'model_unavailable' };

export interface AssistantService {
  /** Answers one message as the person who wrote it, remembering the thread for a while. */
  answer(actor: Person, input: AssistantInput): Promise<AssistantAnswer>;
  /** Applies a proposal, once, if the goal is still as it was. Throws AccessDeniedError for someone else's proposal. */
  confirm(actor: Person, proposalId: string): Promise<ApplyOutcome>;
  cancel(actor: Person, proposalId: string): Promise<ApplyOutcome>;
  readonly tools: readonly ToolInfo[];
}

export function createAssistantService(
  deps: ToolDeps & {
    /** The model when one is configured; used only where the workspace and the person allow AI. */
    model: AssistantModel | undefined;
    /** A result as text, exactly as the person would read it: what a model is given and what memory keeps. */
    describe: (result: ToolResult) => string;
  },
): AssistantService {
  const { db, clock, model, describe } = deps;

  async function runTool(actor: Person, name: string, args: unknown): Promise<ToolResult> {
    const tool = toolNamed(name);
    if (!tool) return { kind: 'invalid', message: `There is no tool called ${name}.` };
    try {
      if (tool.kind === 'read') return await tool.run(deps, actor, args);
      const proposed = await tool.propose(deps, actor, args);
      if (!proposed.ok) return proposed.result;
      const { resolved, expected, change } = proposed.proposal;
      const proposalId = await insertProposal(db, { workspaceId: actor.workspaceId, personId: actor.id, tool: tool.name, args: resolved, expected }, clock.now().toJSDate());
      return { kind: 'proposal', proposalId, change };
    } catch (error) {
      if (error instanceof AccessDeniedError) return { kind: 'invalid', message: 'That is not something you can do.' };
      throw error;
    }
  }

  async function dailyRoom(actor: Person) {
    const limit = (await findWorkspaceSettings(db, actor.workspaceId))?.assistantLimits ?? { toolCalls: 0, tokens: 0 };
    const dayStart = clock.now().setZone(actor.timezone).startOf('day').toJSDate();
    const used = await usageSince(db, actor.id, dayStart);
    return { limit, toolCalls: limit.toolCalls - used.toolCalls, tokens: limit.tokens - used.tokens };
  }

  async function offline(actor: Person, text: string): Promise<{ answer: AssistantAnswer; toolCalls: number }> {
    const parsed = parseCommand(text);
    if (parsed.kind !== 'tool') return { answer: { kind: 'help', understood: parsed.kind === 'help', tools: TOOLS, withModel: false }, toolCalls: 0 };
    return { answer: { kind: 'result', result: await runTool(actor, parsed.tool, parsed.args) }, toolCalls: 1 };
  }

  type Room = { toolCalls: number; tokens: number; limit: { toolCalls: number; tokens: number } };
  type Turned = { answer: AssistantAnswer; toolCalls: number; tokens: number };
  type Usage = { promptTokens: number; completionTokens: number; failure?: string };

  /** One message with a model, logged like every AI call (for the admins' view of use and cost), never what was said. */
  async function withModel(actor: Person, chat: AssistantModel, thread: AssistantThread, text: string, room: Room): Promise<Turned> {
    const started = clock.now().toMillis();
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const turned = await converse(actor, chat, thread, text, room, usage);
    await insertAiCall(db, {
      workspaceId: actor.workspaceId,
      actorId: actor.id,
      kind: 'assistant',
      provider: 'openai',
      model: chat.model,
      outcome: usage.failure ? `fallback_${usage.failure}` : 'ok',
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      latencyMs: clock.now().toMillis() - started,
      at: clock.now().toJSDate(),
    });
    return turned;
  }

  async function converse(actor: Person, chat: AssistantModel, thread: AssistantThread, text: string, room: Room, usage: Usage): Promise<Turned> {
    const since = clock.now().minus({ hours: MEMORY_HOURS }).toJSDate();
    // The message just recorded is the newest of the memory.
    const memory = await listThreadMemory(db, thread, since, MEMORY_MESSAGES);
    const messages: ModelMessage[] = [{ role: 'system', content: ASSISTANT_SYSTEM_PROMPT }, ...memory.map((m) => ({ role: m.role, content: m.content }))];
    const tools = modelTools(TOOLS);
    const results: ToolResult[] = [];
    let toolCalls = 0;
    let tokens = 0;
    const done = (answer: AssistantAnswer) => ({ answer, toolCalls, tokens });
    for (;;) {
      if (tokens >= Math.min(MESSAGE_LIMITS.tokens, room.tokens)) return done({ kind: 'limit', which: tokens >= room.tokens ? 'day' : 'message', limit: room.limit });
      const turn = await chat.turn(messages, tools, MESSAGE_LIMITS.completionTokens);
      tokens += turn.usage.promptTokens + turn.usage.completionTokens;
      usage.promptTokens += turn.usage.promptTokens;
      usage.completionTokens += turn.usage.completionTokens;
      if (!turn.ok) {
        usage.failure = turn.reason;
        // Without the model the fixed phrases still work.
        if (parseCommand(text).kind !== 'tool') return done({ kind: 'model_unavailable' });
        const { answer, toolCalls: used } = await offline(actor, text);
        toolCalls += used;
        return done(answer);
      }
      if (turn.toolCalls.length === 0) return done({ kind: 'answer', text: turn.content ?? '', results });
      messages.push({ role: 'assistant', content: turn.content, toolCalls: turn.toolCalls });
      for (const call of turn.toolCalls) {
        if (toolCalls >= room.toolCalls) return done({ kind: 'limit', which: 'day', limit: room.limit });
        if (toolCalls >= MESSAGE_LIMITS.toolCalls) return done({ kind: 'limit', which: 'message', limit: room.limit });
        toolCalls += 1;
        let args: unknown;
        try {
          args = JSON.parse(call.arguments || '{}');
        } catch {
          args = undefined;
        }
        const result = args === undefined ? ({ kind: 'invalid', message: 'The arguments were not JSON.' } as const) : await runTool(actor, call.name, args);
        results.push(result);
        // One change per message: once one is proposed, the person decides before anything else happens.
        if (result.kind === 'proposal') return done({ kind: 'answer', text: turn.content ?? '', results });
        messages.push({ role: 'tool', toolCallId: call.id, content: toolResultContent(describe(result)) });
      }
    }
  }

  function answerText(answer: AssistantAnswer): string {
    switch (answer.kind) {
      case 'result':
        return describe(answer.result);
      case 'answer':
        return [answer.text, ...answer.results.filter((r) => r.kind === 'proposal').map(describe)].filter(Boolean).join('\n');
      default:
        return `(${answer.kind})`;
    }
  }

  async function decide(actor: Person, proposalId: string, apply: boolean): Promise<ApplyOutcome> {
    const proposal = await findProposal(db, proposalId);
    // Someone else's proposal reads like one that does not exist.
    if (!proposal || proposal.personId !== actor.id) throw new AccessDeniedError('goal.edit', 'not_permitted');
    if (proposal.status !== 'pending') return { kind: 'already', status: proposal.status };
    const now = clock.now().toJSDate();
    // Claimed before anything changes: a second click, or a retried request, finds it decided.
    if (!(await decideProposal(db, proposal.id, apply ? 'applied' : 'cancelled', now))) {
      const after = await findProposal(db, proposal.id);
      return { kind: 'already', status: after?.status === 'pending' || !after ? 'applied' : after.status };
    }
    if (!apply) return { kind: 'cancelled' };
    const tool = toolNamed(proposal.tool);
    if (!tool || tool.kind !== 'write') throw new AccessDeniedError('goal.edit', 'not_permitted');
    const outcome = await (tool as WriteTool).apply(deps, actor, proposal.args, proposal.expected);
    if (outcome.kind === 'stale' || outcome.kind === 'failed') await settleProposal(db, proposal.id, outcome.kind);
    return outcome;
  }

  return {
    tools: TOOLS,

    async answer(actor, input) {
      const now = clock.now();
      await forgetMessagesBefore(db, now.minus({ hours: MEMORY_HOURS }).toJSDate());
      const thread: AssistantThread = { workspaceId: actor.workspaceId, personId: actor.id, channel: input.channel, threadTs: input.threadTs };
      if (!(await recordUserMessage(db, thread, { eventId: input.eventId, text: input.text, at: now.toJSDate() }))) return { kind: 'duplicate' };
      const room = await dailyRoom(actor);
      let answer: AssistantAnswer;
      let toolCalls = 0;
      let tokens = 0;
      const available = await deps.ai.availability(actor);
      if (room.limit.toolCalls === 0) answer = { kind: 'limit', which: 'off', limit: room.limit };
      else if (room.toolCalls <= 0 || room.tokens <= 0) answer = { kind: 'limit', which: 'day', limit: room.limit };
      else if (available.via === 'model' && model) ({ answer, toolCalls, tokens } = await withModel(actor, model, thread, input.text, room));
      else ({ answer, toolCalls } = await offline(actor, input.text));
      if (answer.kind === 'help') answer = { ...answer, withModel: available.via === 'model' && model !== undefined };
      await recordAssistantMessage(db, thread, { text: answerText(answer), toolCalls, tokens, at: clock.now().toJSDate() });
      return answer;
    },

    confirm: (actor, proposalId) => decide(actor, proposalId, true),
    cancel: (actor, proposalId) => decide(actor, proposalId, false),
  };
}
