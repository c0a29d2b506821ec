import type { GenerateContentResponse, GenerateContentResponseUsageMetadata } from '@samus/kernel';

/** Where a {@link StreamDecoder} delivers its output. */
export interface StreamDecoderSink {
  /** A Gemini-shaped response for the caller. */
  response(response: GenerateContentResponse): void;
  /** Output arrived (text, reasoning or a tool-call fragment); `textLength` characters of text. For metrics. */
  output(textLength: number): void;
}

/**
 * Turns the bytes of one streamed response body into Gemini-shaped responses. `push` and `end` may throw a
 * `SamusError` (malformed data, an error sent inside the stream). The OpenAI SSE decoder is
 * `OpenAIStreamDecoder`; providers with native streaming endpoints (NDJSON) implement their own on
 * `NdjsonParser` and pass it to `OpenAICompatibleContentGenerator.streamResponses`.
 */
export interface StreamDecoder {
  /** Feeds one read of the body. */
  push(bytes: Uint8Array): void;
  /** The body ended (EOF). Emits what was held back. */
  end(): void;
  /** True when the server ended the stream properly (a terminator or a finish reason), false if it just stopped. */
  readonly complete: boolean;
  /** The answer text so far, attached to `SAMUS_ERR_STREAM_INTERRUPTED`. */
  readonly partialText: string;
  /** The server's finish reason, once known. */
  readonly finishReason: string | undefined;
  /** Usage, once known. */
  readonly usage: GenerateContentResponseUsageMetadata | undefined;
  /** The last raw message (chunk) of the stream, for server statistics. */
  readonly lastMessage: unknown;
}
