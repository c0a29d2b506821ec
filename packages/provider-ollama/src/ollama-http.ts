import { HttpTransport, type OpenedResponse } from '@samus/provider-core/internal';
import { SamusError, type TimeoutConfig } from '@samus/kernel';
import { OLLAMA_PROFILE } from './ollama-server-profile.js';

/** How the native client reaches Ollama. */
export interface OllamaHttpOptions {
  /** Normalised base URL without `/v1` (e.g. `http://127.0.0.1:11434`). */
  baseUrl: string;
  headers?: Record<string, string> | undefined;
  timeouts: TimeoutConfig;
  /** `fetch` to use (default: the global one). */
  fetch?: typeof fetch | undefined;
}

/** One native request. */
export interface OllamaRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Per-phase limits for this request (default: the client's timeouts). */
  timeouts?: Partial<TimeoutConfig>;
  /** The model the request is about, for error messages. */
  model?: string | undefined;
  /** When false, a non-2xx response is returned instead of thrown. */
  throwOnError?: boolean;
  /** When the whole operation started (`performance.now()`), so the total limit spans retries. */
  startedAt?: number;
}

/** A response whose body is still to be read under its deadline (call `deadline.dispose()` when done). */
export type OllamaResponse = OpenedResponse;

/** The transport of Ollama's native API: provider-core's one transport with {@link OLLAMA_PROFILE}; admin calls are not retried. */
export function createOllamaTransport(options: OllamaHttpOptions): HttpTransport {
  return new HttpTransport({ baseUrl: options.baseUrl, profile: OLLAMA_PROFILE, headers: options.headers, timeouts: options.timeouts, fetch: options.fetch, retry: { maxRetries: 0 } });
}

/** Error for a caller's abort signal that fired before a request was sent. */
export function abortedError(baseUrl: string, path: string, cause?: unknown): SamusError {
  return new SamusError('SAMUS_ERR_ABORTED', `The request to Ollama (${path}) was cancelled by its caller`, {
    cause,
    details: { provider: 'ollama', baseUrl, path },
  });
}

/**
 * Sends one request to Ollama's native API through the transport (per-phase deadline, the caller's signal, every
 * failure classified with Ollama's profile). The deadline keeps running while the caller reads the body
 * (`firstByte()` / `activity()`); dispose it after.
 */
export async function ollamaFetch(transport: HttpTransport, request: OllamaRequest): Promise<OllamaResponse> {
  if (request.signal?.aborted) throw abortedError(transport.baseUrl, request.path, request.signal.reason);
  return await transport.open({
    method: request.method,
    path: request.path,
    body: request.body,
    signal: request.signal,
    timeouts: request.timeouts,
    model: request.model,
    retry: false,
    ...(request.startedAt === undefined ? {} : { startedAt: request.startedAt }),
    ...(request.throwOnError === false ? { accept: () => true } : {}),
  });
}

/** Sends a request and parses its JSON answer (an empty body gives `undefined`). */
export async function ollamaJson<T>(transport: HttpTransport, request: OllamaRequest): Promise<T> {
  if (request.signal?.aborted) throw abortedError(transport.baseUrl, request.path, request.signal.reason);
  const answer = await transport.text({ method: request.method, path: request.path, body: request.body, signal: request.signal, timeouts: request.timeouts, model: request.model, retry: false });
  return transport.parseJsonAnswer<T>(answer, request);
}
