import { normalizeBaseUrl, type SamusEvents } from '@samus/kernel';
import { SlidingWindow, type WindowStats } from './sliding-window.js';

/** Options of {@link MetricsStore}. */
export interface MetricsStoreOptions {
  /** Samples kept per series (default 200). */
  windowSize?: number;
  /** Samples older than this are dropped, ms (default 300 000). */
  windowMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/** Metrics of one model on one server over the sliding window. */
export interface ModelMetrics {
  server: string;
  model: string;
  /** Requests finished or failed in the window. */
  requests: number;
  errors: number;
  /** errors / requests in the window (0 when there were none). */
  errorRate: number;
  /** Requests started and not finished. */
  inFlight: number;
  /** Time to first token with the server-reported model-load time taken out. */
  ttftMs: WindowStats;
  /** Model-load time reported by the server (cold starts only). */
  loadMs: WindowStats;
  /** Requests that had to load the model first. */
  coldStarts: number;
  /** Client-side output tokens per second (first token to end). */
  tokensPerSecond: WindowStats;
  /** Server-reported generation speed, where the server reports it. */
  serverTokensPerSecond: WindowStats;
  /** Gaps between stream chunks. */
  interChunkGapMs: WindowStats;
  /** Whole request durations. */
  durationMs: WindowStats;
  /** Totals since the store was created. */
  totalRequests: number;
  totalErrors: number;
}

/** A point-in-time copy of all series. */
export interface MetricsSnapshot {
  at: number;
  models: ModelMetrics[];
}

interface Series {
  server: string;
  model: string;
  outcomes: SlidingWindow;
  ttft: SlidingWindow;
  load: SlidingWindow;
  tps: SlidingWindow;
  serverTps: SlidingWindow;
  gaps: SlidingWindow;
  duration: SlidingWindow;
  inFlight: number;
  coldStarts: number;
  totalRequests: number;
  totalErrors: number;
}

interface Pending {
  key: string;
  ttftMs?: number;
}

const MAX_PENDING = 10_000;

const serverKeys = new Map<string, string>();

/** The normalised base URL (memoised: events arrive per chunk, URL parsing each time would cost more than the rest). */
function serverKey(baseUrl: string): string {
  let key = serverKeys.get(baseUrl);
  if (key === undefined) {
    try {
      key = normalizeBaseUrl(baseUrl);
    } catch {
      key = baseUrl;
    }
    if (serverKeys.size > 1_000) serverKeys.clear();
    serverKeys.set(baseUrl, key);
  }
  return key;
}

/**
 * Aggregates the kernel's request events (`request:start`, `response:first-token`, `response:chunk`,
 * `response:finish`, `request:error`) per server and model into sliding windows: TTFT kept apart from
 * model-load time, tokens/s, inter-chunk gaps, error rate, p50/p95. {@link MetricsStore.snapshot} returns a copy.
 */
export class MetricsStore {
  readonly #series = new Map<string, Series>();
  readonly #pending = new Map<string, Pending>();
  readonly #windowSize: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(options: MetricsStoreOptions = {}) {
    this.#windowSize = options.windowSize ?? 200;
    this.#windowMs = options.windowMs ?? 300_000;
    this.#now = options.now ?? Date.now;
  }

  /** Subscribes to a kernel bus; returns a function that unsubscribes. */
  attach(events: SamusEvents): () => void {
    const offs = [
      events.on('request:start', (e) => {
        const key = this.#key(e.baseUrl, e.model);
        if (this.#pending.has(e.requestId)) return; // a retry of the same request
        if (this.#pending.size >= MAX_PENDING) this.#pending.delete(this.#pending.keys().next().value!);
        this.#pending.set(e.requestId, { key });
        this.#seriesFor(key, e.baseUrl, e.model).inFlight += 1;
      }),
      events.on('response:first-token', (e) => {
        const pending = this.#pending.get(e.requestId);
        if (pending) pending.ttftMs = e.ttftMs;
      }),
      events.on('response:chunk', (e) => {
        this.#seriesFor(this.#key(e.baseUrl, e.model), e.baseUrl, e.model).gaps.add(e.gapMs);
      }),
      events.on('response:finish', (e) => {
        const key = this.#key(e.baseUrl, e.model);
        const series = this.#seriesFor(key, e.baseUrl, e.model);
        const pending = this.#settle(e.requestId, series);
        const loadMs = e.server?.loadMs;
        const ttft = e.ttftMs ?? pending?.ttftMs;
        if (ttft !== undefined) series.ttft.add(Math.max(0, ttft - (loadMs ?? 0)));
        if (loadMs !== undefined && loadMs > 0) {
          series.load.add(loadMs);
          series.coldStarts += 1;
        }
        if (e.tokensPerSecond !== undefined) series.tps.add(e.tokensPerSecond);
        if (e.server?.tokensPerSecond !== undefined) series.serverTps.add(e.server.tokensPerSecond);
        series.duration.add(e.durationMs);
        series.outcomes.add(0);
        series.totalRequests += 1;
      }),
      events.on('request:error', (e) => {
        const key = this.#key(e.baseUrl, e.model);
        const series = this.#seriesFor(key, e.baseUrl, e.model);
        this.#settle(e.requestId, series);
        series.outcomes.add(1);
        series.totalRequests += 1;
        series.totalErrors += 1;
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  /** Metrics of one model on one server, if any request was seen. */
  get(server: string, model: string): ModelMetrics | undefined {
    const series = this.#series.get(this.#key(server, model));
    return series ? this.#summarise(series) : undefined;
  }

  snapshot(): MetricsSnapshot {
    return { at: this.#now(), models: [...this.#series.values()].map((s) => this.#summarise(s)) };
  }

  /** Forgets everything. */
  clear(): void {
    this.#series.clear();
    this.#pending.clear();
  }

  #settle(requestId: string, series: Series): Pending | undefined {
    const pending = this.#pending.get(requestId);
    if (pending) {
      this.#pending.delete(requestId);
      const owner = this.#series.get(pending.key) ?? series;
      owner.inFlight = Math.max(0, owner.inFlight - 1);
    }
    return pending;
  }

  #key(baseUrl: string, model: string): string {
    return `${serverKey(baseUrl)}\u0000${model}`;
  }

  #seriesFor(key: string, baseUrl: string, model: string): Series {
    let series = this.#series.get(key);
    if (!series) {
      const window = (): SlidingWindow => new SlidingWindow(this.#windowSize, this.#windowMs, this.#now);
      series = {
        server: serverKey(baseUrl),
        model,
        outcomes: window(),
        ttft: window(),
        load: window(),
        tps: window(),
        serverTps: window(),
        gaps: new SlidingWindow(this.#windowSize * 10, this.#windowMs, this.#now),
        duration: window(),
        inFlight: 0,
        coldStarts: 0,
        totalRequests: 0,
        totalErrors: 0,
      };
      this.#series.set(key, series);
    }
    return series;
  }

  #summarise(series: Series): ModelMetrics {
    const outcomes = series.outcomes.values();
    const errors = outcomes.reduce((a, b) => a + b, 0);
    return {
      server: series.server,
      model: series.model,
      requests: outcomes.length,
      errors,
      errorRate: outcomes.length === 0 ? 0 : errors / outcomes.length,
      inFlight: series.inFlight,
      ttftMs: series.ttft.stats(),
      loadMs: series.load.stats(),
      coldStarts: series.coldStarts,
      tokensPerSecond: series.tps.stats(),
      serverTokensPerSecond: series.serverTps.stats(),
      interChunkGapMs: series.gaps.stats(),
      durationMs: series.duration.stats(),
      totalRequests: series.totalRequests,
      totalErrors: series.totalErrors,
    };
  }
}
