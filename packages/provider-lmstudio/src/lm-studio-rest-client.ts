import { HttpTransport, type TransportRequest } from '@samus/provider-core/internal';
import { DEFAULT_TIMEOUTS, SamusError } from '@samus/kernel';
import { LM_STUDIO_PROFILE } from './lm-studio-server-profile.js';
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
  readonly #timeoutMs: number;
  readonly #transport: HttpTransport;

  constructor(options: LMStudioRestClientOptions) {
    this.urls = lmStudioUrls(options.baseUrl);
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#transport = new HttpTransport({
      baseUrl: this.urls.root,
      profile: LM_STUDIO_PROFILE,
      apiKey: options.apiKey,
      headers: options.headers,
      timeouts: { connectMs: DEFAULT_TIMEOUTS.connectMs },
      fetch: options.fetch,
      retry: { maxRetries: 0 },
    });
  }

  /** `error` without the configured token (for errors built from answers read with {@link send}). */
  redact(error: SamusError): SamusError {
    return this.#transport.redact(error);
  }

  /** Whether an API token is configured. */
  get hasApiKey(): boolean {
    return this.#apiKey !== undefined;
  }

  /** The transport request for one call: no retries, one limit from sending to the end of the body. */
  #request(method: 'GET' | 'POST', path: string, options: LMStudioRequestOptions): TransportRequest {
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    return {
      method,
      path,
      body: options.body,
      signal: options.signal,
      model: options.model,
      auth: options.auth !== false,
      retry: false,
      timeouts: { firstByteMs: timeoutMs, idleMs: timeoutMs, totalMs: timeoutMs },
    };
  }

  /**
   * Sends one request through provider-core's transport and returns status and body without judging them; network
   * failures, timeouts and aborts throw coded errors.
   */
  async send(method: 'GET' | 'POST', path: string, options: LMStudioRequestOptions = {}): Promise<LMStudioRawResponse> {
    const started = performance.now();
    const answer = await this.#transport.text({ ...this.#request(method, path, options), accept: () => true });
    let body: unknown = answer.text;
    if (answer.text.trim() !== '') {
      try {
        body = JSON.parse(answer.text) as unknown;
      } catch {
        body = answer.text;
      }
    }
    return { status: answer.status, body, latencyMs: performance.now() - started };
  }

  /**
   * Sends one request and returns its JSON body; throws a coded error for a non-2xx status, for a 2xx body with an
   * `error` field, and for a body that is not a JSON object.
   */
  async request<T = unknown>(method: 'GET' | 'POST', path: string, options: LMStudioRequestOptions = {}): Promise<T> {
    const request = this.#request(method, path, options);
    const answer = await this.#transport.text(request);
    if (answer.text.trim() === '') {
      throw this.#transport.redact(
        new SamusError('SAMUS_ERR_INVALID_RESPONSE', `LM Studio answered ${method} ${path} with an empty body`, { details: { provider: 'lm-studio', url: answer.url, status: answer.status } }),
      );
    }
    return this.#transport.parseJsonAnswer<T>(answer, request);
  }
}
