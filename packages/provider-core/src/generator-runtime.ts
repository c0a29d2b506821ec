import { SamusError, type ContentGeneratorConfig, type GenerateContentResponse, type SamusEvents, type ServerTimings, type TimeoutConfig } from '@samus/kernel';
import type { GeneratorHooks } from './generator-hooks.js';
import { HttpTransport, type TransportLimits } from './http-transport.js';
import { RequestMetrics } from './request-metrics.js';
import { explainHostedModelName, resolveRequestModel, type RequestModelChoice } from './request-model-policy.js';
import type { OpenedResponse } from './response-stream.js';
import type * as ResponseStreamModule from './response-stream.js';
import type { RetryPolicyOptions } from './retry-policy.js';
import { OPENAI_COMPATIBLE_PROFILE, type ServerProfile } from './server-profile.js';
import type { StreamDecoder, StreamDecoderSink } from './stream-decoder.js';

let responseStream: Promise<typeof ResponseStreamModule> | undefined;
/** The stream reader (with the queue and thought coalescing it brings), loaded once, on the first stream, not at import. */
function loadResponseStream(): Promise<typeof ResponseStreamModule> {
  return (responseStream ??= import('./response-stream.js'));
}

/** Options of {@link GeneratorRuntime} (and of the OpenAI-compatible generator, which creates one). */
export interface GeneratorRuntimeOptions {
  /** The resolved configuration (`createContentGeneratorConfig`); `baseUrl` is required, without the API path. */
  config: ContentGeneratorConfig;
  /** Provider id used in events and error details. Default `openai`. */
  providerId?: string;
  /** Event bus for request metrics (the kernel's `events`). Without one no events are emitted. */
  events?: SamusEvents;
  /** Path of the OpenAI-compatible API under the base URL. Default `/v1`. */
  apiPath?: string;
  /**
   * A `fetch` implementation (default: the global one). With a custom `fetch` the connect phase cannot be
   * observed, so `connectMs` is folded into `firstByteMs`.
   */
  fetch?: typeof fetch;
  /** Backoff settings; `maxRetries` defaults to `config.maxRetries`. */
  retry?: RetryPolicyOptions;
  /** The variables that name the model (the plugin's config spec `modelEnv`, e.g. `OPENAI_MODEL`), for fix hints. */
  modelEnv?: readonly string[];
  /** What kind of server it is, for messages and error classification. Default: a generic OpenAI-compatible server. */
  profile?: ServerProfile;
  /** Memory limits (see {@link TransportLimits}); default `DEFAULT_LIMITS`. */
  limits?: Partial<TransportLimits>;
  /** How the provider's server differs (see {@link GeneratorHooks}); the runtime applies `send`, `explainError`, `serverTimings`. */
  hooks?: GeneratorHooks;
}

/** One HTTP request made through {@link GeneratorRuntime.send}. */
export interface SendRequest {
  /** Path under the API base (`/chat/completions`), or under the server root when `root` is true (`/api/chat`). */
  path: string;
  /** `root: true` resolves `path` against the server address instead of the API base URL. */
  root?: boolean;
  method?: 'GET' | 'POST' | 'DELETE';
  /** JSON body. */
  body?: unknown;
  /** Caller's abort signal. */
  signal?: AbortSignal | undefined;
  /** Streaming request (for `request:start`). */
  stream?: boolean;
  /**
   * Per-request timeouts, merged over `config.timeouts` for this request only (e.g. a longer `firstByteMs` while a
   * model is expected to load). They apply to every attempt of the request, retries included: a retried attempt
   * may meet the same slow load. `totalMs` still spans the whole request, retries included.
   */
  timeouts?: Partial<TimeoutConfig> | undefined;
  /** Metrics of the operation (retries and starts are reported on it). */
  metrics: RequestMetrics;
}

/** What {@link GeneratorRuntime.streamResponses} needs to stream one endpoint. */
export interface StreamRequest {
  request: { config?: { abortSignal?: AbortSignal; maxOutputTokens?: number } };
  metrics: RequestMetrics;
  /** Path under the API base, or under the server root with `root: true`. */
  path: string;
  root?: boolean;
  /** Builds the body (called once the stream is opened; what it throws is explained like a failed request). */
  body: () => Promise<unknown> | unknown;
  createDecoder: (sink: StreamDecoderSink, body: unknown) => StreamDecoder;
  prepare?: (opened: OpenedResponse) => Promise<GenerateContentResponse[] | undefined> | undefined;
}

/**
 * What every generator of a server shares, composed rather than inherited: the configuration, the one
 * {@link HttpTransport}, the request-model policy, metrics, sending (with the provider's `send` hook around it),
 * streaming with any {@link StreamDecoder}, reading JSON answers, and explaining errors. The OpenAI-compatible
 * generator is built on one; a provider with a native endpoint (Ollama's `/api/chat`) uses the same one for it, so
 * both paths share the transport, limits and error rules.
 */
export class GeneratorRuntime {
  /** The configuration the runtime was created with. */
  readonly config: ContentGeneratorConfig;
  /** Provider id in events and errors. */
  readonly providerId: string;
  /** Server address without the API path, e.g. `http://127.0.0.1:1234`. */
  readonly baseUrl: string;
  /** The OpenAI-compatible API base, e.g. `http://127.0.0.1:1234/v1`. */
  readonly apiBaseUrl: string;
  /** The one HTTP transport every request goes through. */
  readonly transport: HttpTransport;
  /** The hooks of the provider. */
  readonly hooks: Readonly<GeneratorHooks>;
  readonly #events: SamusEvents | undefined;
  readonly #modelEnv: readonly string[];
  readonly #apiPath: string;

  constructor(options: GeneratorRuntimeOptions) {
    const { config } = options;
    if (!config.baseUrl) {
      throw new SamusError('SAMUS_ERR_INVALID_CONFIG', `The ${options.providerId ?? 'openai'} provider needs a base URL`, {
        hint: 'Pass options.baseUrl (e.g. http://127.0.0.1:8080) or set OPENAI_BASE_URL.',
        details: { field: 'baseUrl' },
      });
    }
    this.config = config;
    this.providerId = options.providerId ?? 'openai';
    this.hooks = Object.freeze({ ...options.hooks });
    this.#events = options.events;
    this.#modelEnv = options.modelEnv ?? [];
    const apiPath = options.apiPath ?? '/v1';
    // The kernel normalises base URLs without the API path; accept one that still has it.
    const trimmedPath = `/${apiPath.replace(/^\/+|\/+$/g, '')}`;
    let baseUrl = config.baseUrl.replace(/\/+$/, '');
    if (trimmedPath !== '/' && baseUrl.endsWith(trimmedPath)) baseUrl = baseUrl.slice(0, -trimmedPath.length);
    this.baseUrl = baseUrl;
    this.#apiPath = trimmedPath === '/' ? '' : trimmedPath;
    this.apiBaseUrl = `${this.baseUrl}${this.#apiPath}`;
    this.transport = new HttpTransport({
      baseUrl: this.baseUrl,
      profile: options.profile ?? { ...OPENAI_COMPATIBLE_PROFILE, provider: this.providerId },
      apiKey: config.apiKey,
      headers: config.headers,
      timeouts: config.timeouts,
      retry: { maxRetries: config.maxRetries, ...options.retry },
      fetch: options.fetch,
      limits: options.limits,
    });
  }

  /** The full URL of `path` under the API base, or under the server root with `root`. */
  url(path: string, root = false): string {
    return root ? `${this.baseUrl}${path}` : `${this.apiBaseUrl}${path}`;
  }

  /**
   * The request-model policy (`resolveRequestModel`, with `config.model`, `config.utilityModel` and
   * `config.requestModel`) applied to `request.model` and the caller's `role`. Every public entry point resolves the
   * model once with it and works on a copy of the request that names the chosen model.
   */
  chooseModel(request: { model?: string }, role?: string): RequestModelChoice {
    return resolveRequestModel(request.model, role, this.config);
  }

  /** New metrics for one operation on `model`. */
  createMetrics(model: string, choice?: RequestModelChoice, role?: string): RequestMetrics {
    return new RequestMetrics(this.#events, {
      provider: this.providerId,
      model,
      ...(choice === undefined ? {} : { requestedModel: choice.requested, modelSource: choice.source }),
      ...(role === undefined ? {} : { role }),
      baseUrl: this.baseUrl,
    });
  }

  /**
   * Sends one request through the transport, with the provider's `send` hook around it (JSON body, per-phase
   * timeouts, caller abort, retries before any response body is read). Returns the accepted (2xx) response with
   * its deadline still running: read the body, then call `deadline.dispose()`. Throws a `SamusError`.
   */
  send(request: SendRequest): Promise<OpenedResponse> {
    const hook = this.hooks.send;
    return hook ? hook(request, (sent) => this.#open(sent)) : this.#open(request);
  }

  #open(request: SendRequest): Promise<OpenedResponse> {
    return this.transport.open({
      method: request.method ?? 'POST',
      path: request.root ? request.path : `${this.#apiPath}${request.path}`,
      body: request.body,
      signal: request.signal,
      timeouts: request.timeouts,
      model: request.metrics.base.model,
      metrics: request.metrics,
      stream: request.stream ?? false,
    });
  }

  /**
   * Adds what only a further look at the server can tell to an error a request failed with: the provider's
   * `explainError` hook (e.g. the installed models nearest to a model that was not found), then the hint for a
   * hosted model name under `requestModel: 'request'`. Applied on every path, so every path gives the same answer.
   * Never throws.
   */
  async explainError(error: SamusError): Promise<SamusError> {
    let explained = error;
    if (this.hooks.explainError) {
      try {
        explained = await this.hooks.explainError(error);
      } catch {
        explained = error;
      }
    }
    return explainHostedModelName(explained, this.#modelEnv);
  }

  /**
   * A failure as a `SamusError`, explained: errors of the transport are already coded; anything else (a converter
   * that met data it cannot read) is an invalid response from `url`.
   */
  failure(error: unknown, url: string): Promise<SamusError> {
    if (SamusError.is(error)) return this.explainError(error);
    return Promise.resolve(
      this.transport.redact(
        new SamusError('SAMUS_ERR_INVALID_RESPONSE', `Could not read the answer of ${url}: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
          details: { provider: this.providerId, baseUrl: this.baseUrl, url },
        }),
      ),
    );
  }

  /** Server statistics for the `response:finish` event, from the provider's `serverTimings` hook. */
  serverTimings(lastMessage: unknown): ServerTimings | undefined {
    return this.hooks.serverTimings?.(lastMessage);
  }

  /** Runs a request builder; what it throws (a bad tool, a schema that cannot be converted) is an invalid request. */
  build<T>(builder: () => T | Promise<T>): Promise<T> {
    const invalid = (error: unknown): never => {
      if (SamusError.is(error)) throw error;
      throw new SamusError('SAMUS_ERR_INVALID_REQUEST', `Could not build the request: ${error instanceof Error ? error.message : String(error)}`, {
        hint: 'Check the contents, tools and config passed to the generator.',
        cause: error,
      });
    };
    try {
      return Promise.resolve(builder()).catch(invalid);
    } catch (error) {
      return Promise.reject(invalid(error));
    }
  }

  /** Reads a JSON body, classifying HTML pages, non-JSON text and `{error}` bodies sent with status 200. */
  async readJson<T>(opened: OpenedResponse, model: string, expectedField: string): Promise<T> {
    const text = await this.transport.readText(opened, model);
    const path = opened.url.startsWith(this.baseUrl) ? opened.url.slice(this.baseUrl.length) : opened.url;
    return this.transport.parseJsonAnswer<T>({ status: opened.response.status, text, url: opened.url, headers: opened.response.headers }, { method: 'POST', path, model, expectField: expectedField });
  }

  /**
   * Streams `path` with a {@link StreamDecoder}: sends the request through {@link send} and resolves with the
   * stream once the server accepted it (rejects with the explained `SamusError` of what failed before), then reads
   * the body and hands out the decoder's responses, within the transport's limits.
   */
  async streamResponses(options: StreamRequest): Promise<AsyncGenerator<GenerateContentResponse>> {
    const { ResponseStream } = await loadResponseStream();
    const { metrics } = options;
    const model = metrics.base.model;
    let body: unknown;
    const signal = options.request.config?.abortSignal;
    const maxOutputTokens = options.request.config?.maxOutputTokens;
    const { limits, profile } = this.transport;
    const margin = limits.outputTokenMargin;
    const url = this.url(options.path, options.root);
    return new ResponseStream({
      metrics,
      signal,
      ...(maxOutputTokens !== undefined && maxOutputTokens > 0 && margin > 0 ? { maxOutputChars: maxOutputTokens * 4 * margin } : {}),
      maxPartialTextChars: limits.maxPartialTextChars,
      redact: (error) => this.transport.redact(error),
      answeredModel: (lastMessage) => profile.answeredModel?.(model, (lastMessage as { model?: unknown } | undefined)?.model),
      checkEnd: (summary) => profile.checkStreamEnd?.(summary, { model, url }),
      open: async () => {
        try {
          if (signal?.aborted) {
            throw new SamusError('SAMUS_ERR_ABORTED', `The request to ${url} was aborted by the caller`, { cause: signal.reason, details: { provider: this.providerId, model, url } });
          }
          body = await this.build(options.body);
          return await this.send({ path: options.path, ...(options.root ? { root: true } : {}), body, signal, stream: true, metrics });
        } catch (error) {
          throw SamusError.is(error) ? await this.explainError(error) : error;
        }
      },
      ...(options.prepare ? { prepare: options.prepare } : {}),
      createDecoder: (sink) => options.createDecoder(sink, body),
      serverTimings: (lastMessage) => this.serverTimings(lastMessage),
      mapReadError: (error, opened, afterOutput, partialText) => this.transport.readError(error, opened, { model, afterOutput, partialText }),
    }).open();
  }
}
