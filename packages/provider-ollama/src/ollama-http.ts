import { describeNetworkFailure, RequestDeadline } from '@samus/provider-core';
import { SamusError, type TimeoutConfig } from '@samus/kernel';
import { mapOllamaHttpError } from './ollama-error.js';
import { mapOllamaNetworkError } from './ollama-network-error.js';

/** How the native client reaches Ollama. */
export interface OllamaHttpOptions {
  /** Normalised base URL without `/v1` (e.g. `http://127.0.0.1:11434`). */
  baseUrl: string;
  headers?: Record<string, string>;
  timeouts: TimeoutConfig;
  /** `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
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
export interface OllamaResponse {
  response: Response;
  deadline: RequestDeadline;
}

/** Error for a caller's abort signal that fired before a request was sent. */
export function abortedError(baseUrl: string, path: string, cause?: unknown): SamusError {
  return new SamusError('SAMUS_ERR_ABORTED', `The request to Ollama (${path}) was cancelled by its caller`, {
    cause,
    details: { provider: 'ollama', baseUrl, path },
  });
}

/** Maps what `fetch` threw to a coded error: timeout / abort (from the deadline), connection failures. */
export function mapFetchFailure(error: unknown, deadline: RequestDeadline, baseUrl: string, path: string): SamusError {
  const fromDeadline = deadline.toError(error);
  if (fromDeadline) return fromDeadline;
  if (SamusError.is(error)) return error;
  return (
    mapOllamaNetworkError(error, baseUrl) ??
    new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `Cannot reach Ollama at ${baseUrl}: ${describeNetworkFailure(error)}`, {
      cause: error,
      details: { provider: 'ollama', baseUrl, path },
    })
  );
}

/**
 * Sends one request to Ollama's native API under provider-core's per-phase {@link RequestDeadline} and the caller's
 * signal, and maps every failure (connection refused, timeout, abort, HTTP error body) to a coded `SamusError`.
 * The deadline keeps running while the caller reads the body (`firstByte()` / `activity()`); dispose it after.
 */
export async function ollamaFetch(options: OllamaHttpOptions, request: OllamaRequest): Promise<OllamaResponse> {
  const { baseUrl } = options;
  if (request.signal?.aborted) throw abortedError(baseUrl, request.path, request.signal.reason);
  const url = `${baseUrl}${request.path}`;
  const deadline = new RequestDeadline({
    timeouts: request.timeouts ?? options.timeouts,
    signal: request.signal,
    url,
    trackConnect: options.fetch === undefined,
    ...(request.startedAt === undefined ? {} : { startedAt: request.startedAt }),
  });
  const [headerName, headerValue] = deadline.header;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: request.method,
      headers: { ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers, [headerName]: headerValue },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal: deadline.signal,
    });
  } catch (error) {
    deadline.dispose();
    throw mapFetchFailure(error, deadline, baseUrl, request.path);
  }
  if (!response.ok && request.throwOnError !== false) {
    let body: string;
    try {
      body = await readText({ response, deadline }, options, request);
    } finally {
      deadline.dispose();
    }
    throw mapOllamaHttpError(response.status, body, { baseUrl, path: request.path, ...(request.model === undefined ? {} : { model: request.model }) });
  }
  return { response, deadline };
}

/** Reads a whole body as text under the request's deadline, mapping a broken connection, a timeout or an abort. */
export async function readText({ response, deadline }: OllamaResponse, options: OllamaHttpOptions, request: Pick<OllamaRequest, 'path'>): Promise<string> {
  try {
    deadline.firstByte();
    return await response.text();
  } catch (error) {
    const fromDeadline = deadline.toError(error);
    if (fromDeadline) throw fromDeadline;
    throw new SamusError('SAMUS_ERR_STREAM_INTERRUPTED', `The connection to Ollama at ${options.baseUrl} broke while reading ${request.path}`, {
      cause: error,
      details: { provider: 'ollama', baseUrl: options.baseUrl, path: request.path },
    });
  }
}

/** Sends a request and parses its JSON answer (an empty body gives `undefined`). */
export async function ollamaJson<T>(options: OllamaHttpOptions, request: OllamaRequest): Promise<T> {
  const answer = await ollamaFetch(options, request);
  let text: string;
  try {
    text = await readText(answer, options, request);
  } finally {
    answer.deadline.dispose();
  }
  if (text.trim() === '') return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new SamusError('SAMUS_ERR_WRONG_BASE_URL', `${options.baseUrl}${request.path} answered ${answer.response.status} with a body that is not JSON: ${text.slice(0, 80)}`, {
      hint: 'Point the base URL at Ollama itself (default http://127.0.0.1:11434, no path).',
      cause: error,
      details: { provider: 'ollama', baseUrl: options.baseUrl, path: request.path, status: answer.response.status },
    });
  }
}
