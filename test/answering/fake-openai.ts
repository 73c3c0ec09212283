import nock from 'nock';

/** Credentials the tests use; assertions check neither ever reaches a log line. */
export const API_KEY = 'sk-test-4f9a8b7c6d5e4f3a2b1c';
export const ORIGIN = 'http://llm-7f3a.internal.test:8080';
export const BASE_URL = `${ORIGIN}/v1`;

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  max_tokens?: number;
  response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: Record<string, unknown> } };
}

/** What the fake server does with one chat request. */
export type ChatReply =
  /** 200 with this object as the JSON content. */
  | { json: unknown; usage?: Usage }
  /** 200 with this exact content string (malformed output, fences, …). */
  | { content: string; finish?: string; usage?: Usage }
  /** An API error, e.g. 429 with retry-after. */
  | { status: number; code?: string; message?: string; headers?: Record<string, string> }
  /** Answers only after this many ms (longer than the client's timeout). */
  | { hangMs: number };

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

const DEFAULT_USAGE: Usage = { prompt_tokens: 420, completion_tokens: 60, total_tokens: 480 };

/**
 * The OpenAI HTTP API as nock interceptors on a made-up base URL: queued chat replies, a deterministic
 * embeddings endpoint, and a record of every request body sent (for assertions on the prompt).
 */
export class FakeOpenAi {
  readonly chatRequests: ChatRequest[] = [];
  readonly embeddingRequests: Array<{ model: string; input: string[]; encoding_format?: string }> = [];

  constructor() {
    nock.disableNetConnect();
  }

  /** Queues replies for the next chat requests, in order; a request with none left fails the test. */
  chat(...replies: ChatReply[]): this {
    for (const reply of replies) {
      const interceptor = nock(ORIGIN)
        .matchHeader('authorization', `Bearer ${API_KEY}`)
        .post('/v1/chat/completions', (body: ChatRequest) => {
          this.chatRequests.push(body);
          return true;
        });
      if ('hangMs' in reply) interceptor.delay(reply.hangMs).reply(200, completion('{}'));
      else if ('status' in reply) {
        const error = { message: reply.message ?? `error ${reply.status}`, type: 'api_error', code: reply.code ?? null, param: null };
        interceptor.reply(reply.status, { error }, reply.headers);
      } else if ('json' in reply) interceptor.reply(200, completion(JSON.stringify(reply.json), 'stop', reply.usage));
      else interceptor.reply(200, completion(reply.content, reply.finish ?? 'stop', reply.usage));
    }
    return this;
  }

  /** Embeds any texts (any number of requests): bag-of-word-hashes, so similar texts get similar vectors. */
  embeddings(options: { failWith?: number } = {}): this {
    nock(ORIGIN)
      .matchHeader('authorization', `Bearer ${API_KEY}`)
      .post('/v1/embeddings')
      .reply((_uri, raw) => {
        const body = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { model: string; input: string[]; encoding_format?: string };
        this.embeddingRequests.push(body);
        if (options.failWith) return [options.failWith, { error: { message: 'embedding failed', type: 'server_error', code: null } }];
        const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: fakeVector(text) }));
        const tokens = body.input.join(' ').split(/\s+/).length;
        return [200, { object: 'list', model: body.model, data, usage: { prompt_tokens: tokens, total_tokens: tokens } }];
      })
      .persist();
    return this;
  }

  /** Texts embedded so far, over all requests. */
  get embeddedTexts(): string[] {
    return this.embeddingRequests.flatMap((r) => r.input);
  }

  /** Every chat request's messages as one string per request. */
  get prompts(): string[] {
    return this.chatRequests.map((r) => r.messages.map((m) => `[${m.role}]\n${m.content}`).join('\n'));
  }

  pendingChatReplies(): number {
    return nock.pendingMocks().filter((m) => m.includes('/chat/completions')).length;
  }

  static reset(): void {
    nock.cleanAll();
    nock.enableNetConnect();
  }
}

export function completion(content: string, finish = 'stop', usage: Usage = DEFAULT_USAGE) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, finish_reason: finish, message: { role: 'assistant', content, refusal: null } }],
    usage,
  };
}

const DIMS = 32;

export function fakeVector(text: string): number[] {
  const v = new Array<number>(DIMS).fill(0.01);
  for (const word of text.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
    let h = 0;
    for (const ch of word.slice(0, 5)) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    v[h % DIMS]! += 1;
  }
  return v;
}
