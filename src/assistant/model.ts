import OpenAI, { APIConnectionTimeoutError } from 'openai';
import type { Usage } from '../ai/types';

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text as the model wrote it: parsed and checked by the tool's schema, never trusted. */
  arguments: string;
}

export type ModelMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; content: string };

export interface ModelTool {
  name: string;
  description: string;
  /** JSON schema of the arguments. */
  parameters: Record<string, unknown>;
}

export type ModelTurn =
  | { ok: true; content: string | null; toolCalls: ToolCall[]; usage: Usage }
  | { ok: false; reason: 'timeout' | 'refused' | 'error'; usage: Usage };

/** A chat model that may call tools: one request, one answer. */
export interface AssistantModel {
  readonly model: string;
  turn(messages: readonly ModelMessage[], tools: readonly ModelTool[], maxTokens: number): Promise<ModelTurn>;
}

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

function toSdk(message: ModelMessage): OpenAI.Chat.Completions.ChatCompletionMessageParam {
  if (message.role === 'tool') return { role: 'tool', tool_call_id: message.toolCallId, content: message.content };
  if (message.role === 'assistant') {
    return {
      role: 'assistant',
      content: message.content,
      ...(message.toolCalls?.length
        ? { tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: 'function' as const, function: { name: call.name, arguments: call.arguments } })) }
        : {}),
    };
  }
  return { role: message.role, content: message.content };
}

/** Function calling against the OpenAI API or any server compatible with it. */
export function createOpenAiAssistantModel(options: { apiKey?: string; baseUrl?: string; model: string; timeoutMs: number }): AssistantModel {
  const client = new OpenAI({ apiKey: options.apiKey ?? 'not-needed', baseURL: options.baseUrl, timeout: options.timeoutMs, maxRetries: 0 });
  return {
    model: options.model,
    async turn(messages, tools, maxTokens) {
      const deadline = AbortSignal.timeout(options.timeoutMs);
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          {
            model: options.model,
            temperature: 0,
            max_completion_tokens: maxTokens,
            messages: messages.map(toSdk),
            tools: tools.map((tool) => ({ type: 'function' as const, function: { name: tool.name, description: tool.description, parameters: tool.parameters } })),
          },
          { signal: deadline },
        );
      } catch (error) {
        return { ok: false, reason: deadline.aborted || error instanceof APIConnectionTimeoutError ? 'timeout' : 'error', usage: NO_USAGE };
      }
      const usage = { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 };
      const choice = completion.choices[0];
      if (!choice || choice.message.refusal || choice.finish_reason === 'content_filter') return { ok: false, reason: 'refused', usage };
      const toolCalls = (choice.message.tool_calls ?? []).flatMap((call) =>
        call.type === 'function' ? [{ id: call.id, name: call.function.name, arguments: call.function.arguments }] : [],
      );
      return { ok: true, content: choice.message.content, toolCalls, usage };
    },
  };
}
