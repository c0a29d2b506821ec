import { SamusError, type GenerateContentResponseUsageMetadata } from '@samus/kernel';
import { ChatCompletionChunkConverter, type ChatCompletionChunkConverterOptions, type ChatCompletionChunkLike } from './chat-completion-chunk-converter.js';
import { SseParser } from './sse-parser.js';
import { type StreamDecoder, type StreamDecoderSink } from './stream-decoder.js';

/** Options of {@link OpenAIStreamDecoder}. */
export interface OpenAIStreamDecoderOptions extends ChatCompletionChunkConverterOptions {
  /** Turns an error object the server sent inside the stream (`data: {"error": …}`) into the error to throw. */
  streamError: (body: unknown, partialText: string) => SamusError;
}

/**
 * Decodes an OpenAI-compatible `chat.completion.chunk` SSE stream: {@link SseParser} for the framing,
 * `JSON.parse` per event (no schema validation), {@link ChatCompletionChunkConverter} for the content. `[DONE]`
 * marks a complete stream; events after it are ignored. Malformed JSON throws `SAMUS_ERR_INVALID_RESPONSE`; an
 * `error` object inside the stream throws what `streamError` returns.
 */
export class OpenAIStreamDecoder implements StreamDecoder {
  readonly #parser: SseParser;
  readonly #converter: ChatCompletionChunkConverter;
  readonly #streamError: OpenAIStreamDecoderOptions['streamError'];
  #done = false;
  #events = 0;

  constructor(sink: StreamDecoderSink, options: OpenAIStreamDecoderOptions) {
    this.#converter = new ChatCompletionChunkConverter(sink, options);
    this.#streamError = options.streamError;
    this.#parser = new SseParser((data, event) => this.#onEvent(data, event));
  }

  get complete(): boolean {
    return this.#done || this.#converter.finished;
  }

  get partialText(): string {
    return this.#converter.text;
  }

  get finishReason(): string | undefined {
    return this.#converter.rawFinishReason;
  }

  get usage(): GenerateContentResponseUsageMetadata | undefined {
    return this.#converter.usage;
  }

  get lastMessage(): unknown {
    return this.#converter.lastChunk;
  }

  /** Number of data events seen (0 means the body was not an event stream at all). */
  get eventCount(): number {
    return this.#events;
  }

  push(bytes: Uint8Array): void {
    this.#parser.push(bytes);
  }

  end(): void {
    this.#parser.end();
    this.#converter.end(this.complete);
  }

  #onEvent(data: string, event: string | undefined): void {
    if (this.#done) return;
    if (data === '[DONE]') {
      this.#done = true;
      return;
    }
    this.#events += 1;
    let chunk: ChatCompletionChunkLike;
    try {
      chunk = JSON.parse(data) as ChatCompletionChunkLike;
    } catch (error) {
      throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `The server sent a stream event that is not JSON: ${JSON.stringify(data.slice(0, 120))}`, {
        cause: error,
        details: { event: data.slice(0, 200), partialText: this.#converter.text },
      });
    }
    if (chunk === null || typeof chunk !== 'object') {
      throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `The server sent a stream event that is not an object: ${JSON.stringify(data.slice(0, 120))}`, {
        details: { event: data.slice(0, 200), partialText: this.#converter.text },
      });
    }
    if (chunk.error !== undefined && chunk.error !== null) throw this.#streamError(chunk.error, this.#converter.text);
    if (event === 'error') throw this.#streamError(chunk, this.#converter.text);
    this.#converter.push(chunk);
  }
}
