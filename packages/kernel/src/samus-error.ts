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
}

/**
 * The one error class of @samus. `code` is stable; `message` says what happened, `hint` what to do.
 * Identity works across duplicate package copies: use {@link SamusError.is}.
 */
export class SamusError extends Error {
  override readonly name = 'SamusError';
  readonly code: ErrorCode;
  readonly hint: string;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;
  readonly [MARKER] = true;

  constructor(code: ErrorCode, message: string, options: SamusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? ERROR_CODES[code].hint;
    this.retryable = options.retryable ?? ERROR_CODES[code].retryable;
    this.details = options.details ?? {};
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

  toJSON(): { name: string; code: ErrorCode; message: string; hint: string; retryable: boolean; details: Readonly<Record<string, unknown>> } {
    return { name: this.name, code: this.code, message: this.message, hint: this.hint, retryable: this.retryable, details: this.details };
  }
}
