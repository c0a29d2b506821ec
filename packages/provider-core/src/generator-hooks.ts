import type { CountTokensParameters, EmbedContentParameters, GenerateContentParameters, SamusError, ServerTimings } from '@samus/kernel';
import type { SendRequest } from './generator-runtime.js';
import type { ChatCompletionCreateParams } from './openai-wire-types.js';
import type { OpenedResponse } from './response-stream.js';

/** A chat request body: the OpenAI fields plus whatever extensions a server accepts (e.g. `ttl`, `top_k`). */
export type ChatRequestBody = ChatCompletionCreateParams & Record<string, unknown>;

/** An embeddings request body. */
export interface EmbeddingsRequestBody extends Record<string, unknown> {
  model: string;
  input: string[];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
}

/**
 * How a provider's server differs from a plain OpenAI-compatible one: the whole extension surface of the
 * OpenAI-compatible generator. Every hook is optional; none may be needed (the `openai` plugin uses none).
 */
export interface GeneratorHooks {
  /** Adds server fields to a built `/chat/completions` body (e.g. `ttl`, `draft_model`); returns the body to send. */
  chatBody?: (body: ChatRequestBody, request: GenerateContentParameters) => ChatRequestBody | Promise<ChatRequestBody>;
  /** Adds server fields to a built `/embeddings` body. */
  embeddingsBody?: (body: EmbeddingsRequestBody, request: EmbedContentParameters) => EmbeddingsRequestBody;
  /**
   * Around every request the generator sends: may change the request (a path, a per-request timeout) before calling
   * `next`, and look at the result or the error after it (e.g. track which models are loaded). Must call `next` at
   * most once.
   */
  send?: (request: SendRequest, next: (request: SendRequest) => Promise<OpenedResponse>) => Promise<OpenedResponse>;
  /**
   * Server statistics for the `response:finish` event, from the last stream chunk or the whole completion (e.g.
   * llama-server's `timings`). Without it the event carries the usage as `server.promptTokens` / `evalTokens`.
   */
  serverTimings?: (lastMessage: unknown) => ServerTimings | undefined;
  /**
   * Adds what a further look at the server can tell to an error a request failed with (e.g. the installed models
   * nearest to one that was not found). Applied on every path; if it throws, the error is kept unchanged.
   */
  explainError?: (error: SamusError) => SamusError | Promise<SamusError>;
  /** Counts tokens with the server's tokenizer; `undefined` uses the estimate. */
  countTokens?: (request: CountTokensParameters) => Promise<number | undefined>;
  /**
   * Tokens the server charges for one image sent to `model`, for `countTokens` (default: a fixed estimate). Must not
   * throw.
   */
  imageTokens?: (model: string, signal?: AbortSignal) => Promise<number>;
}
