import { SamusError, type ErrorCode } from '@samus/kernel';
import { errorCodes } from '@samus/provider-core/internal';

/**
 * Socket and undici codes that gemini-cli-core's `isRetryableError` retries (its `RETRYABLE_NETWORK_CODES`). The
 * host reads `error.code` first and stops there, so an error whose `code` is `SAMUS_ERR_*` hides them.
 */
const HOST_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'EPROTO',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

/**
 * A network failure as a gemini-cli-core host must see it: `code` is the socket code (`ECONNREFUSED`, …) where the
 * host's retry logic looks for it; `samusCode`, `hint`, `retryable` and `details` are the {@link SamusError}'s, and
 * the SamusError itself is the `cause`. `name` is `SamusError`, and `SamusError.is(error.cause)` holds.
 */
export class HostNetworkError extends Error {
  override readonly name = 'SamusError';
  /** The socket or undici error code of the failure (what the host's `isRetryableError` reads). */
  readonly code: string;
  /** The stable `SAMUS_ERR_*` code of the failure. */
  readonly samusCode: ErrorCode;
  readonly hint: string;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(error: SamusError, networkCode: string) {
    super(error.message, { cause: error });
    this.code = networkCode;
    this.samusCode = error.code;
    this.hint = error.hint;
    this.retryable = error.retryable;
    this.details = error.details;
  }

  /** `message` followed by the hint, as shown to a person. */
  toDisplayString(): string {
    return `${this.message}\n  hint: ${this.hint}`;
  }
}

/**
 * What a host is given for `error`: a {@link HostNetworkError} when a SamusError was caused by a socket failure the
 * host knows how to retry, otherwise `error` itself (a SamusError carries `status` for HTTP failures, which the
 * host's `getErrorStatus` reads). Aborts pass unchanged, so the host's `isAbortError` still sees them.
 */
export function toHostError(error: unknown): unknown {
  if (!SamusError.is(error) || error.code === 'SAMUS_ERR_ABORTED' || error.status !== undefined) return error;
  const networkCode = errorCodes(error.cause).find((code) => HOST_NETWORK_CODES.has(code));
  return networkCode === undefined ? error : new HostNetworkError(error, networkCode);
}
