import { SamusError } from '@samus/kernel';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from 'openai';
import { mapNetworkError } from './map-network-error.js';
import { type TimeoutPhase } from './request-deadline.js';

/** Where and what a failed request was, for messages and details (never secrets). */
export interface ErrorContext {
  /** Provider id, e.g. `openai`. */
  provider: string;
  model: string;
  /** The server address without the API path. */
  baseUrl: string;
  /** The full request URL. */
  url: string;
  /** The phase the request was in, for timeouts. */
  phase?: TimeoutPhase;
  /** The error the request's deadline aborted with (timeout or caller abort), when that caused the failure. */
  deadlineError?: SamusError;
}

const CONTEXT_OVERFLOW = /context (length|window|size)|maximum context|too many tokens|exceeds? the (model'?s? )?(context|maximum)|prompt is too long|context.{0,20}overflow|tokens to keep/i;
const CAPABILITY = /does not support (tools|thinking|images|vision|embeddings|chat|generate|insert)|not support(ed)? .{0,20}(tool|function calling)|is not an embedding model|cannot be used for embeddings/i;
const MEMORY = /(out of|insufficient|not enough) (system )?memory|requires more system memory|failed to allocate|cudaMalloc|\bOOM\b/i;
const MODEL_NOT_FOUND = /model .{0,120}not (be )?found|no such model|unknown model|invalid model identifier|model_not_found|model ['"].*['"] does not exist|pull(ing)? it first/i;
const MODEL_NOT_LOADED = /no models? (is )?loaded|model (is )?not loaded|failed to load model|please load a model/i;
const WRONG_ENDPOINT = /unexpected endpoint|404 page not found|cannot (post|get) |not found: (post|get)|no route|unknown (path|route|endpoint)/i;

/** The human-readable message of an OpenAI-style error body (`{"error":"..."}` or `{"error":{"message":"..."}}`). */
export function errorBodyMessage(error: unknown): string | undefined {
  if (typeof error === 'string') return error;
  if (error === null || typeof error !== 'object') return undefined;
  const record = error as { message?: unknown; error?: unknown; detail?: unknown };
  if (typeof record.message === 'string') return record.message;
  if (typeof record.error === 'string') return record.error;
  if (record.error && typeof record.error === 'object') return errorBodyMessage(record.error);
  if (typeof record.detail === 'string') return record.detail;
  return undefined;
}

/**
 * Classifies a server's error message by what it says (used for HTTP errors and for errors inside a 200 stream):
 * context overflow, missing capability, memory, model not found / not loaded, wrong endpoint. Returns `undefined`
 * when the message matches none of these.
 */
export function classifyErrorMessage(message: string): 'SAMUS_ERR_CONTEXT_OVERFLOW' | 'SAMUS_ERR_CAPABILITY_MISSING' | 'SAMUS_ERR_INSUFFICIENT_MEMORY' | 'SAMUS_ERR_MODEL_NOT_FOUND' | 'SAMUS_ERR_MODEL_NOT_LOADED' | 'SAMUS_ERR_WRONG_BASE_URL' | undefined {
  if (MODEL_NOT_LOADED.test(message)) return 'SAMUS_ERR_MODEL_NOT_LOADED';
  if (MODEL_NOT_FOUND.test(message)) return 'SAMUS_ERR_MODEL_NOT_FOUND';
  if (CONTEXT_OVERFLOW.test(message)) return 'SAMUS_ERR_CONTEXT_OVERFLOW';
  if (CAPABILITY.test(message)) return 'SAMUS_ERR_CAPABILITY_MISSING';
  if (MEMORY.test(message)) return 'SAMUS_ERR_INSUFFICIENT_MEMORY';
  if (WRONG_ENDPOINT.test(message)) return 'SAMUS_ERR_WRONG_BASE_URL';
  return undefined;
}

/**
 * Maps every `openai` error class to a `SamusError` with the original as `cause`:
 *
 * | openai class | code |
 * |---|---|
 * | `APIUserAbortError` | `SAMUS_ERR_ABORTED` |
 * | `APIConnectionTimeoutError` | `SAMUS_ERR_TIMEOUT` (`details.phase`) |
 * | `APIConnectionError` | by its cause: `SERVER_NOT_RUNNING`, `WRONG_BASE_URL`, `TIMEOUT`, `SERVER_ERROR` |
 * | `BadRequestError` (400) | `INVALID_REQUEST`, or what the message says (context overflow, capability, model) |
 * | `AuthenticationError` (401), `PermissionDeniedError` (403) | `SAMUS_ERR_UNAUTHORIZED` |
 * | `NotFoundError` (404) | `MODEL_NOT_FOUND` when the message names a model, else `WRONG_BASE_URL` |
 * | `ConflictError` (409) | `SAMUS_ERR_SERVER_ERROR` (retryable) |
 * | `UnprocessableEntityError` (422) | `SAMUS_ERR_INVALID_REQUEST` |
 * | `RateLimitError` (429) | `SAMUS_ERR_RATE_LIMITED` |
 * | `InternalServerError` (5xx) | `SAMUS_ERR_SERVER_ERROR` (retryable), or what the message says (memory, model) |
 * | other `APIError` | `SAMUS_ERR_WRONG_BASE_URL` for 405 / 3xx, else `SAMUS_ERR_INVALID_RESPONSE` |
 *
 * Every error from an HTTP answer carries its status as `status` (what hosts such as gemini-cli read to decide on
 * retries); connection failures carry none, and keep the socket error (`code` `ECONNREFUSED`…) in the `cause` chain.
 * Non-openai errors go through {@link mapNetworkError}; a `SamusError` is returned as is.
 */
export function mapOpenAIError(error: unknown, context: ErrorContext): SamusError {
  if (SamusError.is(error)) return error;
  const where = context.baseUrl;
  const baseDetails = { provider: context.provider, model: context.model, baseUrl: context.baseUrl, url: context.url };
  if (error instanceof APIUserAbortError) {
    const template = context.deadlineError?.code === 'SAMUS_ERR_ABORTED' ? context.deadlineError : undefined;
    return new SamusError('SAMUS_ERR_ABORTED', template?.message ?? `The request to ${where} was aborted by the caller`, {
      cause: error,
      details: baseDetails,
    });
  }
  if (error instanceof APIConnectionTimeoutError) {
    const template = context.deadlineError?.code === 'SAMUS_ERR_TIMEOUT' ? context.deadlineError : undefined;
    const phase = (template?.details['phase'] as TimeoutPhase | undefined) ?? context.phase ?? 'total';
    return new SamusError('SAMUS_ERR_TIMEOUT', template?.message ?? `The request to ${where} timed out (${phase} timeout)`, {
      cause: error,
      ...(template ? { hint: template.hint, retryable: template.retryable } : { retryable: phase === 'connect' }),
      details: { ...baseDetails, ...template?.details, phase },
    });
  }
  if (error instanceof APIConnectionError) {
    const mapped = mapNetworkError(error.cause ?? error, { url: context.url, baseUrl: context.baseUrl });
    return new SamusError(mapped.code, mapped.message, {
      cause: error,
      hint: mapped.hint,
      retryable: mapped.retryable,
      details: { ...baseDetails, ...mapped.details },
    });
  }
  if (error instanceof APIError) {
    const status = error.status;
    const serverMessage = errorBodyMessage(error.error) ?? error.message;
    const details = { ...baseDetails, status, serverMessage: serverMessage.slice(0, 2000) };
    const said = classifyErrorMessage(serverMessage);
    const make = (code: SamusError['code'], message: string, extra: { hint?: string; retryable?: boolean } = {}): SamusError =>
      new SamusError(code, message, { cause: error, details, ...(status === undefined || status < 300 ? {} : { status }), ...extra });
    const quoted = JSON.stringify(serverMessage.length > 300 ? `${serverMessage.slice(0, 300)}…` : serverMessage);
    if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
      return make('SAMUS_ERR_UNAUTHORIZED', `${where} refused the request (HTTP ${status}): ${quoted}`, {
        ...(error instanceof PermissionDeniedError ? { hint: 'Set the API key or token the server expects, and check that the server allows requests from this client.' } : {}),
      });
    }
    if (error instanceof RateLimitError) return make('SAMUS_ERR_RATE_LIMITED', `${where} is rate limiting requests (HTTP 429): ${quoted}`);
    if (said === 'SAMUS_ERR_MODEL_NOT_FOUND' || said === 'SAMUS_ERR_MODEL_NOT_LOADED') {
      return make(said, `Model "${context.model}" is ${said === 'SAMUS_ERR_MODEL_NOT_FOUND' ? 'not available' : 'not loaded'} on ${where}: ${quoted}`);
    }
    if (error instanceof NotFoundError) {
      return make('SAMUS_ERR_WRONG_BASE_URL', `${context.url} does not exist on ${where} (HTTP 404): ${quoted}`, {
        hint: 'Check the base URL: give the server address without the API path (e.g. http://127.0.0.1:1234), the provider adds /v1.',
      });
    }
    if (error instanceof BadRequestError || error instanceof UnprocessableEntityError) {
      if (said && said !== 'SAMUS_ERR_WRONG_BASE_URL') return make(said, `${where} rejected the request: ${quoted}`);
      return make('SAMUS_ERR_INVALID_REQUEST', `${where} rejected the request (HTTP ${status}): ${quoted}`);
    }
    if (error instanceof ConflictError) return make('SAMUS_ERR_SERVER_ERROR', `${where} reported a conflict (HTTP 409): ${quoted}`, { retryable: true });
    if (error instanceof InternalServerError) {
      if (said === 'SAMUS_ERR_INSUFFICIENT_MEMORY' || said === 'SAMUS_ERR_CONTEXT_OVERFLOW' || said === 'SAMUS_ERR_CAPABILITY_MISSING') {
        return make(said, `${where} failed: ${quoted}`);
      }
      return make('SAMUS_ERR_SERVER_ERROR', `${where} failed (HTTP ${status}): ${quoted}`);
    }
    if (status === undefined) {
      if (said) return make(said, `${where} reported an error: ${quoted}`);
      return make('SAMUS_ERR_SERVER_ERROR', `${where} reported an error: ${quoted}`, { retryable: false });
    }
    if (status === 405 || (status >= 300 && status < 400) || said === 'SAMUS_ERR_WRONG_BASE_URL') {
      return make('SAMUS_ERR_WRONG_BASE_URL', `${context.url} answered HTTP ${status}: ${quoted}`);
    }
    return make('SAMUS_ERR_INVALID_RESPONSE', `${where} answered HTTP ${status}: ${quoted}`);
  }
  return mapNetworkError(error, { url: context.url, baseUrl: context.baseUrl });
}
