import { mapLMStudioError, parseLMStudioErrorBody } from './lm-studio-error.js';
import { mapLMStudioNetworkError } from './lm-studio-network-error.js';
import { lmStudioUrls, type LMStudioUrls } from './lm-studio-urls.js';

/** Options of {@link LMStudioRestClient}. */
export interface LMStudioRestClientOptions {
  /** Server address as the user typed it (`http://localhost:1234`, with or without `/v1`). */
  baseUrl: string;
  /** API token (`LM_API_TOKEN`), sent as `Authorization: Bearer`; never logged or echoed. */
  apiKey?: string;
  /** Extra headers for every request. */
  headers?: Record<string, string>;
  /** Default timeout of one native call in ms (default 10 000). */
  timeoutMs?: number;
  /** `fetch` implementation (default the global one). */
  fetch?: typeof fetch;
}

/** Per-call options of {@link LMStudioRestClient.request}. */
export interface LMStudioRequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call; 0 disables it. */
  timeoutMs?: number;
  /** Model the call concerns, for error messages and hints. */
  model?: string;
  /** Send the API token (default true). Health probes turn it off to learn whether the server requires one. */
  auth?: boolean;
}

/** An HTTP answer with its JSON (or text) body, read in full. */
export interface LMStudioRawResponse {
  status: number;
  /** Parsed JSON, or the text when the body was not JSON. */
  body: unknown;
  /** Time from sending to the end of the body. */
  latencyMs: number;
}

/**
 * A small client for LM Studio's native REST endpoints (`/api/v0`, `/api/v1`, `/lmstudio-greeting`). Every answer
 * is read in full and checked for an `error` field, because LM Studio answers 200 with an error body for paths it
 * does not know.
 */
export class LMStudioRestClient {
  readonly urls: LMStudioUrls;
  readonly #apiKey: string | undefined;
  readonly #headers: Record<string, string>;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: LMStudioRestClientOptions) {
    this.urls = lmStudioUrls(options.baseUrl);
    this.#apiKey = options.apiKey;
    this.#headers = { ...options.headers };
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#fetch = options.fetch ?? globalThis.fetch;
  }

  /** Whether an API token is configured. */
  get hasApiKey(): boolean {
    return this.#apiKey !== undefined;
  }

  /** Sends one request and returns status and body without judging them; network failures throw coded errors. */
  async send(method: 'GET' | 'POST', path: string, options: LMStudioRequestOptions = {}): Promise<LMStudioRawResponse> {
    const endpoint = `${method} ${path}`;
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    const signals: AbortSignal[] = [];
    if (options.signal) signals.push(options.signal);
    if (timeoutMs > 0) signals.push(AbortSignal.timeout(timeoutMs));
    const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    const headers: Record<string, string> = { accept: 'application/json', ...this.#headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.#apiKey !== undefined && options.auth !== false) headers.authorization = `Bearer ${this.#apiKey}`;
    const started = performance.now();
    try {
      const response = await this.#fetch(`${this.urls.root}${path}`, {
        method,
        headers,
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        ...(signal ? { signal } : {}),
      });
      const text = await response.text();
      let body: unknown = text;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text) as unknown;
        } catch {
          body = text;
        }
      }
      return { status: response.status, body, latencyMs: performance.now() - started };
    } catch (error) {
      throw mapLMStudioNetworkError(error, {
        baseUrl: this.urls.root,
        endpoint,
        ...(options.signal ? { callerSignal: options.signal } : {}),
        timeoutMs,
      });
    }
  }

  /**
   * Sends one request and returns its JSON body; throws a coded error for a non-2xx status, for a 2xx body with an
   * `error` field, and for a body that is not a JSON object.
   */
  async request<T = unknown>(method: 'GET' | 'POST', path: string, options: LMStudioRequestOptions = {}): Promise<T> {
    const response = await this.send(method, path, options);
    const { status, body } = response;
    const failed = status < 200 || status >= 300 || parseLMStudioErrorBody(body) !== undefined || typeof body !== 'object' || body === null;
    if (failed) {
      throw mapLMStudioError({
        status,
        body,
        endpoint: `${method} ${path}`,
        tokenSent: this.#apiKey !== undefined && options.auth !== false,
        ...(options.model ? { model: options.model } : {}),
        ...(this.#apiKey ? { secrets: [this.#apiKey] } : {}),
      });
    }
    return body as T;
  }
}
