import type { RequestEventBase, SamusError, SamusEvents, ServerTimings } from '@samus/kernel';

let requestCounter = 0;
const processTag = Math.random().toString(36).slice(2, 8);

/** A request id unique in this process (`<random>-<n>`), cheap to make. */
export function createRequestId(): string {
  requestCounter += 1;
  return `${processTag}-${requestCounter}`;
}

/** What {@link RequestMetrics.finish} needs. */
export interface FinishMetrics {
  /** Output tokens as counted by the server; absent → the number of streamed text deltas is used for tokens/s. */
  outputTokens?: number;
  finishReason?: string;
  server?: ServerTimings;
  /** The model the server says answered, when it differs from the requested one. */
  answeredModel?: string;
}

/**
 * Emits the kernel's events for one request: `request:start` (per attempt), `request:retry`,
 * `response:first-token` (time to first token), `response:chunk` (only built when someone listens),
 * `response:finish` (duration, TTFT, tokens/s, usage, server timings) and `request:error`. Without an event bus
 * every method is a no-op. Times come from `performance.now()`; the clock starts at construction.
 */
export class RequestMetrics {
  readonly base: RequestEventBase;
  readonly #events: SamusEvents | undefined;
  readonly #startedAt = performance.now();
  #firstTokenAt = 0;
  #lastChunkAt = 0;
  #chunks = 0;
  #done = false;

  constructor(events: SamusEvents | undefined, base: Omit<RequestEventBase, 'requestId'> & { requestId?: string }) {
    this.#events = events;
    this.base = {
      requestId: base.requestId ?? createRequestId(),
      provider: base.provider,
      model: base.model,
      ...(base.requestedModel === undefined ? {} : { requestedModel: base.requestedModel }),
      ...(base.modelSource === undefined ? {} : { modelSource: base.modelSource }),
      ...(base.role === undefined ? {} : { role: base.role }),
      baseUrl: base.baseUrl,
    };
  }

  /** When the operation started (`performance.now()`). */
  get startedAt(): number {
    return this.#startedAt;
  }

  /** True once the first token was reported. */
  get hasFirstToken(): boolean {
    return this.#firstTokenAt !== 0;
  }

  /** Number of output chunks reported so far. */
  get chunkCount(): number {
    return this.#chunks;
  }

  /** True when someone listens to `response:finish` (so building its details is worth it). */
  get wantsFinish(): boolean {
    return this.#events !== undefined && this.#events.has('response:finish');
  }

  start(stream: boolean, attempt: number): void {
    const events = this.#events;
    if (events !== undefined && events.has('request:start')) events.emit('request:start', { ...this.base, stream, attempt });
  }

  retry(attempt: number, delayMs: number, error: SamusError): void {
    this.#events?.emit('request:retry', { ...this.base, attempt, delayMs, error });
  }

  /** Reports one output chunk (text, thought or function call) of `textLength` characters. */
  chunk(textLength: number): void {
    this.#chunks += 1;
    const events = this.#events;
    if (this.#firstTokenAt === 0) {
      const now = performance.now();
      this.#firstTokenAt = now;
      this.#lastChunkAt = now;
      if (events !== undefined && events.has('response:first-token')) events.emit('response:first-token', { ...this.base, ttftMs: now - this.#startedAt });
    }
    // The clock is read per chunk only when someone listens to chunks.
    if (events !== undefined && events.has('response:chunk')) {
      const now = performance.now();
      events.emit('response:chunk', { ...this.base, gapMs: now - this.#lastChunkAt, textLength });
      this.#lastChunkAt = now;
    }
  }

  finish(metrics: FinishMetrics = {}): void {
    if (this.#done) return;
    this.#done = true;
    const events = this.#events;
    if (events === undefined || !events.has('response:finish')) return;
    const now = performance.now();
    const ttftMs = this.#firstTokenAt === 0 ? undefined : this.#firstTokenAt - this.#startedAt;
    const tokens = metrics.outputTokens ?? (this.#chunks > 0 ? this.#chunks : undefined);
    const generationMs = this.#firstTokenAt === 0 ? 0 : now - this.#firstTokenAt;
    const tokensPerSecond = tokens !== undefined && generationMs > 0 && tokens > 1 ? ((tokens - 1) * 1000) / generationMs : undefined;
    events.emit('response:finish', {
      ...this.base,
      durationMs: now - this.#startedAt,
      ...(ttftMs === undefined ? {} : { ttftMs }),
      ...(metrics.outputTokens === undefined ? {} : { outputTokens: metrics.outputTokens }),
      ...(tokensPerSecond === undefined ? {} : { tokensPerSecond }),
      ...(metrics.finishReason === undefined ? {} : { finishReason: metrics.finishReason }),
      ...(metrics.server === undefined ? {} : { server: metrics.server }),
      ...(metrics.answeredModel === undefined ? {} : { answeredModel: metrics.answeredModel }),
    });
  }

  error(error: SamusError): void {
    if (this.#done) return;
    this.#done = true;
    this.#events?.emit('request:error', { ...this.base, error, afterFirstToken: this.#firstTokenAt !== 0 });
  }
}
