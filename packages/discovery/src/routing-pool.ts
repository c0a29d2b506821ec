import {
  DEFAULT_TIMEOUTS,
  SamusError,
  type ContentGenerator,
  type CountTokensParameters,
  type CountTokensResponse,
  type EmbedContentParameters,
  type EmbedContentResponse,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type RequestModelMode,
  type GenerateContentResponseUsageMetadata as UsageMetadata,
} from '@samus/kernel';
import { resolveRequestModel } from '@samus/provider-core';
import { nearestModelNames } from '@samus/provider-core/internal';
import { QueuedAsyncGenerator } from '@samus/provider-core/internal/conversion';
import type { CatalogueModel } from './catalogue-model.js';
import type { DiscoveryEvents, RouteReason } from './discovery-events.js';
import type { HealthMonitor } from './health-monitor.js';
import type { MetricsStore } from './metrics-store.js';
import type { ModelCatalogue } from './model-catalogue.js';
import { expectedCompletionMs, resolveRoutingStrategy, type RouteCandidate, type RoutingStrategy, type RoutingStrategyName } from './routing-strategy.js';
import { promptChars, sessionKeyOf } from './session-key.js';
import { percentile } from './sliding-window.js';

/** What {@link RoutingPool.routeStats} reports per server and model. */
export interface RouteStats {
  url: string;
  model: string;
  requests: number;
  inFlight: number;
  /** Median recent time to first token, ms. */
  ttftMs: number | undefined;
  /** Configured or learned parallel requests. */
  capacity: number | undefined;
  /** Measured prompt processing time per uncached token, ms. */
  prefillMsPerToken: number | undefined;
  /** Moving average of first token to end, ms. */
  generationMs: number | undefined;
  /** Follow-up turns kept here for their cached prefix, and turns that left because this server was busy. */
  affinityKept: number;
  affinityYielded: number;
}

/** Creates (or returns a cached) provider generator for one model on one server. */
export type GeneratorFactory = (model: CatalogueModel) => Promise<ContentGenerator>;

/** Options of {@link RoutingPool}. */
export interface RoutingPoolOptions {
  catalogue: ModelCatalogue;
  health: HealthMonitor;
  createGenerator: GeneratorFactory;
  /** Strategy name or object (default and `auto`: `capacity-aware`). */
  strategy?: RoutingStrategyName | 'auto' | RoutingStrategy;
  /**
   * Parallel requests per server base URL (Ollama's `OLLAMA_NUM_PARALLEL`, llama-server's `--parallel`, LM Studio's
   * parallel setting). Servers not listed get a capacity learned from how many streams they serve at once.
   */
  capacities?: Readonly<Record<string, number>>;
  /** Keep a conversation on the server that holds its cached prefix while that saves time (default true). */
  affinity?: boolean;
  /** Bus for `route:decision` events. */
  events?: DiscoveryEvents;
  /** Clock in ms (default `performance.now`), for tests. */
  now?: () => number;
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
  /**
   * How long a `generateContent` / `generateContentStream` attempt may wait for its first token (a whole answer for
   * `generateContent`) before the pool aborts it and moves on to the next server — only while another healthy
   * candidate is left; the last one always gets the generators' full `firstByteMs`. `0` turns it off. Default
   * (adaptive): a model not marked loaded on that server gets the full `firstByteMs` (it may be loading); otherwise
   * `max(10 s, 4 × p95 time to first token of that server and model, 4 × the expected prompt processing of this
   * prompt)` once 5 samples are known (the `metrics` store's, else the pool's own), and 60 s before that — never more
   * than `firstByteMs`.
   */
  failoverAfterMs?: number;
  /** The per-server generators' `timeouts.firstByteMs` (default 300 000; `0`: none), the bound of the failover deadline. */
  firstByteMs?: number;
  /** Measurements per server and model (discovery's `metrics`), for the adaptive failover deadline. */
  metrics?: MetricsStore;
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
  /** Streams past their first token and not ended. */
  generating: number;
  /** How often each level of `generating` was reached (index = level): the learned capacity is the highest seen twice. */
  levels: number[];
  learnedCapacity: number;
  /** Decayed sums of prompt-processing time (start of service to first token) and of uncached prompt tokens. */
  prefillMs: number;
  prefillTokens: number;
  generationMs: number | undefined;
  serviceMs: number | undefined;
  /** Requests the server is working on (the rest of `inFlight` waits in `queue`), as the pool reconstructs it. */
  serving: number;
  queue: Admission[];
  /** Decisions: follow-up turns kept on this server for their cache, and turns that left it because it was busy. */
  affinityKept: number;
  affinityYielded: number;
}

/** What the pool knows about the request being routed (its conversation and prompt size), for {@link RoutingPool.plan}. */
export interface RouteRequest {
  /** Conversation key for cache affinity (see `sessionKeyOf`), or undefined. */
  sessionKey: string | undefined;
  /** Characters of the prompt. */
  chars: number;
  /** Estimated prompt tokens. */
  promptTokens: number;
}

/** One admitted request, for what its completion teaches. */
interface Admission {
  state: RouteState;
  start: number;
  /**
   * When the server began working on it, as the pool reconstructs it: at once while fewer than its capacity are being
   * served, else when an earlier request ends (servers queue in arrival order). Undefined while queued.
   */
  servedAt?: number;
  firstAt?: number;
  cachedTokens: number;
  /** The catalogue said the model was loaded (otherwise this request may pay for the load: not a speed sample). */
  loaded: boolean;
}

/** Summary of how a request ended. */
interface Outcome {
  ok: boolean;
  /** A stream (false: a whole answer from `generateContent`). */
  streamed: boolean;
  usage: UsageMetadata | undefined;
  chunks: number;
}

/** Moving-average weight of a new sample, and the decay of the prefill sums. */
const EWMA = 0.2;
const PREFILL_DECAY = 0.9;
/** Conversations whose server the pool remembers (least recently used forgotten first). */
const MAX_SESSIONS = 4_096;

/** TTFT samples per server and model the routing estimate is the median of. */
const TTFT_SAMPLES = 15;

/** Adaptive failover deadline: floor, multiple of the measured p95, samples needed, and the figure before that. */
const FAILOVER_FLOOR_MS = 10_000;
const FAILOVER_P95_FACTOR = 4;
const FAILOVER_MIN_SAMPLES = 5;
const FAILOVER_UNMEASURED_MS = 60_000;

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

/** `request` with `signal` as its abort signal (the request itself when that is already its signal). */
function withSignal<R extends { config?: { abortSignal?: AbortSignal } }>(request: R, signal: AbortSignal | undefined): R {
  return signal === request.config?.abortSignal ? request : { ...request, config: { ...request.config, abortSignal: signal } };
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
  /** Session key → the server and model that served its last turn, and the tokens it left in that server's cache. */
  readonly #sessions = new Map<string, { url: string; model: string; tokens: number }>();
  readonly #now: () => number;
  /** Characters per prompt token, learned from the servers' usage reports. */
  #charsPerToken = 4;
  #charsMeasured = false;
  #turn = 0;

  constructor(options: RoutingPoolOptions) {
    this.#options = options;
    this.strategy = resolveRoutingStrategy(options.strategy);
    this.#now = options.now ?? (() => performance.now());
  }

  /** Per server base URL and model: requests routed, load, what the pool learned, and its affinity decisions. */
  routeStats(): RouteStats[] {
    return [...this.#routes.entries()].map(([key, state]) => {
      const [url, model] = key.split('\u0000') as [string, string];
      return {
        url,
        model,
        requests: state.requests,
        inFlight: state.inFlight,
        ttftMs: state.ttftMs,
        capacity: this.#capacity(url, state),
        prefillMsPerToken: state.prefillTokens > 0 ? state.prefillMs / state.prefillTokens : undefined,
        generationMs: state.generationMs,
        affinityKept: state.affinityKept,
        affinityYielded: state.affinityYielded,
      };
    });
  }

  /**
   * The servers a request for `model` would try, in order (healthy ones only); with `route`, the estimates include
   * that conversation's cache affinity and prompt size, and the decision is counted and emitted as `route:decision`.
   * Throws `SAMUS_ERR_MODEL_NOT_FOUND` when no server has the model and `SAMUS_ERR_NO_HEALTHY_SERVER` when none of
   * those is healthy.
   */
  async plan(model: string | undefined, route?: RouteRequest): Promise<RouteCandidate[]> {
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
    const candidates = available.map((entry) => this.#candidate(entry, route));
    let ordered: RouteCandidate[];
    const loaded = this.#options.preferLoaded === false ? candidates : candidates.filter((c) => c.model.loaded);
    if (loaded.length === 0 || loaded.length === candidates.length) ordered = this.strategy.order(candidates, turn);
    else ordered = [...this.strategy.order(loaded, turn), ...this.strategy.order(candidates.filter((c) => !c.model.loaded), turn)];
    if (route) this.#decided(name, route, ordered);
    return ordered;
  }

  /** Counts the affinity decision on the chosen server and emits `route:decision` when someone listens. */
  #decided(model: string, route: RouteRequest, ordered: readonly RouteCandidate[]): void {
    const first = ordered[0];
    if (!first) return;
    const session = route.sessionKey === undefined ? undefined : this.#sessions.get(route.sessionKey);
    const affinityUrl = session?.url;
    if (affinityUrl !== undefined && ordered.length > 1) {
      const kept = affinityUrl === first.url;
      const holder = ordered.find((c) => c.url === affinityUrl);
      if (kept) this.#state(first.url, first.model.id).affinityKept += 1;
      else if (holder) this.#state(holder.url, holder.model.id).affinityYielded += 1;
    }
    const events = this.#options.events;
    if (!events?.has('route:decision')) return;
    const expected = expectedCompletionMs(first);
    let reason: RouteReason;
    if (this.strategy.name !== 'capacity-aware') reason = 'strategy';
    else if (affinityUrl !== undefined && affinityUrl === first.url) reason = 'affinity';
    else if (expected === undefined) reason = 'explore';
    else if (affinityUrl !== undefined && ordered.some((c) => c.url === affinityUrl)) reason = 'load';
    else reason = 'fastest';
    events.emit('route:decision', {
      model,
      strategy: this.strategy.name,
      sessionKey: route.sessionKey,
      url: first.url,
      reason,
      affinityUrl,
      promptTokens: route.promptTokens,
      candidates: ordered.map((c) => ({ url: c.url, inFlight: c.inFlight, capacity: c.capacity, cachedTokens: c.cachedTokens ?? 0, expectedMs: expectedCompletionMs(c) })),
    });
  }

  /** The session key and prompt size of a request. */
  #route(request: GenerateContentParameters, userPromptId: string | undefined): RouteRequest {
    const chars = promptChars(request);
    return {
      sessionKey: this.#options.affinity === false ? undefined : sessionKeyOf(request, userPromptId),
      chars,
      promptTokens: Math.ceil(chars / this.#charsPerToken),
    };
  }

  /**
   * Resolves once a server has sent the first chunk (or ended an empty answer): every failure before that moves
   * on to the next server, so the promise rejects only when the request failed everywhere (or with a caller error
   * such as an abort or an invalid request). After the first chunk the stream is bound to that server.
   */
  async generateContentStream(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    const route = this.#route(request, userPromptId);
    const plan = await this.plan(this.#choose(request.model, role), route);
    const failures: { url: string; error: unknown }[] = [];
    for (const [index, candidate] of plan.entries()) {
      this.#throwIfAborted(request);
      if (failures.length > 0 && !this.#options.health.isAvailable(candidate.url)) continue;
      const failoverMs = this.#hasNext(plan, index) ? this.#failoverAfter(candidate, true) : undefined;
      const admission = this.#admit(candidate, true);
      const { state, start } = admission;
      try {
        const { stream, first } = await this.#attempt(
          request.config?.abortSignal,
          candidate,
          failoverMs,
          async (signal) => {
            const generator = await this.#options.createGenerator(candidate.model);
            const opened = await generator.generateContentStream({ ...withSignal(request, signal), model: candidate.model.id }, userPromptId, role);
            try {
              return { stream: opened, first: await opened.next() };
            } catch (error) {
              await opened.return(undefined).catch(() => undefined);
              throw error;
            }
          },
          // A stream that opened after the deadline gave up on it: close it.
          (late) => void late.stream.return(undefined).catch(() => undefined),
        );
        if (!first.done) {
          state.waiting.delete(start);
          this.#firstToken(candidate, admission);
        }
        this.#options.health.reportSuccess(candidate.url);
        // The stream now owns the admission: it releases it when it ends, fails or is returned.
        return new PoolStream(stream, first, { url: candidate.url, model: candidate.model.id }, (outcome) => this.#release(admission, candidate, route, outcome), (error) => {
          if (isServerFault(error)) this.#options.health.reportFailure(candidate.url, error);
        });
      } catch (error) {
        this.#release(admission, candidate, route, { ok: false, streamed: true, usage: undefined, chunks: 0 });
        if (!isFailoverError(error)) throw error;
        this.#failed(candidate, error, start, failoverMs, this.#hasNext(plan, index), failures);
      }
    }
    throw this.#exhausted(request.model, failures);
  }

  async generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    return this.#withFailover(
      this.#choose(request.model, role),
      request,
      (generator, model, signal) => generator.generateContent({ ...withSignal(request, signal), model }, userPromptId, role),
      true,
      this.#route(request, userPromptId),
    );
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
    call: (generator: ContentGenerator, model: string, signal: AbortSignal | undefined) => Promise<T>,
    measureTtft: boolean,
    route?: RouteRequest,
  ): Promise<T> {
    const plan = await this.plan(model, route);
    const failures: { url: string; error: unknown }[] = [];
    for (const [index, candidate] of plan.entries()) {
      this.#throwIfAborted(request);
      if (failures.length > 0 && !this.#options.health.isAvailable(candidate.url)) continue;
      // The failover deadline covers answers (generateContent); token counts and embeddings keep the generators' limits.
      const failoverMs = measureTtft && this.#hasNext(plan, index) ? this.#failoverAfter(candidate, false) : undefined;
      const admission = this.#admit(candidate, measureTtft);
      let outcome: Outcome = { ok: false, streamed: false, usage: undefined, chunks: 0 };
      try {
        const result = await this.#attempt(request.config?.abortSignal, candidate, failoverMs, async (signal) =>
          call(await this.#options.createGenerator(candidate.model), candidate.model.id, signal),
        );
        if (measureTtft) {
          this.#firstToken(candidate, admission, false);
          outcome = { ok: true, streamed: false, usage: (result as GenerateContentResponse).usageMetadata, chunks: 1 };
        }
        this.#options.health.reportSuccess(candidate.url);
        return result;
      } catch (error) {
        if (!isFailoverError(error)) throw error;
        this.#failed(candidate, error, admission.start, failoverMs, this.#hasNext(plan, index), failures);
      } finally {
        this.#release(admission, candidate, measureTtft ? route : undefined, outcome);
      }
    }
    throw this.#exhausted(model, failures);
  }

  /** True when a candidate after `index` is still available: only then may an attempt be cut short to fail over. */
  #hasNext(plan: readonly RouteCandidate[], index: number): boolean {
    const health = this.#options.health;
    return plan.slice(index + 1).some((candidate) => health.isAvailable(candidate.url));
  }

  /**
   * The failover deadline of an attempt on `candidate` (undefined: none). An explicit `failoverAfterMs` applies as is;
   * the adaptive default leaves a model that may be loading the whole `firstByteMs`, and otherwise allows several times
   * what this server and model measured (its p95 first-token time, a whole answer's for `generateContent`, and the
   * prompt processing this prompt is expected to need), at least 10 s, or 60 s while too little was measured.
   */
  #failoverAfter(candidate: RouteCandidate, streamed: boolean): number | undefined {
    const firstByteMs = this.#options.firstByteMs ?? DEFAULT_TIMEOUTS.firstByteMs;
    const limit = firstByteMs > 0 ? firstByteMs : Infinity;
    const option = this.#options.failoverAfterMs;
    let ms: number;
    if (option !== undefined) {
      if (!(option > 0)) return undefined;
      ms = option;
    } else {
      if (!candidate.model.loaded) return undefined;
      const measured = this.#measuredP95(candidate, streamed);
      const uncached = Math.max(0, (candidate.promptTokens ?? 0) - (candidate.cachedTokens ?? 0));
      const prefill = (candidate.prefillMsPerToken ?? 0) * uncached;
      ms = Math.max(FAILOVER_FLOOR_MS, measured === undefined ? FAILOVER_UNMEASURED_MS : FAILOVER_P95_FACTOR * measured, FAILOVER_P95_FACTOR * prefill);
    }
    return ms < limit ? ms : undefined;
  }

  /**
   * The p95 wait for the first token (streams) or the whole answer of this server and model, once enough samples are
   * known: from the metrics store (model-load time taken out), else from the pool's own recent samples.
   */
  #measuredP95(candidate: RouteCandidate, streamed: boolean): number | undefined {
    const metrics = this.#options.metrics?.get(candidate.url, candidate.model.id);
    const stats = metrics && (streamed ? metrics.ttftMs : metrics.durationMs);
    if (stats && stats.count >= FAILOVER_MIN_SAMPLES && stats.p95 !== undefined) return stats.p95;
    const state = this.#routes.get(`${candidate.url}\u0000${candidate.model.id}`);
    if (!state || state.samples.length < FAILOVER_MIN_SAMPLES) return undefined;
    const p95 = percentile([...state.samples].sort((a, b) => a - b), 0.95)!;
    // The pool's samples of streams are first-token times: a whole answer also needs its generation.
    return streamed ? p95 : p95 + (state.generationMs ?? 0);
  }

  /**
   * Runs one attempt with its own signal: the caller's, plus the failover deadline's when there is one. When the
   * deadline passes first, the attempt is aborted (its connection closes) and this rejects with `SAMUS_ERR_TIMEOUT`
   * at once, even if the generator is slow to notice; whatever the attempt still produces goes to `discard`.
   */
  async #attempt<T>(
    caller: AbortSignal | undefined,
    candidate: RouteCandidate,
    afterMs: number | undefined,
    work: (signal: AbortSignal | undefined) => Promise<T>,
    discard?: (late: T) => void,
  ): Promise<T> {
    if (afterMs === undefined) return work(caller);
    const controller = new AbortController();
    const signal = caller ? AbortSignal.any([caller, controller.signal]) : controller.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const { url, model } = candidate;
        const error = new SamusError('SAMUS_ERR_TIMEOUT', `${url} sent no first token for the model "${model.id}" within ${Math.round(afterMs)} ms (the pool's failover deadline)`, {
          hint: 'The pool moved the request to the next server. If this server is merely slow, raise the pool option `failoverAfterMs` (0 turns the deadline off).',
          details: { url, model: model.id, phase: 'failover', failoverAfterMs: afterMs },
        });
        reject(error);
        controller.abort(error);
      }, afterMs);
    });
    const running = work(signal);
    try {
      return await Promise.race([running, deadline]);
    } catch (error) {
      // The deadline's error, unless the caller aborted first (then the generator's own abort error).
      if (controller.signal.aborted && !caller?.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      if (controller.signal.aborted) running.then((late) => discard?.(late), () => undefined);
    }
  }

  /** Records a failed attempt: the breaker hears of server faults, the failure is kept, and `route:failover` is emitted. */
  #failed(candidate: RouteCandidate, error: unknown, start: number, failoverMs: number | undefined, next: boolean, failures: { url: string; error: unknown }[]): void {
    if (isServerFault(error)) this.#options.health.reportFailure(candidate.url, error);
    failures.push({ url: candidate.url, error });
    const events = this.#options.events;
    if (!next || !events?.has('route:failover')) return;
    const code = SamusError.is(error) ? error.code : undefined;
    events.emit('route:failover', {
      model: candidate.model.id,
      url: candidate.url,
      reason: SamusError.is(error, 'SAMUS_ERR_TIMEOUT') && error.details.phase === 'failover' ? 'deadline' : 'error',
      code,
      waitedMs: this.#now() - start,
      failoverAfterMs: failoverMs,
    });
  }

  /** The model to route a request for: the request-model policy over the pool's default and utility models. */
  #choose(model: string | undefined, role?: string): string {
    const defaultModel = this.#options.defaultModel;
    if (!defaultModel) return model ?? '';
    return resolveRequestModel(model, role, { model: defaultModel, utilityModel: this.#options.utilityModel, requestModel: this.#options.requestModel }).model;
  }

  /** Counts a request against a server+model; `waiting` marks it as waiting for its first token (TTFT routing). */
  #admit(candidate: RouteCandidate, waiting: boolean): Admission {
    const state = this.#state(candidate.url, candidate.model.id);
    state.inFlight += 1;
    state.requests += 1;
    let start = this.#now();
    while (state.waiting.has(start)) start += 1e-6;
    if (waiting) state.waiting.add(start);
    const admission: Admission = { state, start, cachedTokens: candidate.cachedTokens ?? 0, loaded: candidate.model.loaded };
    if (state.serving < (this.#capacity(candidate.url, state) ?? 1)) {
      state.serving += 1;
      admission.servedAt = start;
    } else state.queue.push(admission);
    return admission;
  }

  /** Ends the admission's turn on the server: the next queued requests start (as many as the capacity allows). */
  #leave(admission: Admission, url: string): void {
    const state = admission.state;
    if (admission.servedAt === undefined) {
      const index = state.queue.indexOf(admission);
      if (index >= 0) state.queue.splice(index, 1);
    } else state.serving = Math.max(0, state.serving - 1);
    const capacity = this.#capacity(url, state) ?? 1;
    const now = this.#now();
    while (state.serving < capacity && state.queue.length > 0) {
      state.queue.shift()!.servedAt = now;
      state.serving += 1;
    }
  }

  /**
   * Releases an admission and learns from how the request went: generation time, prompt-processing speed (first token
   * minus the reconstructed start of service, over the uncached tokens the server reported or the pool estimated), the
   * average service time, the prompt-token size of characters, and where the conversation's prefix is now cached.
   */
  #release(admission: Admission, candidate: RouteCandidate, route: RouteRequest | undefined, outcome: Outcome): void {
    const { state, start, firstAt, servedAt } = admission;
    state.inFlight -= 1;
    state.waiting.delete(start);
    this.#leave(admission, candidate.url);
    if (firstAt !== undefined && outcome.streamed) state.generating = Math.max(0, state.generating - 1);
    if (!outcome.ok || firstAt === undefined || !route) return;
    const now = this.#now();
    const usage = outcome.usage;
    const promptTokens = usage?.promptTokenCount;
    // Characters per token, from answers whose prompt count is the whole prompt: either the server says what was cached
    // (OpenAI-compatible `cached_tokens`), or the pool expected nothing cached (Ollama counts only evaluated tokens).
    const wholePrompt = usage?.cachedContentTokenCount !== undefined || admission.cachedTokens === 0;
    if (promptTokens !== undefined && promptTokens > 0 && route.chars > 0 && wholePrompt) {
      const ratio = route.chars / promptTokens;
      this.#charsPerToken = this.#charsMeasured ? this.#charsPerToken + EWMA * (ratio - this.#charsPerToken) : ratio;
      this.#charsMeasured = true;
    }
    const uncached = Math.max(1, promptTokens !== undefined ? promptTokens - (usage?.cachedContentTokenCount ?? 0) : route.promptTokens - admission.cachedTokens);
    if (!outcome.streamed) {
      // A whole answer: its duration is prompt processing plus generation. Without a stream to tell them apart, the
      // generation time measured on streams (if any) is taken out and the rest counts as prompt processing.
      const durationMs = now - (servedAt ?? start);
      if (servedAt !== undefined && admission.loaded) {
        state.prefillMs = state.prefillMs * PREFILL_DECAY + Math.max(0, durationMs - (state.generationMs ?? 0));
        state.prefillTokens = state.prefillTokens * PREFILL_DECAY + uncached;
        state.serviceMs = state.serviceMs === undefined ? durationMs : state.serviceMs + EWMA * (durationMs - state.serviceMs);
      }
    } else {
      const generationMs = now - firstAt;
      state.generationMs = state.generationMs === undefined ? generationMs : state.generationMs + EWMA * (generationMs - state.generationMs);
      if (servedAt !== undefined && admission.loaded) {
        state.prefillMs = state.prefillMs * PREFILL_DECAY + Math.max(0, firstAt - servedAt);
        state.prefillTokens = state.prefillTokens * PREFILL_DECAY + uncached;
      }
      const rate = state.prefillTokens > 0 ? state.prefillMs / state.prefillTokens : 0;
      const service = uncached * rate + generationMs;
      state.serviceMs = state.serviceMs === undefined ? service : state.serviceMs + EWMA * (service - state.serviceMs);
    }
    if (route.sessionKey !== undefined) {
      const tokens = (promptTokens ?? route.promptTokens) + (usage?.candidatesTokenCount ?? outcome.chunks);
      this.#sessions.delete(route.sessionKey);
      this.#sessions.set(route.sessionKey, { url: candidate.url, model: candidate.model.id, tokens });
      if (this.#sessions.size > MAX_SESSIONS) this.#sessions.delete(this.#sessions.keys().next().value!);
    }
  }

  /** Configured capacity, else the learned one (undefined until a stream was seen). */
  #capacity(url: string, state: RouteState | undefined): number | undefined {
    const configured = this.#options.capacities?.[url];
    if (configured !== undefined && configured > 0) return configured;
    return state && state.learnedCapacity > 0 ? state.learnedCapacity : undefined;
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

  #candidate(entry: CatalogueModel, route: RouteRequest | undefined): RouteCandidate {
    const state = this.#routes.get(`${entry.server}\u0000${entry.id}`);
    const maxAge = this.#options.ttftMaxAgeMs ?? 30_000;
    const now = this.#now();
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
      capacity: this.#capacity(entry.server, state),
      capacitySource: this.#options.capacities?.[entry.server] ? 'configured' : state && state.learnedCapacity > 0 ? 'learned' : undefined,
      prefillMsPerToken: state && state.prefillTokens > 0 ? state.prefillMs / state.prefillTokens : undefined,
      generationMs: state?.generationMs,
      serviceMs: state?.serviceMs,
      promptTokens: route?.promptTokens,
      cachedTokens: this.#cachedTokens(entry, route),
    };
  }

  /** Tokens of this request's prompt the server holds from the conversation's last turn (0 when it served it elsewhere). */
  #cachedTokens(entry: CatalogueModel, route: RouteRequest | undefined): number {
    if (route?.sessionKey === undefined) return 0;
    const session = this.#sessions.get(route.sessionKey);
    if (!session || session.url !== entry.server || session.model !== entry.id) return 0;
    return Math.min(route.promptTokens, session.tokens);
  }

  #state(url: string, model: string): RouteState {
    const key = `${url}\u0000${model}`;
    let state = this.#routes.get(key);
    if (!state) {
      state = {
        inFlight: 0,
        ttftMs: undefined,
        ttftAt: 0,
        samples: [],
        next: 0,
        requests: 0,
        waiting: new Set(),
        generating: 0,
        levels: [],
        learnedCapacity: 0,
        prefillMs: 0,
        prefillTokens: 0,
        generationMs: undefined,
        serviceMs: undefined,
        serving: 0,
        queue: [],
        affinityKept: 0,
        affinityYielded: 0,
      };
      this.#routes.set(key, state);
    }
    return state;
  }

  /**
   * Records a first token. When the catalogue said the model was not loaded, this request most likely paid for the
   * load: the sample is left out (routing compares TTFT without load time) and the entry is marked loaded.
   */
  #firstToken(candidate: RouteCandidate, admission: Admission, streaming = true): void {
    const { state, start } = admission;
    const now = this.#now();
    admission.firstAt = now;
    if (streaming) {
      // Streams generating at once on a server never exceed its slots: the highest level reached twice is its capacity.
      state.generating += 1;
      const level = state.generating;
      state.levels[level] = (state.levels[level] ?? 0) + 1;
      if (level > state.learnedCapacity && (level === 1 || state.levels[level]! >= 2)) state.learnedCapacity = level;
    }
    if (!candidate.model.loaded) {
      candidate.model.loaded = true;
      return;
    }
    this.#observeTtft(state, now - start);
  }

  #observeTtft(state: RouteState, ms: number): void {
    const now = this.#now();
    // Samples older than the freshness limit describe another load situation: start over.
    if (now - state.ttftAt > (this.#options.ttftMaxAgeMs ?? 30_000)) {
      state.samples.length = 0;
      state.next = 0;
    }
    if (state.samples.length < TTFT_SAMPLES) state.samples.push(ms);
    else state.samples[state.next] = ms;
    state.next = (state.next + 1) % TTFT_SAMPLES;
    state.ttftMs = percentile([...state.samples].sort((a, b) => a - b), 0.5);
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
  readonly #release: (outcome: Outcome) => void;
  readonly #fault: (error: unknown) => void;
  #chunks = 0;
  #partialText = '';
  #usage: UsageMetadata | undefined;
  #ended: boolean;

  constructor(
    inner: AsyncGenerator<GenerateContentResponse>,
    first: IteratorResult<GenerateContentResponse>,
    route: { url: string; model: string },
    release: (outcome: Outcome) => void,
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
    this.#release({ ok: reason === 'end', streamed: true, usage: this.#usage, chunks: this.#chunks });
    if (reason === 'return') await this.#inner.return(undefined).catch(() => undefined);
  }

  #take(chunk: GenerateContentResponse): void {
    this.#chunks += 1;
    if (chunk.usageMetadata) this.#usage = chunk.usageMetadata;
    this.#partialText += textOf(chunk);
    this.enqueue(chunk);
  }
}
