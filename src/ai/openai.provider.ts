import OpenAI, { APIConnectionTimeoutError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { modelDraftSchema } from './output.schema';
import { promptData, SYSTEM_PROMPT } from './prompt';
import type { AiProvider, ProviderResult, Usage } from './types';

export interface OpenAiOptions {
  apiKey?: string;
  /** Any OpenAI-compatible server: a local model server, Azure, a proxy. */
  baseUrl?: string;
  model: string;
  timeoutMs: number;
}

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0 };

/**
 * A model behind the OpenAI API (or one compatible with it), asked for structured output. The
 * answer is returned as parsed JSON, unchecked: the caller validates it like any other provider's.
 */
export function createOpenAiProvider(options: OpenAiOptions): AiProvider {
  const client = new OpenAI({
    // A local server usually needs no key; the SDK insists on one.
    apiKey: options.apiKey ?? 'not-needed',
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    // A draft someone is waiting for: one try, then the offline draft.
    maxRetries: 0,
  });
  return {
    name: 'openai',
    model: options.model,
    async draft(prompt): Promise<ProviderResult> {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      // Our own deadline, so a timeout is told apart from any other failure however the SDK words it.
      const deadline = AbortSignal.timeout(options.timeoutMs);
      try {
        completion = await client.chat.completions.create({
          model: options.model,
          temperature: 0,
          messages: [
            { role: 'system', content: SYSTEM_PROMPT },
            { role: 'user', content: promptData(prompt) },
          ],
          response_format: zodResponseFormat(modelDraftSchema, 'draft'),
        }, { signal: deadline });
      } catch (error) {
        return { ok: false, reason: deadline.aborted || error instanceof APIConnectionTimeoutError ? 'timeout' : 'error', usage: NO_USAGE };
      }
      const usage = { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 };
      const choice = completion.choices[0];
      if (!choice || choice.message.refusal || choice.finish_reason === 'content_filter') return { ok: false, reason: 'refused', usage };
      try {
        return { ok: true, output: JSON.parse(choice.message.content ?? ''), usage };
      } catch {
        return { ok: false, reason: 'invalid', usage };
      }
    },
  };
}
