import { SamusError } from '@samus/kernel';
import { describeNetworkFailure, errorCodes } from '@samus/provider-core';

/** Where a request was when it failed, for {@link mapLMStudioNetworkError}. */
export interface LMStudioNetworkErrorContext {
  /** Server root, e.g. `http://127.0.0.1:1234`. */
  baseUrl: string;
  /** Method and path, e.g. `GET /api/v0/models`. */
  endpoint: string;
  /** The caller's signal: when it is aborted the failure is a cancellation, not a timeout. */
  callerSignal?: AbortSignal;
  /** The timeout that was armed, for the message. */
  timeoutMs?: number;
  /** Timeout phase name for the message and details (default `request`). */
  phase?: string;
}

function errorName(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : undefined;
}

/**
 * Maps what `fetch` throws when no HTTP answer arrived: connection refused → `SAMUS_ERR_SERVER_NOT_RUNNING`
 * with the `lms server start` hint; unknown host → `SAMUS_ERR_WRONG_BASE_URL`; caller abort →
 * `SAMUS_ERR_ABORTED`; our own timer → `SAMUS_ERR_TIMEOUT` naming the phase; a dropped connection →
 * `SAMUS_ERR_SERVER_ERROR` (retryable). A SamusError passes through unchanged.
 */
export function mapLMStudioNetworkError(error: unknown, context: LMStudioNetworkErrorContext): SamusError {
  if (SamusError.is(error)) return error;
  const details = { provider: 'lm-studio', baseUrl: context.baseUrl, endpoint: context.endpoint };
  if (context.callerSignal?.aborted) {
    return new SamusError('SAMUS_ERR_ABORTED', `Request to LM Studio was cancelled (${context.endpoint})`, { cause: error, details });
  }
  const name = errorName(error);
  if (name === 'TimeoutError' || name === 'AbortError') {
    const phase = context.phase ?? 'request';
    return new SamusError(
      'SAMUS_ERR_TIMEOUT',
      `LM Studio did not answer ${context.endpoint} within ${context.timeoutMs ?? '?'} ms (phase: ${phase})`,
      { cause: error, details: { ...details, phase, timeoutMs: context.timeoutMs } },
    );
  }
  const codes = errorCodes(error);
  if (codes.includes('ECONNREFUSED') || codes.includes('EHOSTUNREACH') || codes.includes('ENETUNREACH') || codes.includes('EADDRNOTAVAIL')) {
    return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `LM Studio is not running at ${context.baseUrl} (connection refused)`, {
      hint: 'Start the server with `lms server start` (or the Developer tab toggle in LM Studio), or set LM_STUDIO_BASE_URL to where it listens.',
      cause: error,
      details: { ...details, errno: codes[0] },
    });
  }
  if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
    return new SamusError('SAMUS_ERR_WRONG_BASE_URL', `The LM Studio host in ${context.baseUrl} cannot be resolved`, {
      hint: 'Check the host name in LM_STUDIO_BASE_URL / options.baseUrl (e.g. http://localhost:1234).',
      cause: error,
      details: { ...details, errno: codes[0] },
    });
  }
  const reason = describeNetworkFailure(error);
  return new SamusError('SAMUS_ERR_SERVER_ERROR', `The connection to LM Studio at ${context.baseUrl} failed (${context.endpoint}): ${reason}`, {
    hint: 'The server closed the connection: check that LM Studio is still running, then retry.',
    cause: error,
    details: { ...details, ...(codes[0] ? { errno: codes[0] } : {}) },
  });
}
