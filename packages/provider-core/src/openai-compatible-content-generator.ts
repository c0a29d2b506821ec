import {
  SamusError,
  type ContentGenerator,
  type ContentGeneratorConfig,
  type CountTokensParameters,
  type CountTokensResponse,
  type EmbedContentParameters,
  type EmbedContentResponse,
  type GenerateContentParameters,
  type GenerateContentResponse,
  type SamusEvents,
  type Schema,
  type ServerTimings,
  type TimeoutConfig,
} from '@samus/kernel';
import type { ChatCompletionCreateParams } from './openai-wire-types.js';
import { chatCompletionToResponse, type ChatCompletionLike } from './chat-completion-to-response.js';
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './estimate-tokens.js';
import { geminiSchemaToJsonSchema, toJsonSchema } from './gemini-schema-to-json-schema.js';
import { countSentMedia, IMAGE_TOKEN_ESTIMATE } from './media-tokens.js';
import { HttpTransport, type TransportLimits } from './http-transport.js';
import { embeddingTexts, contentText, normalizeContent, normalizeContents } from './normalize-contents.js';
import { DEFAULT_CAPABILITIES, type OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';
import { OpenAIStreamDecoder } from './openai-stream-decoder.js';
import { RequestMetrics } from './request-metrics.js';
import { explainHostedModelName, resolveRequestModel, type RequestModelChoice } from './request-model-policy.js';
import { ResponseStream, type OpenedResponse } from './response-stream.js';
import { type RetryPolicyOptions } from './retry-policy.js';
import { OPENAI_COMPATIBLE_PROFILE, type ServerProfile } from './server-profile.js';
import { type StreamDecoder, type StreamDecoderSink } from './stream-decoder.js';
import { toOpenAIMessages } from './to-openai-messages.js';
import { toOpenAITools } from './to-openai-tools.js';

/** Options of {@link OpenAICompatibleContentGenerator}. */
export interface OpenAICompatibleGeneratorOptions {
  /** The resolved configuration (`createContentGeneratorConfig`); `baseUrl` is required, without `/v1`. */
  config: ContentGeneratorConfig;
  /** Provider id used in events and error details. Default `openai`. */
  providerId?: string;
  /** Event bus for request metrics (the kernel's `events`). Without one no events are emitted. */
  events?: SamusEvents;
  /** Path of the OpenAI-compatible API under the base URL. Default `/v1`. */
  apiPath?: string;
  /** What the server accepts; see {@link OpenAICompatibleCapabilities}. */
  capabilities?: Partial<OpenAICompatibleCapabilities>;
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
  /** Memory limits (see {@link TransportLimits}); default {@link DEFAULT_LIMITS}. */
  limits?: Partial<TransportLimits>;
  /**
   * Server statistics for the `response:finish` event, from the last stream chunk or the whole completion (e.g.
   * llama-server's `timings`): the composition form of the {@link OpenAICompatibleContentGenerator.serverTimings} hook.
   */
  serverTimings?: (lastMessage: unknown) => ServerTimings | undefined;
}

/** A chat request body: the OpenAI fields plus whatever extensions a server accepts (e.g. `ttl`, `top_k`). */
export type ChatRequestBody = ChatCompletionCreateParams & Record<string, unknown>;

/** An embeddings request body. */
export interface EmbeddingsRequestBody extends Record<string, unknown> {
  model: string;
  input: string[];
  encoding_format?: 'float' | 'base64';
  dimensions?: number;
}

/** One HTTP request made through {@link OpenAICompatibleContentGenerator.send}. */
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

/**
 * A `ContentGenerator` for any OpenAI-compatible server (`/v1/chat/completions`, `/v1/embeddings`). Requests go
 * through provider-core's one {@link HttpTransport} (per-phase timeouts, caller abort, retries before the first
 * token, redirect and credential policy, limits, one error classifier with the server's {@link ServerProfile});
 * response bodies are read with a linear byte-level SSE parser; metrics events come with it.
 *
 * Thin providers pass their profile and override the protected hooks: {@link buildChatRequest} (add server
 * fields), {@link serverTimings} (server statistics for the finish event), {@link countTokensOnServer} (a tokenizer
 * endpoint), and use {@link send} / {@link streamResponses} for native endpoints.
 */
export class OpenAICompatibleContentGenerator implements ContentGenerator {
  /** The configuration this generator was created with. */
  readonly config: ContentGeneratorConfig;
  /** Provider id in events and errors. */
  readonly providerId: string;
  /** Server address without the API path, e.g. `http://127.0.0.1:1234`. */
  readonly baseUrl: string;
  /** The OpenAI-compatible API base, e.g. `http://127.0.0.1:1234/v1`. */
  readonly apiBaseUrl: string;
  /** The effective capability flags. */
  readonly capabilities: Readonly<OpenAICompatibleCapabilities>;
  /** The one HTTP transport every request of this generator goes through. */
  protected readonly transport: HttpTransport;
  protected readonly events: SamusEvents | undefined;
  readonly #modelEnv: readonly string[];
  readonly #apiPath: string;
  readonly #serverTimings: ((lastMessage: unknown) => ServerTimings | undefined) | undefined;

  constructor(options: OpenAICompatibleGeneratorOptions) {
    const { config } = options;
    if (!config.baseUrl) {
      throw new SamusError('SAMUS_ERR_INVALID_CONFIG', `The ${options.providerId ?? 'openai'} provider needs a base URL`, {
        hint: 'Pass options.baseUrl (e.g. http://127.0.0.1:8080) or set OPENAI_BASE_URL.',
        details: { field: 'baseUrl' },
      });
    }
    this.config = config;
    this.#modelEnv = options.modelEnv ?? [];
    this.#serverTimings = options.serverTimings;
    this.providerId = options.providerId ?? 'openai';
    this.events = options.events;
    this.capabilities = Object.freeze({ ...DEFAULT_CAPABILITIES, ...options.capabilities });
    const apiPath = options.apiPath ?? '/v1';
    // The kernel normalises base URLs without the API path; accept one that still has it.
    const trimmedPath = `/${apiPath.replace(/^\/+|\/+$/g, '')}`;
    let baseUrl = config.baseUrl.replace(/\/+$/, '');
    if (trimmedPath !== '/' && baseUrl.endsWith(trimmedPath)) baseUrl = baseUrl.slice(0, -trimmedPath.length);
    this.baseUrl = baseUrl;
    this.#apiPath = apiPath === '' || apiPath === '/' ? '' : `/${apiPath.replace(/^\/+|\/+$/g, '')}`;
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

  // ---------------------------------------------------------------------------------------------- public API

  async generateContent(requested: GenerateContentParameters, _userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    const choice = this.chooseModel(requested, role);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = this.createMetrics(model, choice, role);
    try {
      const body = await this.#build(() => this.buildChatRequest(request, false));
      const opened = await this.send({ path: '/chat/completions', body, signal: request.config?.abortSignal, stream: false, metrics });
      const completion = await this.readJson<ChatCompletionLike>(opened, model, 'choices');
      const response = chatCompletionToResponse(completion, {
        includeThoughts: request.config?.thinkingConfig?.includeThoughts !== false,
        // The same `<think>` and text tool-call rules as the streamed path.
        capabilities: this.capabilities,
        providerOptions: { ...this.config.providerOptions, ...request.config?.providerOptions },
        requestBody: body,
      });
      const candidate = response.candidates?.[0];
      metrics.chunk((response.text ?? '').length);
      const usage = response.usageMetadata;
      const timings = this.serverTimings(completion);
      const answeredModel = this.transport.profile.answeredModel?.(model, (completion as { model?: unknown }).model);
      metrics.finish({
        ...(answeredModel === undefined ? {} : { answeredModel }),
        ...(usage?.candidatesTokenCount === undefined ? {} : { outputTokens: usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0) }),
        ...(candidate?.finishReason ? { finishReason: completion.choices?.[0]?.finish_reason ?? candidate.finishReason } : {}),
        ...(timings ? { server: timings } : usage ? { server: { ...(usage.promptTokenCount === undefined ? {} : { promptTokens: usage.promptTokenCount }), ...(usage.candidatesTokenCount === undefined ? {} : { evalTokens: usage.candidatesTokenCount }) } } : {}),
      });
      return response;
    } catch (error) {
      const mapped = await this.explainError(this.asSamusError(error, `${this.apiBaseUrl}/chat/completions`));
      metrics.error(mapped);
      throw mapped;
    }
  }

  /**
   * Streams `/chat/completions`. The promise resolves once the server accepted the request and rejects with what
   * failed before (an invalid request, connection, HTTP status, our retries exhausted, abort); see the kernel's
   * `ContentGenerator.generateContentStream`.
   */
  async generateContentStream(requested: GenerateContentParameters, _userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    const choice = this.chooseModel(requested, role);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = this.createMetrics(model, choice, role);
    const includeThoughts = request.config?.thinkingConfig?.includeThoughts !== false;
    const url = `${this.apiBaseUrl}/chat/completions`;
    return await this.streamResponses({
      request,
      metrics,
      path: '/chat/completions',
      body: () => this.#build(() => this.buildChatRequest(request, true)),
      createDecoder: (sink, body) =>
        new OpenAIStreamDecoder(sink, {
          includeThoughts,
          capabilities: this.capabilities,
          providerOptions: this.config.providerOptions,
          requestBody: body,
          awaitUsage: (body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage === true,
          streamError: (errorBody, partialText) => this.transport.streamError(errorBody, { url, model, afterOutput: metrics.hasFirstToken, partialText }),
        }),
    });
  }

  async countTokens(requested: CountTokensParameters): Promise<CountTokensResponse> {
    const request = { ...requested, model: this.chooseModel(requested).model };
    const fromServer = await this.countTokensOnServer(request);
    if (fromServer !== undefined) return { totalTokens: fromServer };
    // Media the request would send (inline images) at what the server charges per image; see imageTokens().
    const media = countSentMedia(request.contents);
    const mediaTokens = media === 0 ? 0 : media * (await this.imageTokens(request.model, request.config?.abortSignal));
    return { totalTokens: this.estimateTokens(request) + mediaTokens };
  }

  async embedContent(requested: EmbedContentParameters): Promise<EmbedContentResponse> {
    const choice = this.chooseModel(requested);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = this.createMetrics(model, choice);
    const texts = embeddingTexts(request.contents);
    if (texts.length === 0) return { embeddings: [] };
    try {
      const body = await this.#build(() => this.buildEmbeddingsRequest(texts, request));
      const opened = await this.send({ path: '/embeddings', body, signal: request.config?.abortSignal, stream: false, metrics });
      const result = await this.readJson<{ data?: Array<{ embedding?: number[] | string; index?: number }> }>(opened, model, 'data');
      const data = Array.isArray(result.data) ? [...result.data] : [];
      if (data.length !== texts.length) {
        throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `${opened.url} returned ${data.length} embeddings for ${texts.length} inputs`, {
          details: { url: opened.url, expected: texts.length, received: data.length },
        });
      }
      data.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
      const embeddings = data.map((item) => ({ values: decodeEmbedding(item.embedding, opened.url) }));
      metrics.chunk(0);
      metrics.finish({});
      return { embeddings };
    } catch (error) {
      const mapped = await this.explainError(this.asSamusError(error, `${this.apiBaseUrl}/embeddings`));
      metrics.error(mapped);
      throw mapped;
    }
  }

  // ---------------------------------------------------------------------------------------------- hooks

  /**
   * Builds the `/chat/completions` body for `request`. Override to add server fields, e.g.
   * `return { ...(await super.buildChatRequest(request, stream)), ttl: 600 }`.
   */
  protected async buildChatRequest(request: GenerateContentParameters, stream: boolean): Promise<ChatRequestBody> {
    const config = request.config ?? {};
    const body: ChatRequestBody = {
      model: this.modelFor(request),
      messages: toOpenAIMessages(request.contents, config.systemInstruction, this.capabilities),
      stream,
    };
    if (stream && this.capabilities.streamUsage) body.stream_options = { include_usage: true };
    if (config.temperature !== undefined) body.temperature = config.temperature;
    if (config.topP !== undefined) body.top_p = config.topP;
    if (config.topK !== undefined && this.capabilities.topK) body['top_k'] = config.topK;
    if (config.maxOutputTokens !== undefined) body.max_tokens = config.maxOutputTokens;
    if (config.stopSequences !== undefined && config.stopSequences.length > 0) body.stop = config.stopSequences;
    if (config.seed !== undefined) body.seed = config.seed;
    if (config.presencePenalty !== undefined) body.presence_penalty = config.presencePenalty;
    if (config.frequencyPenalty !== undefined) body.frequency_penalty = config.frequencyPenalty;
    if (config.candidateCount !== undefined && config.candidateCount > 1) body.n = config.candidateCount;
    if (config.tools !== undefined && config.tools.length > 0) {
      const tools = await toOpenAITools(config.tools);
      if (tools) body.tools = tools;
    }
    const responseFormat = this.responseFormat(config.responseMimeType, config.responseJsonSchema, config.responseSchema);
    if (responseFormat) body.response_format = responseFormat;
    const extraBody = this.config.providerOptions['extraBody'];
    if (extraBody !== null && typeof extraBody === 'object') Object.assign(body, extraBody);
    return body;
  }

  /** Builds the `/embeddings` body: all inputs in one request, `encoding_format: "float"`. */
  protected buildEmbeddingsRequest(texts: string[], request: EmbedContentParameters): EmbeddingsRequestBody {
    return {
      model: this.modelFor(request),
      input: texts,
      ...(this.capabilities.embeddingsEncodingFormat ? { encoding_format: 'float' as const } : {}),
      ...(request.config?.outputDimensionality !== undefined ? { dimensions: request.config.outputDimensionality } : {}),
    };
  }

  /**
   * A failure as a `SamusError`: errors of the transport are already coded; anything else (a converter that met
   * data it cannot read) is an invalid response from `url`.
   */
  protected asSamusError(error: unknown, url: string): SamusError {
    if (SamusError.is(error)) return error;
    return this.transport.redact(
      new SamusError('SAMUS_ERR_INVALID_RESPONSE', `Could not read the answer of ${url}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
        details: { provider: this.providerId, baseUrl: this.baseUrl, url },
      }),
    );
  }

  /**
   * Adds what only a further look at the server can tell to an error a request failed with (e.g. the installed
   * models nearest to a model that was not found). Applied to the errors of `generateContent`, `embedContent` and
   * to the errors opening a stream (`generateContentStream`, {@link streamResponses}), so every path gives the same
   * answer. Must not throw; default: a "model not found" for a hosted name (`requestModel: 'request'`) gets a hint
   * naming the request-model policy, other errors are unchanged. Overrides should pass their result to `super`.
   */
  protected explainError(error: SamusError): Promise<SamusError> {
    return Promise.resolve(explainHostedModelName(error, this.#modelEnv));
  }

  /**
   * Server statistics for the `response:finish` event, from the last stream chunk or the whole completion.
   * Default: the `serverTimings` option, else none (the event still carries the usage as `server.promptTokens` /
   * `evalTokens`).
   */
  protected serverTimings(lastMessage: unknown): ServerTimings | undefined {
    return this.#serverTimings?.(lastMessage);
  }

  /** Counts tokens with the server's tokenizer, where the server has one. Default: `undefined` (use the estimate). */
  protected countTokensOnServer(_request: CountTokensParameters): Promise<number | undefined> {
    return Promise.resolve(undefined);
  }

  /**
   * Tokens the server charges for one image sent to `model`, for `countTokens` (hosts such as gemini-cli call it
   * exactly for requests with media). Default: the fixed {@link IMAGE_TOKEN_ESTIMATE}; a provider that can tell
   * the model's real cost (Ollama, from `/api/show`) overrides it. Must not throw.
   */
  protected imageTokens(_model: string, _signal?: AbortSignal): Promise<number> {
    return Promise.resolve(IMAGE_TOKEN_ESTIMATE);
  }

  /**
   * The documented estimate (see `estimateTokens`): the estimate of every text part, plus
   * `MESSAGE_OVERHEAD_TOKENS` per message, plus the estimate of function calls/responses and tool declarations
   * as JSON.
   */
  protected estimateTokens(request: CountTokensParameters): number {
    let total = 0;
    const system = normalizeContent(request.config?.systemInstruction);
    if (system) total += estimateTokens(contentText(system)) + MESSAGE_OVERHEAD_TOKENS;
    for (const content of normalizeContents(request.contents)) {
      total += MESSAGE_OVERHEAD_TOKENS;
      for (const part of content.parts ?? []) {
        if (typeof part.text === 'string') total += estimateTokens(part.text);
        if (part.functionCall) total += estimateTokens(JSON.stringify(part.functionCall));
        if (part.functionResponse) total += estimateTokens(JSON.stringify(part.functionResponse));
      }
    }
    for (const tool of request.config?.tools ?? []) total += estimateTokens(JSON.stringify(tool));
    return total;
  }

  // ---------------------------------------------------------------------------------------------- transport

  /**
   * The request-model policy (provider-core's `resolveRequestModel`, with `config.model`, `config.utilityModel` and
   * `config.requestModel`) applied to `request.model` and the caller's `role`. Every public entry point resolves the
   * model once with it and works on a copy of the request that names the chosen model.
   */
  protected chooseModel(request: { model?: string }, role?: string): RequestModelChoice {
    return resolveRequestModel(request.model, role, this.config);
  }

  /** The model of a request whose model was already chosen ({@link chooseModel}): `request.model`, else the configured one. */
  protected modelFor(request: { model?: string }): string {
    return request.model !== undefined && request.model !== '' ? request.model : this.config.model;
  }

  /** New metrics for one operation on `model`. */
  protected createMetrics(model: string, choice?: RequestModelChoice, role?: string): RequestMetrics {
    return new RequestMetrics(this.events, {
      provider: this.providerId,
      model,
      ...(choice === undefined ? {} : { requestedModel: choice.requested, modelSource: choice.source }),
      ...(role === undefined ? {} : { role }),
      baseUrl: this.baseUrl,
    });
  }


  /**
   * Sends one request through the {@link transport} (JSON body, per-phase timeouts, caller abort, retries before any
   * response body is read: a refused connection, 429 honouring `Retry-After`, 5xx and connect timeouts, per the
   * retry policy). Returns the accepted (2xx) response with its deadline still running: read the body, then call
   * `deadline.dispose()`. Throws a `SamusError`.
   */
  protected send(request: SendRequest): Promise<OpenedResponse> {
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

  /** Runs a request builder; what it throws (a bad tool, a schema that cannot be converted) is an invalid request. */
  #build<T>(builder: () => T | Promise<T>): Promise<T> {
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

  /**
   * Streams `path` with a {@link StreamDecoder}: sends the request through {@link send} and resolves with the
   * stream once the server accepted it (rejects with the `SamusError` of what failed before), then reads the body
   * and hands out the decoder's responses. Used by `generateContentStream`; providers with a native streaming
   * endpoint call it with their own decoder (e.g. NDJSON) and `root: true`.
   */
  protected streamResponses(options: {
    request: { config?: { abortSignal?: AbortSignal; maxOutputTokens?: number } };
    metrics: RequestMetrics;
    path: string;
    root?: boolean;
    body: () => Promise<unknown> | unknown;
    createDecoder: (sink: StreamDecoderSink, body: unknown) => StreamDecoder;
    prepare?: (opened: OpenedResponse) => Promise<GenerateContentResponse[] | undefined> | undefined;
  }): Promise<AsyncGenerator<GenerateContentResponse>> {
    const { metrics } = options;
    const model = metrics.base.model;
    let body: unknown;
    const signal = options.request.config?.abortSignal;
    const maxOutputTokens = options.request.config?.maxOutputTokens;
    const margin = this.transport.limits.outputTokenMargin;
    return new ResponseStream({
      metrics,
      signal,
      ...(maxOutputTokens !== undefined && maxOutputTokens > 0 && margin > 0 ? { maxOutputChars: maxOutputTokens * 4 * margin } : {}),
      maxPartialTextChars: this.transport.limits.maxPartialTextChars,
      redact: (error) => this.transport.redact(error),
      answeredModel: (lastMessage) => this.transport.profile.answeredModel?.(model, (lastMessage as { model?: unknown } | undefined)?.model),
      checkEnd: (summary) => this.transport.profile.checkStreamEnd?.(summary, { model, url: options.root ? `${this.baseUrl}${options.path}` : `${this.apiBaseUrl}${options.path}` }),
      open: async () => {
        try {
          body = await options.body();
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

  /** Reads a JSON body, classifying HTML pages, non-JSON text and `{error}` bodies sent with status 200. */
  protected async readJson<T>(opened: OpenedResponse, model: string, expectedField: string): Promise<T> {
    const text = await this.transport.readText(opened, model);
    const path = opened.url.startsWith(this.baseUrl) ? opened.url.slice(this.baseUrl.length) : opened.url;
    return this.transport.parseJsonAnswer<T>({ status: opened.response.status, text, url: opened.url, headers: opened.response.headers }, { method: 'POST', path, model, expectField: expectedField });
  }

  /** `response_format` for the requested output type. */
  protected responseFormat(mimeType: string | undefined, jsonSchema: unknown, schema: unknown): ChatRequestBody['response_format'] {
    const wantsJson = mimeType === 'application/json';
    let resolved: unknown;
    // Lowered to JSON Schema either way: hosts write responseJsonSchema with Gemini Type names (Type.OBJECT) too.
    if (jsonSchema !== undefined && jsonSchema !== null) resolved = toJsonSchema(jsonSchema, 'responseJsonSchema');
    else if (schema !== undefined && schema !== null && (wantsJson || mimeType === undefined)) resolved = geminiSchemaToJsonSchema(schema as Schema, 'responseSchema');
    if (resolved !== undefined) {
      return { type: 'json_schema', json_schema: { name: 'response', schema: resolved as Record<string, unknown> } };
    }
    if (!wantsJson) return undefined;
    if (this.capabilities.jsonObjectResponseFormat) return { type: 'json_object' };
    return { type: 'json_schema', json_schema: { name: 'response', schema: { type: 'object' } } };
  }
}

function decodeEmbedding(value: number[] | string | undefined, url: string): number[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    // A server that ignored encoding_format: "float" and sent base64 little-endian float32.
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length % 4 === 0) {
      return Array.from(new Float32Array(Uint8Array.from(bytes).buffer));
    }
  }
  throw new SamusError('SAMUS_ERR_INVALID_RESPONSE', `${url} returned an embedding that is neither a number array nor base64 floats`, { details: { url } });
}
