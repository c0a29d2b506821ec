import { SamusError, type GenerateContentResponseUsageMetadata } from '@samus/kernel';
import { ChatCompletionChunkConverter, type ChatCompletionChunkConverterOptions, type ChatCompletionChunkLike } from './chat-completion-chunk-converter.js';
import { chatCompletionToResponse, type ChatCompletionLike } from './chat-completion-to-response.js';
import { thinkTagOptions, type OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';
import { recoveryToolsOf } from './recovery-tools-of.js';
import { DEFAULT_MAX_LINE_BYTES, lineTooLong } from './line-splitter.js';
import { SseParser } from './sse-parser.js';
import type { StreamDecoder, StreamDecoderSink } from './stream-decoder.js';

/** Options of {@link OpenAIStreamDecoder}. */
export interface OpenAIStreamDecoderOptions extends ChatCompletionChunkConverterOptions {
  /**
   * The generator's capability flags: `thinkTags` / `reasoningStartsOpen` give the `<think>` splitter options,
   * `textToolCalls` (with `providerOptions.textToolCalls` and the tools of `requestBody`) the tools for text
   * tool-call recovery. Explicit `thinkTags` / `declaredTools` options win.
   */
  capabilities?: Readonly<OpenAICompatibleCapabilities>;
  /** The generator's `config.providerOptions` (for `textToolCalls: false`). */
  providerOptions?: Record<string, unknown>;
  /** The chat request body that was sent (its `tools` are the declared tools). */
  requestBody?: unknown;
  /** Turns an error object the server sent inside the stream (`data: {"error": …}`) into the error to throw. */
  streamError: (body: unknown, partialText: string) => SamusError;
}

/**
 * Decodes an OpenAI-compatible `chat.completion.chunk` SSE stream: {@link SseParser} for the framing,
 * `JSON.parse` per event (no schema validation), {@link ChatCompletionChunkConverter} for the content. `[DONE]`
 * marks a complete stream; events after it are ignored. Malformed JSON throws `SAMUS_ERR_INVALID_RESPONSE`; an
 * `error` object inside the stream throws what `streamError` returns.
 *
 * The first byte tells what the server really sent, whatever its content type says: `<` is a web page
 * (`SAMUS_ERR_WRONG_BASE_URL`); `{` is one JSON document (a server that ignored `stream: true` — its completion
 * becomes one response —, an `{"error": …}` body sent with status 200, or some other API:
 * `SAMUS_ERR_WRONG_BASE_URL`); a body without any event is `SAMUS_ERR_INVALID_RESPONSE`.
 */
export class OpenAIStreamDecoder implements StreamDecoder {
  readonly #parser: SseParser;
  readonly #converter: ChatCompletionChunkConverter;
  readonly #streamError: OpenAIStreamDecoderOptions['streamError'];
  readonly #sink: StreamDecoderSink;
  readonly #options: OpenAIStreamDecoderOptions;
  #done = false;
  #events = 0;
  /** 0: nothing read yet; 1: an event stream; 2: a JSON document, buffered in #document. */
  #kind: 0 | 1 | 2 = 0;
  #document: Uint8Array[] = [];
  #documentBytes = 0;
  #truncated = false;
  #firstBytes: Uint8Array | undefined;

  constructor(sink: StreamDecoderSink, given: OpenAIStreamDecoderOptions) {
    const capabilities = given.capabilities;
    const options: OpenAIStreamDecoderOptions = capabilities
      ? {
          ...given,
          thinkTags: given.thinkTags ?? thinkTagOptions(capabilities, given.providerOptions),
          declaredTools: given.declaredTools ?? recoveryToolsOf(capabilities, given.providerOptions, given.requestBody),
        }
      : given;
    this.#sink = sink;
    this.#options = options;
    // Every event is decoded as soon as its read arrives (no pausing): measured cheaper than decoding on demand,
    // because undici then never has to apply backpressure to the socket.
    this.#converter = new ChatCompletionChunkConverter(sink, options);
    this.#streamError = options.streamError;
    this.#parser = new SseParser((data, event) => {
      this.#onEvent(data, event);
    });
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
    if (this.#kind === 1) {
      this.#parser.push(bytes);
      return;
    }
    if (this.#kind === 0) this.#sniff(bytes);
    const kind = this.#kind as 0 | 1 | 2;
    if (kind === 2) {
      // A server that ignored `stream: true` sends one JSON document: bounded like one line of a stream.
      this.#documentBytes += bytes.length;
      if (this.#documentBytes > DEFAULT_MAX_LINE_BYTES) throw lineTooLong(DEFAULT_MAX_LINE_BYTES);
      this.#document.push(bytes);
    }
    else if (kind === 1) this.#parser.push(bytes);
  }

  end(): void {
    if (this.#kind === 2) {
      this.#endDocument();
      return;
    }
    this.#parser.end();
    // A stream cut in the middle of its first event is a truncated stream (reported by the caller as such), not a
    // body of another kind.
    if (this.#events === 0 && !this.#done && this.#firstBytes !== undefined && !this.#truncated) {
      const prefix = Buffer.from(this.#firstBytes).toString('utf8');
      throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `The server did not answer with an event stream: ${JSON.stringify(prefix)}`, {
        details: { body: prefix },
      });
    }
    this.#converter.end(this.complete);
  }

  #sniff(bytes: Uint8Array): void {
    let index = 0;
    while (index < bytes.length && (bytes[index] === 32 || bytes[index] === 10 || bytes[index] === 13 || bytes[index] === 9 || bytes[index] === 0xef || bytes[index] === 0xbb || bytes[index] === 0xbf)) index += 1;
    if (index === bytes.length) return; // only whitespace so far
    const first = bytes[index];
    this.#firstBytes = bytes.subarray(index, index + 160);
    if (first === 60 /* < */) {
      throw new SamusError('SAMUS_ERR_WRONG_BASE_URL', 'The server answered with a web page, not the OpenAI-compatible API', {
        hint: 'The base URL points at a web server or proxy, not the model server: check host, port and path.',
        details: { body: Buffer.from(this.#firstBytes).toString('utf8') },
      });
    }
    this.#kind = first === 123 /* { */ ? 2 : 1;
  }

  #endDocument(): void {
    const text = Buffer.concat(this.#document).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `The server answered with something that is neither an event stream nor JSON: ${JSON.stringify(text.slice(0, 120))}`, {
        cause: error,
        details: { body: text.slice(0, 200) },
      });
    }
    const record = (body ?? {}) as { choices?: unknown; error?: unknown };
    if (Array.isArray(record.choices)) {
      this.#done = true;
      const response = chatCompletionToResponse(body as ChatCompletionLike, this.#options);
      const text = response.text ?? '';
      this.#sink.output(text.length);
      this.#sink.response(response);
      return;
    }
    if (record.error !== undefined && record.error !== null) throw this.#streamError(record.error, '');
    throw new SamusError('SAMUS_ERR_WRONG_BASE_URL', `The server answered JSON without "choices": this is not an OpenAI-compatible chat endpoint`, {
      details: { body: text.slice(0, 200) },
    });
  }

  #onEvent(data: string, event: string | undefined): void {
    if (this.#done) return;
    if (data === '[DONE]') {
      this.#done = true;
      this.#converter.flush();
      return;
    }
    let chunk: ChatCompletionChunkLike;
    try {
      chunk = JSON.parse(data) as ChatCompletionChunkLike;
    } catch (error) {
      if (this.#parser.endedMidLine) {
        // The body ended in the middle of this event: a truncated stream (reported as such by the caller), not bad data.
        this.#truncated = true;
        return;
      }
      throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `The server sent a stream event that is not JSON: ${JSON.stringify(data.slice(0, 120))}`, {
        cause: error,
        details: { event: data.slice(0, 200), partialText: this.#converter.text },
      });
    }
    this.#events += 1;
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
