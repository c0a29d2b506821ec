import { SamusError, type GenerateContentResponse, type ServerTimings } from '@samus/kernel';
import { QueuedAsyncGenerator } from './queued-async-generator.js';
import type { RequestDeadline } from './request-deadline.js';
import type { FinishMetrics, RequestMetrics } from './request-metrics.js';
import type { StreamDecoder, StreamDecoderSink } from './stream-decoder.js';
import { ThoughtCoalescer } from './thought-coalescer.js';
import { usageTimings } from './usage-timings.js';

/** A response whose status was checked, with the deadline still running for the body. */
export interface OpenedResponse {
  response: Response;
  deadline: RequestDeadline;
  url: string;
}

/** Options of {@link ResponseStream}. */
export interface ResponseStreamOptions {
  /** Sends the request (with retries) and returns the accepted response; throws a `SamusError` otherwise. */
  open: () => Promise<OpenedResponse>;
  /**
   * Looks at the accepted response before streaming: returns responses to hand out instead of reading a stream
   * (a server that ignored `stream: true`), or `undefined` to stream. May throw (wrong content type).
   */
  prepare?: (opened: OpenedResponse) => Promise<GenerateContentResponse[] | undefined> | undefined;
  createDecoder: (sink: StreamDecoderSink) => StreamDecoder;
  metrics: RequestMetrics;
  /** Maps a failure while reading (the deadline's timeout / abort, or a network error) to the error to throw. */
  mapReadError: (error: unknown, opened: OpenedResponse, afterOutput: boolean, partialText: string) => SamusError;
  /** Server statistics for the finish event, from the last raw message. */
  serverTimings?: (lastMessage: unknown) => ServerTimings | undefined;
  /**
   * The caller's abort signal (the one `open` passes to the request). Once it aborts, `next()` rejects with
   * `SAMUS_ERR_ABORTED` even when responses are already decoded and queued, and the connection is closed.
   */
  signal?: AbortSignal | undefined;
  /**
   * Most characters of output the stream may hand out (from the request's `maxOutputTokens` with a margin): a server
   * that keeps sending past it is cut off with `SAMUS_ERR_LIMIT_EXCEEDED`. `0` or absent: no cap.
   */
  maxOutputChars?: number;
  /** Most characters of partial output attached to an error (the last ones). Default 64 Ki. */
  maxPartialTextChars?: number;
  /** Removes configured secrets from every error the stream throws (the transport's redactor). */
  redact?: (error: SamusError) => SamusError;
  /**
   * Looks at a stream that ended properly and may turn it into an error (e.g. a server that reports a failure as an
   * answer with nothing in it); `undefined` keeps the normal end.
   */
  checkEnd?: (summary: StreamSummary) => SamusError | undefined;
  /** The model that answered when the last raw message names another one than requested (for the finish event). */
  answeredModel?: (lastMessage: unknown) => string | undefined;
}

/** What a stream that ended properly delivered, for {@link ResponseStreamOptions.checkEnd}. */
export interface StreamSummary {
  /** Raw events (chunks) the server sent, when the decoder counts them. */
  events: number | undefined;
  /** The server's finish reason. */
  finishReason: string | undefined;
  /** Characters of answer text, of reasoning, and the function calls handed out. */
  textLength: number;
  reasoningLength: number;
  toolCalls: number;
}

/**
 * The stream `generateContentStream` resolves to: {@link ResponseStream.open} sends the request (the promise
 * `generateContentStream` returns settles with it), then it reads the body with a reader (no stream chains), feeds
 * each read to a {@link StreamDecoder} and hands out its responses. Not opened before the first `next()`, it opens
 * then. Breaking out of `for await` (or `return()`) cancels the body, which closes the connection so the server
 * stops generating.
 *
 * When the decoder throws (malformed data, an error sent inside the stream), the responses it decoded before the
 * error are handed out first, then the error. After the caller's signal aborted, nothing more is handed out.
 */
export class ResponseStream extends QueuedAsyncGenerator<GenerateContentResponse> {
  readonly #options: ResponseStreamOptions;
  readonly #sink: StreamDecoderSink;
  #opened: OpenedResponse | undefined;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  #decoder: StreamDecoder | undefined;
  #gotBytes = false;
  #ended = false;
  #outputChars = 0;
  #toolCalls = 0;
  #reasoningChars = 0;
  readonly #thoughts = new ThoughtCoalescer((response) => this.enqueue(response));

  constructor(options: ResponseStreamOptions) {
    super(options.signal);
    this.#options = options;
    const metrics = options.metrics;
    this.#sink = {
      // Reasoning is handed out in whole segments (one thought part each), not one part per token.
      response: (response) => {
        for (const part of response.candidates?.[0]?.content?.parts ?? []) {
          if (part.functionCall) this.#toolCalls += 1;
          else if (part.thought === true && typeof part.text === 'string') this.#reasoningChars += part.text.length;
        }
        this.#thoughts.push(response);
      },
      output: (textLength) => {
        metrics.chunk(textLength);
        this.#outputChars += textLength;
        const max = options.maxOutputChars ?? 0;
        if (max > 0 && this.#outputChars > max) {
          const url = this.#opened?.url ?? '';
          throw new SamusError('SAMUS_ERR_LIMIT_EXCEEDED', `${url} kept sending after far more output than maxOutputTokens allows (${max} characters, limits.outputTokenMargin)`, {
            details: { url, limit: 'outputTokenMargin', limitChars: max },
          });
        }
      },
    };
  }

  /**
   * Sends the request now: resolves with this stream once the server accepted it (the status was checked, and
   * `prepare` ran), rejects with the request's `SamusError` otherwise (after releasing the response, if there was
   * one). `generateContentStream` returns this promise, so errors before the stream (connection, HTTP status,
   * retries exhausted, abort) reject it, as in `@google/genai`; errors while reading come from the iterator.
   * Call it at most once, before the first `next()`.
   */
  async open(): Promise<this> {
    try {
      await this.#open();
    } catch (error) {
      // Nobody will iterate a stream whose promise rejected: release the response body now.
      await this.close('error');
      throw error;
    }
    return this;
  }

  protected override abortError(reason: unknown): unknown {
    const opened = this.#opened;
    // Not opened yet: open() sends the request with the aborted signal and fails with the request's own error.
    if (opened === undefined) return undefined;
    const decoder = this.#decoder;
    const partialText = decoder?.partialText ?? '';
    const { deadline } = opened;
    const error =
      deadline.error?.code === 'SAMUS_ERR_ABORTED'
        ? this.#options.mapReadError(reason, opened, this.#options.metrics.hasFirstToken, partialText)
        : new SamusError('SAMUS_ERR_ABORTED', `The request to ${opened.url} was aborted by the caller`, {
            cause: reason,
            details: { url: opened.url, ...(partialText === '' ? {} : { partialText }) },
          });
    return this.#fail(error);
  }

  protected async pull(): Promise<boolean> {
    if (this.#ended) return this.queued > 0;
    if (this.#reader === undefined) {
      const ready = await this.#open();
      if (ready) return true;
    }
    const reader = this.#reader!;
    const decoder = this.#decoder!;
    const deadline = this.#opened!.deadline;
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        // The answer was complete ([DONE] or a finish reason): a connection that then breaks or stalls is no failure.
        if (!decoder.complete) throw this.#fail(this.#options.mapReadError(error, this.#opened!, this.#options.metrics.hasFirstToken, decoder.partialText));
        result = { done: true, value: undefined };
      }
      if (result.done) {
        this.#ended = true;
        try {
          decoder.end();
        } catch (error) {
          throw this.#fail(this.#afterOutput(error, decoder));
        }
        this.#thoughts.flush();
        if (!decoder.complete) throw this.#fail(this.#interrupted(decoder));
        const refused = this.#options.checkEnd?.({
          events: (decoder as { eventCount?: number }).eventCount,
          finishReason: decoder.finishReason,
          textLength: decoder.partialText.length,
          reasoningLength: this.#reasoningChars,
          toolCalls: this.#toolCalls,
        });
        if (refused) throw this.#fail(refused);
        this.#finish(decoder);
        return this.queued > 0;
      }
      // Progress is a complete line (an event, a keep-alive comment), not a byte: a body trickled without line breaks
      // runs into the idle limit.
      if (this.#gotBytes) {
        if (result.value.includes(10)) deadline.activity();
      } else {
        this.#gotBytes = true;
        deadline.firstByte();
      }
      try {
        decoder.push(result.value);
      } catch (error) {
        throw this.#fail(this.#afterOutput(error, decoder));
      }
      if (this.queued > 0) return true;
    }
  }

  protected async close(reason: 'end' | 'error' | 'return'): Promise<void> {
    this.#opened?.deadline.dispose();
    if (reason === 'return' && this.#decoder && !this.#ended) this.#finish(this.#decoder);
    if (reason !== 'end' && this.#reader) {
      try {
        await this.#reader.cancel();
      } catch {
        // The body may already be errored; the connection is closed either way.
      }
    } else if (reason !== 'end' && this.#opened && !this.#reader) {
      await this.#opened.response.body?.cancel().catch(() => undefined);
    }
  }

  async #open(): Promise<boolean> {
    const { open, prepare, createDecoder, metrics } = this.#options;
    let opened: OpenedResponse;
    try {
      opened = await open();
    } catch (error) {
      throw this.#fail(error);
    }
    this.#opened = opened;
    let ready: GenerateContentResponse[] | undefined;
    try {
      const prepared = prepare?.(opened);
      ready = prepared === undefined ? undefined : await prepared;
    } catch (error) {
      throw this.#fail(error);
    }
    if (ready) {
      this.#ended = true;
      for (const response of ready) {
        metrics.chunk(response.text?.length ?? 0);
        this.enqueue(response);
      }
      const last = ready.at(-1);
      metrics.finish({
        ...(last?.usageMetadata?.candidatesTokenCount === undefined ? {} : { outputTokens: last.usageMetadata.candidatesTokenCount }),
        ...(last?.candidates?.[0]?.finishReason ? { finishReason: last.candidates[0].finishReason } : {}),
      });
      opened.deadline.dispose();
      return true;
    }
    const body = opened.response.body;
    if (!body) {
      throw this.#fail(new SamusError('SAMUS_ERR_INVALID_RESPONSE', `${opened.url} answered without a body`, { details: { url: opened.url } }));
    }
    this.#reader = body.getReader();
    this.#decoder = createDecoder(this.#sink);
    return false;
  }

  #interrupted(decoder: StreamDecoder): SamusError {
    const url = this.#opened?.url ?? '';
    const partialText = decoder.partialText;
    if (this.#options.metrics.hasFirstToken) {
      return new SamusError('SAMUS_ERR_STREAM_INTERRUPTED', `The stream from ${url} ended before the answer was complete (no finish reason, no [DONE])`, {
        details: { url, partialText },
      });
    }
    return new SamusError('SAMUS_ERR_SERVER_ERROR', `${url} ended the stream before sending any output`, {
      hint: 'The server failed while answering (it may have run out of memory or crashed): check its log, then retry.',
      retryable: false,
      details: { url, partialText },
    });
  }

  #finish(decoder: StreamDecoder): void {
    const metrics = this.#options.metrics;
    if (!metrics.wantsFinish) {
      metrics.finish();
      return;
    }
    const usage = decoder.usage;
    const finish: FinishMetrics = {};
    if (usage?.candidatesTokenCount !== undefined) finish.outputTokens = usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0);
    if (decoder.finishReason !== undefined) finish.finishReason = decoder.finishReason;
    const answered = this.#options.answeredModel?.(decoder.lastMessage);
    if (answered !== undefined) finish.answeredModel = answered;
    const timings = this.#options.serverTimings?.(decoder.lastMessage);
    const server = timings ?? usageTimings(usage);
    if (server) finish.server = server;
    metrics.finish(finish);
  }

  /**
   * A failure the server reported inside the stream (an error object, a crash, out of memory) after output reached
   * the caller is an interrupted stream, whatever the wire format: `SAMUS_ERR_STREAM_INTERRUPTED` with the partial
   * text and the reported code in `details.reported`.
   */
  #afterOutput(error: unknown, decoder: StreamDecoder): unknown {
    if (!SamusError.is(error) || !this.#options.metrics.hasFirstToken) return error;
    if (error.code !== 'SAMUS_ERR_SERVER_ERROR' && error.code !== 'SAMUS_ERR_INSUFFICIENT_MEMORY') return error;
    return new SamusError('SAMUS_ERR_STREAM_INTERRUPTED', `${error.message} (after output had started)`, {
      hint: error.code === 'SAMUS_ERR_INSUFFICIENT_MEMORY' ? `${error.hint} The partial text is attached.` : undefined,
      cause: error,
      details: { ...error.details, reported: error.code, partialText: this.#partial(decoder.partialText) },
    });
  }

  #partial(text: string): string {
    const max = this.#options.maxPartialTextChars ?? 64 * 1024;
    return max > 0 && text.length > max ? text.slice(text.length - max) : text;
  }

  #fail(error: unknown): SamusError {
    // Reasoning decoded before the failure is handed out before the error, like the rest of the output.
    this.#thoughts.flush();
    let samusError = SamusError.is(error)
      ? error
      : new SamusError('SAMUS_ERR_INVALID_RESPONSE', `Could not read the response: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    const partial = samusError.details['partialText'];
    if (typeof partial === 'string' && partial.length > (this.#options.maxPartialTextChars ?? 64 * 1024)) {
      samusError = new SamusError(samusError.code, samusError.message, { hint: samusError.hint, retryable: samusError.retryable, status: samusError.status, cause: samusError.cause, details: { ...samusError.details, partialText: this.#partial(partial) } });
    }
    if (this.#options.redact) samusError = this.#options.redact(samusError);
    this.#options.metrics.error(samusError);
    return samusError;
  }
}
