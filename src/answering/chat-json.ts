import type { BaseMessage } from '@langchain/core/messages';
import type { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { TokenUsage } from './call-log.js';
import { LlmFailure } from './llm-failure.js';
import { withRetries, type RetryPolicy } from './retry.js';

/**
 * A structured reply: the wire schema (plain types, as OpenAI's strict JSON-schema mode accepts) goes
 * to the server as `response_format`; the reply is then checked with `validate`, which may be stricter.
 */
export interface JsonReply<Wire extends z.ZodObject, Out> {
  name: string;
  wire: Wire;
  validate: z.ZodType<Out>;
}

/**
 * Sends the messages, retrying what a pause can fix, and returns the validated JSON reply. Throws when
 * the server fails, filters the content, cuts the reply short, or the reply is not JSON of the expected
 * shape (classify() turns each into an LlmFailure). Tokens are added to `usage` once a reply parsed as
 * JSON; the client does not report them for replies it could not parse.
 */
export async function askForJson<Wire extends z.ZodObject, Out>(
  model: ChatOpenAI,
  messages: BaseMessage[],
  reply: JsonReply<Wire, Out>,
  options: { retry: RetryPolicy; usage: TokenUsage },
): Promise<Out> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(reply.wire) as Record<string, unknown>;
  const responseFormat = { type: 'json_schema' as const, json_schema: { name: reply.name, strict: true, schema } };
  const { value: message, attempts } = await withRetries(() => model.invoke(messages, { response_format: responseFormat }), options.retry);
  options.usage.attempts = attempts;
  const usage = message.usage_metadata;
  options.usage.add({ promptTokens: usage?.input_tokens, completionTokens: usage?.output_tokens, totalTokens: usage?.total_tokens });

  // A reply cut short, filtered, or not JSON never gets here: the openai client's parse step throws
  // (LengthFinishReasonError, ContentFilterFinishReasonError, SyntaxError) and classify() names it.
  const parsed = reply.validate.safeParse(parseJson(message.content));
  if (!parsed.success) throw new LlmFailure('malformed-output', false);
  return parsed.data;
}

/** An empty reply (or a refusal, which has no content) is as unusable as bad JSON. */
function parseJson(content: unknown): unknown {
  try {
    return typeof content === 'string' ? JSON.parse(content) : undefined;
  } catch {
    return undefined;
  }
}
