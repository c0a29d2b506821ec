import { SamusError } from '@samus/kernel';

const SENSITIVE_HEADER = /auth|key|token|secret|cookie|password|session|signature/i;
const MIN_SECRET_LENGTH = 4;
const MASK = '***';

/**
 * Removes configured secrets (API keys, tokens, URL passwords, values of sensitive headers) from text and errors.
 * One redactor per transport: every error it throws, whatever path produced it, goes through {@link error}, so a
 * server that echoes a credential back (in an error message, a body, a header) never gets it into a message,
 * `details`, `stack` or event.
 */
export class SecretRedactor {
  readonly #secrets: string[];

  constructor(secrets: Iterable<string | undefined>) {
    const unique = new Set<string>();
    for (const secret of secrets) if (secret !== undefined && secret.length >= MIN_SECRET_LENGTH) unique.add(secret);
    // Longest first, so a secret that contains another is removed whole.
    this.#secrets = [...unique].sort((a, b) => b.length - a.length);
  }

  /** The secrets of a request configuration: the key, sensitive header values (and the parts of `Bearer`/`Basic` values). */
  static fromConfig(apiKey: string | undefined, headers: Readonly<Record<string, string>> | undefined): SecretRedactor {
    const secrets: Array<string | undefined> = [apiKey];
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (!SENSITIVE_HEADER.test(name)) continue;
      secrets.push(value);
      const scheme = /^\s*(bearer|basic|token)\s+(.+)$/i.exec(value);
      if (scheme) {
        secrets.push(scheme[2]!.trim());
        if (scheme[1]!.toLowerCase() === 'basic') {
          const decoded = Buffer.from(scheme[2]!.trim(), 'base64').toString('utf8');
          const colon = decoded.indexOf(':');
          if (colon >= 0) secrets.push(decoded.slice(colon + 1), decoded);
        }
      }
    }
    return new SecretRedactor(secrets);
  }

  /** Whether there is anything to remove. */
  get empty(): boolean {
    return this.#secrets.length === 0;
  }

  /** `text` with every secret replaced by `***`. */
  text(text: string): string {
    let result = text;
    for (const secret of this.#secrets) if (result.includes(secret)) result = result.split(secret).join(MASK);
    return result;
  }

  /** Any JSON-like value with secrets removed from every string in it (depth-limited). */
  value(value: unknown, depth = 0): unknown {
    if (typeof value === 'string') return this.text(value);
    if (depth > 8 || value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return value.map((item) => this.value(item, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.value(item, depth + 1);
    return out;
  }

  /**
   * `error` without secrets in its message, hint, details, stack and cause chain. Returns the same object when it
   * holds none (the common case: no cost).
   */
  error(error: SamusError): SamusError {
    if (this.#secrets.length === 0 || !this.#contains(error)) return error;
    const redacted = new SamusError(error.code, this.text(error.message), {
      hint: this.text(error.hint),
      retryable: error.retryable,
      status: error.status,
      details: this.value(error.details) as Record<string, unknown>,
      ...(error.cause === undefined ? {} : { cause: this.#cause(error.cause) }),
    });
    if (error.stack) redacted.stack = this.text(error.stack);
    return redacted;
  }

  #contains(error: SamusError): boolean {
    const seen = new Set<unknown>();
    const visit = (value: unknown, depth: number): boolean => {
      if (typeof value === 'string') return this.#secrets.some((secret) => value.includes(secret));
      if (depth > 8 || value === null || typeof value !== 'object' || seen.has(value)) return false;
      seen.add(value);
      if (value instanceof Error) {
        if (visit(value.message, depth + 1) || visit(value.stack, depth + 1) || visit((value as { cause?: unknown }).cause, depth + 1)) return true;
      }
      return Object.values(value).some((item) => visit(item, depth + 1));
    };
    return visit(error, 0) || visit(error.hint, 0);
  }

  #cause(cause: unknown, depth = 0): unknown {
    if (depth > 6 || !(cause instanceof Error)) return typeof cause === 'string' ? this.text(cause) : cause;
    if (SamusError.is(cause)) return this.error(cause);
    const copy = new Error(this.text(cause.message));
    copy.name = cause.name;
    if (cause.stack) copy.stack = this.text(cause.stack);
    const record = cause as unknown as Record<string, unknown>;
    for (const key of ['code', 'errno', 'syscall', 'address', 'port']) if (record[key] !== undefined) (copy as unknown as Record<string, unknown>)[key] = record[key];
    const inner = (cause as { cause?: unknown }).cause;
    if (inner !== undefined) (copy as { cause?: unknown }).cause = this.#cause(inner, depth + 1);
    return copy;
  }
}
