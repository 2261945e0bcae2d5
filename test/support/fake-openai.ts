import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers a chat completion with. */
export type FakeAnswer =
  /** A completion whose message content is this text (JSON or not). */
  | { content: string }
  | { refusal: string }
  /** A turn of function calling: the model asks for these tools (arguments as JSON). */
  | { toolCalls: Array<{ name: string; arguments: unknown }>; content?: string }
  /** Never answers: the client's timeout must fire. */
  | { hang: true }
  | { status: number; error: string };

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string | null; tool_call_id?: string; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }> }>;
  tools?: Array<{ type: string; function: { name: string; description: string; parameters: unknown } }>;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
}

/**
 * An OpenAI-compatible HTTP server on 127.0.0.1 that answers POST /chat/completions as told:
 * the real SDK talks to it over HTTP, so requests, responses and timeouts are the SDK's own.
 */
export class FakeOpenAi {
  readonly requests: ChatRequest[] = [];
  private answer: (request: ChatRequest) => FakeAnswer = () => ({ content: '{"sections":[]}' });
  private readonly hanging = new Set<ServerResponse>();
  private server: Server | undefined;

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('the fake OpenAI server is not listening');
    return `http://127.0.0.1:${address.port}/v1`;
  }

  answerWith(answer: FakeAnswer | ((request: ChatRequest) => FakeAnswer)): void {
    this.answer = typeof answer === 'function' ? answer : () => answer;
  }

  /** Plays these turns in order, one per request; the last one again after that. */
  script(turns: ReadonlyArray<FakeAnswer | ((request: ChatRequest) => FakeAnswer)>): void {
    let next = 0;
    this.answer = (request) => {
      const turn = turns[Math.min(next, turns.length - 1)]!;
      next += 1;
      return typeof turn === 'function' ? turn(request) : turn;
    };
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const request = JSON.parse(body) as ChatRequest;
    this.requests.push(request);
    const answer = this.answer(request);
    if ('hang' in answer) {
      this.hanging.add(res);
      return;
    }
    if ('status' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: answer.error, type: 'server_error' } }));
      return;
    }
    const calls = 'toolCalls' in answer ? answer.toolCalls.map((call, i) => ({ id: `call_${this.requests.length}_${i}`, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } })) : undefined;
    const message =
      'refusal' in answer
        ? { role: 'assistant', content: null, refusal: answer.refusal }
        : 'toolCalls' in answer
          ? { role: 'assistant', content: answer.content ?? null, refusal: null, tool_calls: calls }
          : { role: 'assistant', content: answer.content, refusal: null };
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${this.requests.length}`,
        object: 'chat.completion',
        created: 1_700_000_000,
        model: request.model,
        choices: [{ index: 0, finish_reason: calls ? 'tool_calls' : 'stop', message, logprobs: null }],
        usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 },
      }),
    );
  }
}

/** The evidence the prompt gave the model, by alias: what a fake model may cite. */
export function promptEvidence(request: ChatRequest): Array<{ id: string; kind: string; about: string; text: string }> {
  const user = request.messages.find((m) => m.role === 'user');
  return (JSON.parse(user?.content ?? '{}') as { evidence?: Array<{ id: string; kind: string; about: string; text: string }> }).evidence ?? [];
}
