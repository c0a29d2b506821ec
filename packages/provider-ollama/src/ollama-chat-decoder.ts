import { NdjsonParser, type StreamDecoder, type StreamDecoderSink } from '@samus/provider-core/internal';
import { TextAccumulator, TextToolCallRecovery, type DeclaredTool } from '@samus/provider-core/internal/conversion';
import type { GenerateContentResponseUsageMetadata, Part } from '@samus/kernel';
import type { ContextWindow } from './context-guard.js';
import { mapOllamaErrorMessage } from './ollama-server-profile.js';
import { toFinishReason, toParts, toResponse, toUsageMetadata } from './from-ollama-chat.js';
import type { OllamaChatChunk } from './ollama-wire.js';

/** Options of {@link OllamaChatDecoder}. */
export interface OllamaChatDecoderOptions {
  model: string;
  baseUrl: string;
  /** The prompt estimate and the context window the guard used, to flag truncation after the fact. */
  estimatedTokens: number;
  window: ContextWindow | undefined;
  /** The id every response of this stream carries (Ollama sends none). */
  responseId?: string;
  /**
   * The tools the request declared (provider-core's `declaredToolsOf(body.tools)`): tool calls the model wrote as
   * text in a known markup and naming one of them become `functionCall` parts. Absent: no recovery.
   */
  declaredTools?: readonly DeclaredTool[] | undefined;
}

const PARTIAL_TEXT_LIMIT = 100_000;

/**
 * Decodes Ollama's native `/api/chat` NDJSON stream (provider-core's `NdjsonParser`) into Gemini-shaped responses:
 * text pieces, thinking as thought parts, whole tool calls as `functionCall` parts, and one final response with
 * the finish reason and usage. An `{"error":…}` line inside the 200 stream throws a coded error; a stream without
 * its `done:true` line is incomplete.
 */
export class OllamaChatDecoder implements StreamDecoder {
  readonly #parser: NdjsonParser<OllamaChatChunk>;
  readonly #sink: StreamDecoderSink;
  readonly #options: OllamaChatDecoderOptions;
  #done = false;
  readonly #text = new TextAccumulator(PARTIAL_TEXT_LIMIT);
  #last: OllamaChatChunk | undefined;
  #usage: GenerateContentResponseUsageMetadata | undefined;
  #error: Error | undefined;
  readonly #recovery: TextToolCallRecovery | undefined;

  constructor(sink: StreamDecoderSink, options: OllamaChatDecoderOptions) {
    this.#sink = sink;
    this.#options = options;
    this.#recovery = options.declaredTools && options.declaredTools.length > 0 ? new TextToolCallRecovery(options.declaredTools) : undefined;
    this.#parser = new NdjsonParser<OllamaChatChunk>((chunk) => this.#onChunk(chunk));
  }

  get complete(): boolean {
    return this.#done;
  }

  get partialText(): string {
    return this.#text.text;
  }

  get finishReason(): string | undefined {
    return this.#done ? toFinishReason(this.#last?.done_reason) : undefined;
  }

  get usage(): GenerateContentResponseUsageMetadata | undefined {
    return this.#usage;
  }

  get lastMessage(): unknown {
    return this.#last;
  }

  // An error line stops decoding (later lines are ignored) and is thrown by the push / end that read it; the
  // responses decoded before it are already with the caller's stream, which hands them out before the error.
  push(bytes: Uint8Array): void {
    if (this.#error) throw this.#error;
    this.#parser.push(bytes);
    if (this.#error) throw this.#error;
  }

  end(): void {
    if (this.#error) throw this.#error;
    this.#parser.end();
    if (this.#error) throw this.#error;
  }

  #onChunk(chunk: OllamaChatChunk): void {
    if (this.#done || this.#error) return;
    if (typeof chunk.error === 'string') {
      const error = mapOllamaErrorMessage(200, chunk.error, { baseUrl: this.#options.baseUrl, path: '/api/chat', model: this.#options.model });
      const partialText = this.#text.text;
      if (partialText !== '') (error.details as Record<string, unknown>).partialText = partialText;
      this.#error = error;
      return;
    }
    this.#last = chunk;
    const message = chunk.message;
    if (chunk.done === true) {
      this.#done = true;
      this.#usage = toUsageMetadata(chunk);
      const finishMessage = truncationMessage(chunk, this.#options.estimatedTokens, this.#options.window);
      const parts = toParts(message ?? {}, this.#recovery, true);
      this.#rememberParts(parts);
      this.#sink.output(message?.content?.length ?? 0);
      this.#sink.response(toResponse(this.#options.model, parts, { chunk, ...(finishMessage === undefined ? {} : { finishMessage }) }, this.#options.responseId));
      return;
    }
    if (message === undefined || message === null) return;
    if (message.tool_calls === undefined && message.thinking === undefined && this.#recovery === undefined) {
      // Hot path: one text piece.
      const content = message.content;
      if (!content) return;
      this.#remember(content);
      this.#sink.output(content.length);
      this.#sink.response(toResponse(this.#options.model, [{ text: content }], undefined, this.#options.responseId));
      return;
    }
    const parts = toParts(message, this.#recovery);
    // Text held back by the recovery (a possible tool-call marker) is output too, for the first-token clock.
    if (parts.length === 0 && !message.content) return;
    this.#sink.output((message.content?.length ?? 0) + (message.thinking?.length ?? 0));
    if (parts.length === 0) return;
    this.#rememberParts(parts);
    this.#sink.response(toResponse(this.#options.model, parts, undefined, this.#options.responseId));
  }

  #rememberParts(parts: readonly Part[]): void {
    for (const part of parts) if (typeof part.text === 'string' && part.thought !== true) this.#remember(part.text);
  }

  #remember(text: string): void {
    this.#text.push(text);
  }
}

/** After the fact: did Ollama evaluate fewer prompt tokens than were sent (it drops or truncates silently)? */
export function truncationMessage(chunk: OllamaChatChunk, estimated: number, window: ContextWindow | undefined): string | undefined {
  const evaluated = chunk.prompt_eval_count;
  if (evaluated === undefined) return undefined;
  const filled = window !== undefined && evaluated >= window.tokens;
  const dropped = estimated > evaluated * 1.5 + 64;
  if (!filled && !dropped) return undefined;
  return `Ollama evaluated ${evaluated} prompt tokens${window ? ` with a ${window.tokens}-token context window` : ''}, but about ${estimated} were sent: the prompt was probably truncated. Raise numCtx or shorten the prompt.`;
}
