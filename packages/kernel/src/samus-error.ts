import { ERROR_CODES, type ErrorCode } from './error-codes.js';

const MARKER = Symbol.for('samus.error');

/** Options of {@link SamusError}. */
export interface SamusErrorOptions {
  /** One-line fix hint for the person; defaults to the code's catalogue hint. */
  hint?: string;
  /** Whether retrying the same request may succeed; defaults to the code's catalogue value. */
  retryable?: boolean;
  /** The original error. */
  cause?: unknown;
  /** Machine-readable details (never secrets): phase, model, sizes, suggestions, partial text… */
  details?: Readonly<Record<string, unknown>>;
  /**
   * The HTTP status of the failed answer the error came from, when there was one. Defaults to a numeric
   * `details.status` from 300 to 599 (an error inside a 200 stream has no status of its own), else the `status` of a
   * `SamusError` given as `cause` (so re-wrapping an error keeps it).
   */
  status?: number | undefined;
}

/** The phrase hosts (gemini-cli's `isRetryableError`) retry on; never part of a SamusError message. */
const FETCH_FAILED = /fetch failed/gi;

function statusOf(options: SamusErrorOptions): number | undefined {
  if (options.status !== undefined) return options.status;
  const fromDetails = options.details?.['status'];
  if (typeof fromDetails === 'number' && Number.isInteger(fromDetails) && fromDetails >= 300 && fromDetails <= 599) return fromDetails;
  const cause = options.cause as { status?: unknown; [MARKER]?: unknown } | null | undefined;
  if (typeof cause === 'object' && cause !== null && cause[MARKER] === true && typeof cause.status === 'number') return cause.status;
  return undefined;
}

/**
 * The one error class of @samus. `code` is stable; `message` says what happened, `hint` what to do; `status` is the
 * HTTP status when the error came from an HTTP answer (what hosts such as gemini-cli read to decide on retries).
 * The original error stays reachable through `cause` (a refused connection keeps Node's socket error, with its
 * `code` such as `ECONNREFUSED`, in the chain). A message never contains the phrase "fetch failed" (it is replaced
 * by "network request failed"): hosts retry any error whose message contains it, which would multiply requests.
 * Identity works across duplicate package copies: use {@link SamusError.is}.
 */
export class SamusError extends Error {
  override readonly name = 'SamusError';
  readonly code: ErrorCode;
  readonly hint: string;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;
  /** HTTP status of the answer the error came from; absent when there was no HTTP answer (refused connection, timeout…). */
  declare readonly status?: number;
  readonly [MARKER] = true;

  constructor(code: ErrorCode, message: string, options: SamusErrorOptions = {}) {
    super(message.replace(FETCH_FAILED, 'network request failed'), options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? ERROR_CODES[code].hint;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.details = options.details ?? {};
    const status = statusOf(options);
    if (status !== undefined) this.status = status;
  }

  /** True when `value` is a SamusError (from any copy of the package), optionally with the given code. */
  static is(value: unknown, code?: ErrorCode): value is SamusError {
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[MARKER] === true &&
      (code === undefined || (value as SamusError).code === code)
    );
  }

  /** `message` followed by the hint, as shown to a person. */
  toDisplayString(): string {
    return `${this.message}\n  hint: ${this.hint}`;
  }

  toJSON(): { name: string; code: ErrorCode; message: string; hint: string; retryable: boolean; status?: number; details: Readonly<Record<string, unknown>> } {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      retryable: this.retryable,
      ...(this.status === undefined ? {} : { status: this.status }),
      details: this.details,
    };
  }
}
