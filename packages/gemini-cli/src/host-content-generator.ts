import type {
  ContentGenerator,
  CountTokensParameters,
  CountTokensResponse,
  EmbedContentParameters,
  EmbedContentResponse,
  GenerateContentParameters,
  GenerateContentResponse,
  SamusEvents,
} from '@samus/kernel';
import { toHostError } from './to-host-error.js';

/** The context window a provider will use for a model (Ollama and LM Studio generators report it). */
export interface HostContextWindow {
  model: string;
  /** Window in tokens. */
  tokens: number;
  /** Where it came from: the configured `numCtx`, the Modelfile, the loaded model, or the server's default. */
  source: string;
  /** The model's trained context length, when the server reports it. */
  trained?: number;
}

/** A generator that can tell the context window it will use for a model. */
interface ContextWindowSource {
  getContextWindow?(model?: string, options?: { role?: string; signal?: AbortSignal }): Promise<HostContextWindow>;
}

/** What {@link HostContentGenerator} is made from. */
export interface HostContentGeneratorParts {
  /** The provider generator (or routing pool) doing the work. */
  inner: ContentGenerator;
  /** The auth type that served the call (`ollama`, `lm-studio`, `openai`, `samus-pool`). */
  authType: string;
  /** The configured model: what answers requests naming a hosted model (`gemini-*`, `auto-*`). */
  model: string;
  /** The model for the host's utility calls (compression, routing, loop checks), when one is configured. */
  utilityModel?: string;
  /** The kernel's event bus the provider reports on. */
  events: SamusEvents;
  /** Releases what the generator holds (discovery timers for `auto`). */
  close?: () => void;
}

/**
 * A `ContentGenerator` shaped for gemini-cli-core 0.61.0 and its forks (`generateContentStream` resolves to the
 * stream, errors carry what the host's `retryWithBackoff` reads), plus what a host needs to size its history:
 * {@link getContextWindow}. Build one with `createHostContentGenerator()`.
 */
export class HostContentGenerator implements ContentGenerator {
  readonly authType: string;
  readonly model: string;
  readonly utilityModel: string | undefined;
  /**
   * Request events (`request:start` carries `requestedModel`, the effective `model`, `modelSource` and the host's
   * `role`; then first token, finish with tokens/s, errors): log them to see which model answered each call.
   */
  readonly events: SamusEvents;
  readonly #inner: ContentGenerator;
  readonly #close: (() => void) | undefined;

  constructor(parts: HostContentGeneratorParts) {
    this.#inner = parts.inner;
    this.authType = parts.authType;
    this.model = parts.model;
    this.utilityModel = parts.utilityModel;
    this.events = parts.events;
    this.#close = parts.close;
  }

  generateContent(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<GenerateContentResponse> {
    return forHost(() => this.#inner.generateContent(request, userPromptId, role));
  }

  async generateContentStream(request: GenerateContentParameters, userPromptId?: string, role?: string): Promise<AsyncGenerator<GenerateContentResponse>> {
    return new HostStream(await forHost(() => this.#inner.generateContentStream(request, userPromptId, role)));
  }

  countTokens(request: CountTokensParameters): Promise<CountTokensResponse> {
    return forHost(() => this.#inner.countTokens(request));
  }

  embedContent(request: EmbedContentParameters): Promise<EmbedContentResponse> {
    return forHost(() => this.#inner.embedContent(request));
  }

  /**
   * The context window the server will use for `model` (default: the configured model; hosted names such as
   * `gemini-2.5-pro` resolve like requests do, and `role: 'utility_*'` gives the utility model's): the configured
   * `numCtx` / `OLLAMA_CONTEXT_LENGTH`, else the Modelfile's or loaded model's, else the server default, never more
   * than the trained length. `undefined` for backends that do not report one (`openai`, `auto`). Feed `tokens` to the
   * host's token limit (see the README).
   */
  getContextWindow(model: string = this.model, options: { role?: string; signal?: AbortSignal } = {}): Promise<HostContextWindow | undefined> {
    return forHost(async () => (this.#inner as ContextWindowSource).getContextWindow?.(model, options));
  }

  /** Stops what the generator started (discovery health checks for `auto`); idempotent. */
  close(): void {
    this.#close?.();
  }
}

function rethrowForHost(error: unknown): never {
  throw toHostError(error);
}

/** Runs one provider call, giving its failure (thrown or rejected) the host's error shape. */
async function forHost<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    return rethrowForHost(error);
  }
}

/**
 * Passes the provider's stream through, giving a failure after the first chunk the host's error shape too. A plain
 * delegating object (not an `async function*`): `return()` reaches the provider's stream even before the first
 * `next()`, so a host that drops the stream closes the connection.
 */
class HostStream implements AsyncGenerator<GenerateContentResponse, void, unknown> {
  readonly #inner: AsyncGenerator<GenerateContentResponse>;

  constructor(inner: AsyncGenerator<GenerateContentResponse>) {
    this.#inner = inner;
  }

  next(): Promise<IteratorResult<GenerateContentResponse, void>> {
    return this.#inner.next().catch(rethrowForHost);
  }

  return(): Promise<IteratorResult<GenerateContentResponse, void>> {
    return this.#inner.return(undefined).catch(rethrowForHost);
  }

  throw(error: unknown): Promise<IteratorResult<GenerateContentResponse, void>> {
    return this.#inner.throw(error).catch(rethrowForHost);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
