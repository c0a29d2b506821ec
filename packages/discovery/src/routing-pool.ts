import {
  SamusError,
  type ContentGenerator,
  type CountTokensParameters,
  type CountTokensResponse,
  type EmbedContentParameters,
  type EmbedContentResponse,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type RequestModelMode,
} from '@samus/kernel';
import { nearestModelNames, QueuedAsyncGenerator, resolveRequestModel } from '@samus/provider-core';
import { type CatalogueModel } from './catalogue-model.js';
import { type HealthMonitor } from './health-monitor.js';
import { type ModelCatalogue } from './model-catalogue.js';
import { resolveRoutingStrategy, type RouteCandidate, type RoutingStrategy, type RoutingStrategyName } from './routing-strategy.js';

/** Creates (or returns a cached) provider generator for one model on one server. */
export type GeneratorFactory = (model: CatalogueModel) => Promise<ContentGenerator>;

/** Options of {@link RoutingPool}. */
export interface RoutingPoolOptions {
  catalogue: ModelCatalogue;
  health: HealthMonitor;
  createGenerator: GeneratorFactory;
  /** Strategy name or object (default `least-busy`). */
  strategy?: RoutingStrategyName | RoutingStrategy;
  /** Priority per server base URL for the `priority` strategy (higher first; default 0). */
  priorities?: Readonly<Record<string, number>>;
  /** Send requests to servers where the model is loaded before the others (default true). */
  preferLoaded?: boolean;
  /**
   * Model used when a request names none, or names a hosted model (`gemini-*`, `auto-*`, `models/*`: provider-core's
   * request-model policy, applied before routing).
   */
  defaultModel?: string;
  /** Model for utility roles (`utility_*`) whose request names no model or a hosted one. */
  utilityModel?: string | undefined;
  /** The request-model mode (default `auto`; see the kernel's `RequestModelMode`). */
  requestModel?: RequestModelMode | undefined;
  /** Called once when a model is in no server's catalogue (e.g. refresh the catalogue), then the lookup is retried. */
  onModelMissing?: (model: string) => Promise<void>;
  /** A TTFT measurement older than this no longer counts as recent, ms (default 30 000). */
  ttftMaxAgeMs?: number;
}

interface RouteState {
  inFlight: number;
  /** Median of the recent TTFT samples (a median, not a mean: one slow outlier must not send the herd elsewhere). */
  ttftMs: number | undefined;
  ttftAt: number;
  samples: number[];
  next: number;
  requests: number;
  /** Start times of the requests still waiting for their first token, oldest first (a Set keeps insertion order). */
  waiting: Set<number>;
}

/** TTFT samples per server and model the routing estimate is the median of. */
const TTFT_SAMPLES = 15;

/** Errors that say nothing about the server: the same request would fail anywhere. */
const CALLER_ERRORS = new Set<string>([
  'SAMUS_ERR_ABORTED',
  'SAMUS_ERR_INVALID_REQUEST',
  'SAMUS_ERR_CAPABILITY_MISSING',
  'SAMUS_ERR_CONTEXT_OVERFLOW',
  'SAMUS_ERR_INVALID_CONFIG',
]);

/** Errors that mean the server itself is in trouble (they feed its circuit breaker). */
const SERVER_FAULTS = new Set<string>([
  'SAMUS_ERR_SERVER_NOT_RUNNING',
  'SAMUS_ERR_TIMEOUT',
  'SAMUS_ERR_SERVER_ERROR',
  'SAMUS_ERR_INVALID_RESPONSE',
  'SAMUS_ERR_STREAM_INTERRUPTED',
]);

/** True when another server may succeed where this one failed. */
export function isFailoverError(error: unknown): boolean {
  return !SamusError.is(error) || !CALLER_ERRORS.has(error.code);
}

/** True when the error counts against the server's health. */
export function isServerFault(error: unknown): boolean {
  return !SamusError.is(error) || SERVER_FAULTS.has(error.code);
}

function textOf(chunk: GenerateContentResponse): string {
  let text = '';
  for (const part of chunk.candidates?.[0]?.content?.parts ?? []) if (part.text && !part.thought) text += part.text;
  return text;
}

function describe(error: unknown): string {
  return SamusError.is(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
}

/**
 * A `ContentGenerator` over many servers. Each request goes to a healthy server that has the model, servers
 * with the model already loaded first, ordered by the strategy (round-robin, least-busy, lowest recent TTFT,
 * priority). A request that fails before its first token moves on to the next server unseen by the caller;
 * a stream that breaks after its first token ends with `SAMUS_ERR_STREAM_INTERRUPTED` carrying the partial
 * text in `details.partialText`. With no healthy server the request fails with `SAMUS_ERR_NO_HEALTHY_SERVER`.
 */
export class RoutingPool implements ContentGenerator {
  readonly strategy: RoutingStrategy;
  readonly #options: RoutingPoolOptions;
  readonly #routes = new Map<string, RouteState>();
  #turn = 0;

  constructor(options: RoutingPoolOptions) {
    this.#options = options;
    this.strategy = resolveRoutingStrategy(options.strategy);
  }

  /** Requests routed per server base URL (and model), for dashboards and tests. */
  routeStats(): { url: string; model: string; requests: number; inFlight: number; ttftMs: number | undefined }[] {
    return [...this.#routes.entries()].map(([key, state]) => {
      const [url, model] = key.split('\u0000') as [string, string];
      return { url, model, requests: state.requests, inFlight: state.inFlight, ttftMs: state.ttftMs };
    });
  }

  /**
   * The servers a request for `model` would try, in order (healthy ones only). Throws `SAMUS_ERR_MODEL_NOT_FOUND`
   * when no server has the model and `SAMUS_ERR_NO_HEALTHY_SERVER` when none of those is healthy.
   */
  async plan(model: string | undefined): Promise<RouteCandidate[]> {
    const name = model || this.#options.defaultModel;
    if (!name) {
      throw new SamusError('SAMUS_ERR_INVALID_REQUEST', 'The request names no model and the pool has no default model', {
        hint: 'Set `model` in the request or pass `model` when creating the pool generator.',
      });
    }
    let entries = this.#options.catalogue.find(name);
    if (entries.length === 0 && this.#options.onModelMissing) {
      await this.#options.onModelMissing(name);
      entries = this.#options.catalogue.find(name);
    }
    if (entries.length === 0) {
      const all = this.#options.catalogue.models().map((m) => m.id);
      const near = nearestModelNames(name, [...new Set(all)], 5);
      throw new SamusError('SAMUS_ERR_MODEL_NOT_FOUND', `No known server has the model "${name}"`, {
        hint:
          all.length === 0
            ? 'No server with models was found: start Ollama or LM Studio, then check `samus discover`.'
            : `Use a model a server has${near.length ? ` (similar: ${near.join(', ')})` : ''}; list them with \`samus models\`, or pull it first.`,
        details: { model: name, suggestions: near },
      });
    }
    const health = this.#options.health;
    const available = entries.filter((entry) => health.isAvailable(entry.server));
    if (available.length === 0) {
      throw new SamusError('SAMUS_ERR_NO_HEALTHY_SERVER', `No healthy server has the model "${name}" (${entries.map((e) => `${e.server}: ${health.state(e.server)}`).join(', ')})`, {
        details: { model: name, servers: entries.map((e) => ({ url: e.server, state: health.state(e.server) })) },
      });
    }
    const turn = this.#turn++;
    const candidates = available.map((entry) => this.#candidate(entry));
    if (this.#options.preferLoaded === false) return this.strategy.order(candidates, turn);
    const loaded = candidates.filter((c) => c.model.loaded);
    if (loaded.length === 0 || loaded.length === candidates.length) return this.strategy.order(candidates, turn);
    return [...this.strategy.order(loaded, turn), ...this.strategy.order(candidates.filter((c) => !c.model.loaded), turn)];
  }

  /**
   * Resolves once a server has sent the first chunk (or ended an empty answer): every failure before that moves
   * on to the next server, so the promise rejects only when the request failed everywhere (or with a caller error
   * such as an abort or an invalid request). After the first chunk the stream is bound to that server.
   */
  async generateContentStream(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    const plan = await this.plan(this.#choose(request.model, role));
    const failures: { url: string; error: unknown }[] = [];
    for (const candidate of plan) {
      this.#throwIfAborted(request);
      if (failures.length > 0 && !this.#options.health.isAvailable(candidate.url)) continue;
      const { state, start } = this.#admit(candidate, true);
      let stream: AsyncGenerator<GenerateContentResponse> | undefined;
      try {
        const generator = await this.#options.createGenerator(candidate.model);
        stream = await generator.generateContentStream({ ...request, model: candidate.model.id }, userPromptId, role);
        const first = await stream.next();
        if (!first.done) {
          state.waiting.delete(start);
          this.#firstToken(candidate, state, performance.now() - start);
        }
        this.#options.health.reportSuccess(candidate.url);
        // The stream now owns the admission: it releases it when it ends, fails or is returned.
        return new PoolStream(stream, first, { url: candidate.url, model: candidate.model.id }, () => this.#release(state, start), (error) => {
          if (isServerFault(error)) this.#options.health.reportFailure(candidate.url, error);
        });
      } catch (error) {
        this.#release(state, start);
        await stream?.return(undefined).catch(() => undefined);
        if (!isFailoverError(error)) throw error;
        if (isServerFault(error)) this.#options.health.reportFailure(candidate.url, error);
        failures.push({ url: candidate.url, error });
      }
    }
    throw this.#exhausted(request.model, failures);
  }

  async generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    return this.#withFailover(this.#choose(request.model, role), request, (generator, model) => generator.generateContent({ ...request, model }, userPromptId, role), true);
  }

  async countTokens(request: CountTokensParameters): Promise<CountTokensResponse> {
    return this.#withFailover(this.#choose(request.model), request, (generator, model) => generator.countTokens({ ...request, model }), false);
  }

  async embedContent(request: EmbedContentParameters): Promise<EmbedContentResponse> {
    return this.#withFailover(this.#choose(request.model), request, (generator, model) => generator.embedContent({ ...request, model }), false);
  }

  async #withFailover<T>(
    model: string,
    request: { config?: { abortSignal?: AbortSignal } },
    call: (generator: ContentGenerator, model: string) => Promise<T>,
    measureTtft: boolean,
  ): Promise<T> {
    const plan = await this.plan(model);
    const failures: { url: string; error: unknown }[] = [];
    for (const candidate of plan) {
      this.#throwIfAborted(request);
      if (failures.length > 0 && !this.#options.health.isAvailable(candidate.url)) continue;
      const { state, start } = this.#admit(candidate, measureTtft);
      try {
        const generator = await this.#options.createGenerator(candidate.model);
        const result = await call(generator, candidate.model.id);
        if (measureTtft) this.#firstToken(candidate, state, performance.now() - start);
        this.#options.health.reportSuccess(candidate.url);
        return result;
      } catch (error) {
        if (!isFailoverError(error)) throw error;
        if (isServerFault(error)) this.#options.health.reportFailure(candidate.url, error);
        failures.push({ url: candidate.url, error });
      } finally {
        this.#release(state, start);
      }
    }
    throw this.#exhausted(model, failures);
  }

  /** The model to route a request for: the request-model policy over the pool's default and utility models. */
  #choose(model: string | undefined, role?: string): string {
    const defaultModel = this.#options.defaultModel;
    if (!defaultModel) return model ?? '';
    return resolveRequestModel(model, role, { model: defaultModel, utilityModel: this.#options.utilityModel, requestModel: this.#options.requestModel }).model;
  }

  /** Counts a request against a server+model; `waiting` marks it as waiting for its first token (TTFT routing). */
  #admit(candidate: RouteCandidate, waiting: boolean): { state: RouteState; start: number } {
    const state = this.#state(candidate.url, candidate.model.id);
    state.inFlight += 1;
    state.requests += 1;
    let start = performance.now();
    while (state.waiting.has(start)) start += 1e-6;
    if (waiting) state.waiting.add(start);
    return { state, start };
  }

  #release(state: RouteState, start: number): void {
    state.inFlight -= 1;
    state.waiting.delete(start);
  }

  #exhausted(model: string | undefined, failures: readonly { url: string; error: unknown }[]): SamusError {
    const name = model || this.#options.defaultModel || '';
    const last = failures[failures.length - 1]?.error;
    // One server, and its error is about the model rather than the server: the caller needs that error as is.
    if (failures.length === 1 && SamusError.is(last) && !isServerFault(last)) return last;
    return new SamusError(
      'SAMUS_ERR_NO_HEALTHY_SERVER',
      `Every server with the model "${name}" failed: ${failures.map((f) => `${f.url} (${describe(f.error)})`).join('; ') || 'none was healthy'}`,
      {
        cause: last,
        details: { model: name, failures: failures.map((f) => ({ url: f.url, code: SamusError.is(f.error) ? f.error.code : undefined, message: describe(f.error) })) },
      },
    );
  }

  #throwIfAborted(request: { config?: { abortSignal?: AbortSignal } }): void {
    if (request.config?.abortSignal?.aborted) {
      throw new SamusError('SAMUS_ERR_ABORTED', 'The request was aborted before a server answered', { cause: request.config.abortSignal.reason });
    }
  }

  #candidate(entry: CatalogueModel): RouteCandidate {
    const state = this.#routes.get(`${entry.server}\u0000${entry.id}`);
    const maxAge = this.#options.ttftMaxAgeMs ?? 30_000;
    const now = performance.now();
    let recent = state && state.ttftMs !== undefined && now - state.ttftAt <= maxAge ? state.ttftMs : undefined;
    // A request waiting longer than the recent median says the median is out of date: use the wait instead.
    const oldest = recent === undefined ? undefined : state?.waiting.values().next().value;
    if (recent !== undefined && oldest !== undefined && now - oldest > recent) recent = now - oldest;
    return {
      url: entry.server,
      model: entry,
      inFlight: state?.inFlight ?? 0,
      ttftMs: recent,
      ttftAgeMs: recent === undefined || !state ? undefined : now - state.ttftAt,
      priority: this.#options.priorities?.[entry.server] ?? 0,
    };
  }

  #state(url: string, model: string): RouteState {
    const key = `${url}\u0000${model}`;
    let state = this.#routes.get(key);
    if (!state) this.#routes.set(key, (state = { inFlight: 0, ttftMs: undefined, ttftAt: 0, samples: [], next: 0, requests: 0, waiting: new Set() }));
    return state;
  }

  /**
   * Records a first token. When the catalogue said the model was not loaded, this request most likely paid for the
   * load: the sample is left out (routing compares TTFT without load time) and the entry is marked loaded.
   */
  #firstToken(candidate: RouteCandidate, state: RouteState, ms: number): void {
    if (!candidate.model.loaded) {
      candidate.model.loaded = true;
      return;
    }
    this.#observeTtft(state, ms);
  }

  #observeTtft(state: RouteState, ms: number): void {
    const now = performance.now();
    // Samples older than the freshness limit describe another load situation: start over.
    if (now - state.ttftAt > (this.#options.ttftMaxAgeMs ?? 30_000)) {
      state.samples.length = 0;
      state.next = 0;
    }
    if (state.samples.length < TTFT_SAMPLES) state.samples.push(ms);
    else state.samples[state.next] = ms;
    state.next = (state.next + 1) % TTFT_SAMPLES;
    const sorted = [...state.samples].sort((a, b) => a - b);
    state.ttftMs = sorted[Math.floor((sorted.length - 1) / 2)];
    state.ttftAt = now;
  }
}

/**
 * The stream a {@link RoutingPool} hands out: the first chunk (already read while failing over) and then the rest
 * of one server's stream. An error after the first chunk is `SAMUS_ERR_STREAM_INTERRUPTED` with the partial text
 * (an abort stays `SAMUS_ERR_ABORTED`). Ending, failing or `return()` — even before the first `next()` — closes
 * the server's stream and releases the pool's admission once.
 */
class PoolStream extends QueuedAsyncGenerator<GenerateContentResponse> {
  readonly #inner: AsyncGenerator<GenerateContentResponse>;
  readonly #route: { url: string; model: string };
  readonly #release: () => void;
  readonly #fault: (error: unknown) => void;
  #chunks = 0;
  #partialText = '';
  #ended: boolean;

  constructor(
    inner: AsyncGenerator<GenerateContentResponse>,
    first: IteratorResult<GenerateContentResponse>,
    route: { url: string; model: string },
    release: () => void,
    fault: (error: unknown) => void,
  ) {
    super();
    this.#inner = inner;
    this.#route = route;
    this.#release = release;
    this.#fault = fault;
    this.#ended = first.done === true;
    if (first.done !== true) this.#take(first.value);
  }

  protected async pull(): Promise<boolean> {
    if (this.#ended) return false;
    let result: IteratorResult<GenerateContentResponse>;
    try {
      result = await this.#inner.next();
    } catch (error) {
      if (SamusError.is(error, 'SAMUS_ERR_ABORTED')) throw error;
      this.#fault(error);
      const { url, model } = this.#route;
      throw new SamusError('SAMUS_ERR_STREAM_INTERRUPTED', `The stream from ${url} (model "${model}") broke after ${this.#chunks} chunk(s): ${describe(error)}`, {
        cause: error,
        details: { server: url, model, partialText: this.#partialText, chunks: this.#chunks },
      });
    }
    if (result.done === true) return false;
    this.#take(result.value);
    return true;
  }

  protected async close(reason: 'end' | 'error' | 'return'): Promise<void> {
    this.#release();
    if (reason === 'return') await this.#inner.return(undefined).catch(() => undefined);
  }

  #take(chunk: GenerateContentResponse): void {
    this.#chunks += 1;
    this.#partialText += textOf(chunk);
    this.enqueue(chunk);
  }
}
