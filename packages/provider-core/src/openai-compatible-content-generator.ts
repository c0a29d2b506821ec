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
} from '@samus/kernel';
import type { ChatCompletionLike } from './chat-completion-to-response.js';
import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from './estimate-tokens.js';
import type { ChatRequestBody, EmbeddingsRequestBody } from './generator-hooks.js';
import { GeneratorRuntime, type GeneratorRuntimeOptions } from './generator-runtime.js';
import { countSentMedia, IMAGE_TOKEN_ESTIMATE } from './media-tokens.js';
import { embeddingTexts, contentText, normalizeContent, normalizeContents } from './normalize-contents.js';
import { DEFAULT_CAPABILITIES, type OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';
import { usageTimings } from './usage-timings.js';
import type * as ConversionModule from './openai-conversion.js';
type Conversion = typeof ConversionModule;
let conversion: Promise<Conversion> | undefined;
/** The request builders and answer decoders, loaded once, on the first request of any generator. */
function loadConversion(): Promise<Conversion> {
  return (conversion ??= import('./openai-conversion.js'));
}

/** Options of {@link OpenAICompatibleContentGenerator}: the runtime's (config, profile, transport, hooks) plus capabilities. */
export interface OpenAICompatibleGeneratorOptions extends GeneratorRuntimeOptions {
  /** What the server accepts; see {@link OpenAICompatibleCapabilities}. */
  capabilities?: Partial<OpenAICompatibleCapabilities>;
}

/**
 * A `ContentGenerator` for any OpenAI-compatible server (`/v1/chat/completions`, `/v1/embeddings`). Requests go
 * through provider-core's one transport (per-phase timeouts, caller abort, retries before the first token,
 * redirect and credential policy, limits, one error classifier with the server's `ServerProfile`); response bodies
 * are read with a linear byte-level SSE parser; metrics events come with it.
 *
 * Providers compose it rather than extend it: they pass their profile, capability flags and a small
 * {@link GeneratorHooks} object (request body fields, around-send, server timings, error explanation, tokenizer),
 * and use its {@link runtime} (the same transport and rules) for native endpoints.
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
  /** Transport, model policy, metrics, send and stream plumbing, shared with a provider's native paths. */
  readonly runtime: GeneratorRuntime;

  constructor(options: OpenAICompatibleGeneratorOptions) {
    this.runtime = new GeneratorRuntime(options);
    this.config = this.runtime.config;
    this.providerId = this.runtime.providerId;
    this.baseUrl = this.runtime.baseUrl;
    this.apiBaseUrl = this.runtime.apiBaseUrl;
    this.capabilities = Object.freeze({ ...DEFAULT_CAPABILITIES, ...options.capabilities });
  }

  async generateContent(requested: GenerateContentParameters, _userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    const runtime = this.runtime;
    const choice = runtime.chooseModel(requested, role);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = runtime.createMetrics(model, choice, role);
    try {
      const { chatCompletionToResponse } = await loadConversion();
      const body = await runtime.build(() => this.#chatBody(request, false));
      const opened = await runtime.send({ path: '/chat/completions', body, signal: request.config?.abortSignal, stream: false, metrics });
      const completion = await runtime.readJson<ChatCompletionLike>(opened, model, 'choices');
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
      const server = runtime.serverTimings(completion) ?? usageTimings(usage);
      const answeredModel = runtime.transport.profile.answeredModel?.(model, (completion as { model?: unknown }).model);
      metrics.finish({
        ...(answeredModel === undefined ? {} : { answeredModel }),
        ...(usage?.candidatesTokenCount === undefined ? {} : { outputTokens: usage.candidatesTokenCount + (usage.thoughtsTokenCount ?? 0) }),
        ...(candidate?.finishReason ? { finishReason: completion.choices?.[0]?.finish_reason ?? candidate.finishReason } : {}),
        ...(server === undefined ? {} : { server }),
      });
      return response;
    } catch (error) {
      const mapped = await runtime.failure(error, runtime.url('/chat/completions'));
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
    const runtime = this.runtime;
    const choice = runtime.chooseModel(requested, role);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = runtime.createMetrics(model, choice, role);
    const includeThoughts = request.config?.thinkingConfig?.includeThoughts !== false;
    const url = runtime.url('/chat/completions');
    const { OpenAIStreamDecoder } = await loadConversion();
    return await runtime.streamResponses({
      request,
      metrics,
      path: '/chat/completions',
      body: () => this.#chatBody(request, true),
      createDecoder: (sink, body) =>
        new OpenAIStreamDecoder(sink, {
          includeThoughts,
          capabilities: this.capabilities,
          providerOptions: this.config.providerOptions,
          requestBody: body,
          awaitUsage: (body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage === true,
          streamError: (errorBody, partialText) => runtime.transport.streamError(errorBody, { url, model, afterOutput: metrics.hasFirstToken, partialText }),
        }),
    });
  }

  async countTokens(requested: CountTokensParameters): Promise<CountTokensResponse> {
    const request = { ...requested, model: this.runtime.chooseModel(requested).model };
    const fromServer = await this.runtime.hooks.countTokens?.(request);
    if (fromServer !== undefined) return { totalTokens: fromServer };
    // Media the request would send (inline images) at what the server charges per image (the `imageTokens` hook).
    const media = countSentMedia(request.contents);
    const perImage = media === 0 ? 0 : await (this.runtime.hooks.imageTokens?.(request.model, request.config?.abortSignal) ?? IMAGE_TOKEN_ESTIMATE);
    return { totalTokens: estimateRequestTokens(request) + media * perImage };
  }

  async embedContent(requested: EmbedContentParameters): Promise<EmbedContentResponse> {
    const runtime = this.runtime;
    const choice = runtime.chooseModel(requested);
    const request = { ...requested, model: choice.model };
    const model = choice.model;
    const metrics = runtime.createMetrics(model, choice);
    const texts = embeddingTexts(request.contents);
    if (texts.length === 0) return { embeddings: [] };
    try {
      const body = await runtime.build(() => this.#embeddingsBody(texts, request));
      const opened = await runtime.send({ path: '/embeddings', body, signal: request.config?.abortSignal, stream: false, metrics });
      const result = await runtime.readJson<{ data?: Array<{ embedding?: number[] | string; index?: number }> }>(opened, model, 'data');
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
      const mapped = await runtime.failure(error, runtime.url('/embeddings'));
      metrics.error(mapped);
      throw mapped;
    }
  }

  /** The `/chat/completions` body for `request` (whose model was already chosen), then the `chatBody` hook. */
  async #chatBody(request: GenerateContentParameters, stream: boolean): Promise<ChatRequestBody> {
    const { responseFormatFor, toOpenAIMessages, toOpenAITools } = await loadConversion();
    const config = request.config ?? {};
    const capabilities = this.capabilities;
    const body: ChatRequestBody = {
      model: modelOf(request, this.config.model),
      messages: toOpenAIMessages(request.contents, config.systemInstruction, capabilities),
      stream,
    };
    if (stream && capabilities.streamUsage) body.stream_options = { include_usage: true };
    if (config.temperature !== undefined) body.temperature = config.temperature;
    if (config.topP !== undefined) body.top_p = config.topP;
    if (config.topK !== undefined && capabilities.topK) body['top_k'] = config.topK;
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
    const responseFormat = responseFormatFor(config.responseMimeType, config.responseJsonSchema, config.responseSchema, capabilities);
    if (responseFormat) body.response_format = responseFormat;
    const extraBody = this.config.providerOptions['extraBody'];
    if (extraBody !== null && typeof extraBody === 'object') Object.assign(body, extraBody);
    const hook = this.runtime.hooks.chatBody;
    return hook ? await hook(body, request) : body;
  }

  /** The `/embeddings` body: all inputs in one request, `encoding_format: "float"`; then the `embeddingsBody` hook. */
  #embeddingsBody(texts: string[], request: EmbedContentParameters): EmbeddingsRequestBody {
    const body: EmbeddingsRequestBody = {
      model: modelOf(request, this.config.model),
      input: texts,
      ...(this.capabilities.embeddingsEncodingFormat ? { encoding_format: 'float' as const } : {}),
      ...(request.config?.outputDimensionality !== undefined ? { dimensions: request.config.outputDimensionality } : {}),
    };
    const hook = this.runtime.hooks.embeddingsBody;
    return hook ? hook(body, request) : body;
  }
}

/** The model of a request whose model was already chosen: `request.model`, else the configured one. */
function modelOf(request: { model?: string }, configured: string): string {
  return request.model !== undefined && request.model !== '' ? request.model : configured;
}

/**
 * The documented estimate (see `estimateTokens`): the estimate of every text part, plus `MESSAGE_OVERHEAD_TOKENS`
 * per message, plus the estimate of function calls/responses and tool declarations as JSON.
 */
function estimateRequestTokens(request: CountTokensParameters): number {
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
