import { SamusError, type TimeoutConfig } from '@samus/kernel';
import { CORRELATION_HEADER, trackConnectPhase } from './track-connect-phase.js';

/** The phases a request's time is split into; each has its own timeout. */
export type TimeoutPhase = 'connect' | 'first-byte' | 'idle' | 'total';

/** Options of {@link RequestDeadline}. */
export interface RequestDeadlineOptions {
  /** Per-phase limits in ms; `0` or absent disables a phase. */
  timeouts: Partial<TimeoutConfig>;
  /** The caller's signal: aborting it aborts the request (`SAMUS_ERR_ABORTED`). */
  signal?: AbortSignal | undefined;
  /** When the whole operation started (`performance.now()`), so `totalMs` spans retries. Default: now. */
  startedAt?: number;
  /**
   * Observe the connect phase through undici's diagnostics channels (Node's global `fetch`). Add
   * {@link RequestDeadline.header} to the request. When `false`, the connect and first-byte phases are one
   * phase limited by `firstByteMs` (used for custom `fetch` implementations). Default `true`.
   */
  trackConnect?: boolean;
  /** Where the request goes, for messages. */
  url?: string;
}

let deadlineCounter = 0;
const processTag = Math.random().toString(36).slice(2, 10);

/**
 * Per-phase timeouts and caller abort for one HTTP attempt, as one `AbortSignal` usable with plain `fetch`:
 *
 * - `connect`: from the start until the request is written to an open connection (DNS, TCP, TLS);
 * - `first-byte`: from then until the first body bytes arrive (call {@link firstByte}); this covers a model
 *   load, so it is long;
 * - `idle`: the longest silence between two reads after that (call {@link activity} on every read; it only
 *   stores a timestamp, the single timer re-arms itself);
 * - `total`: the whole operation.
 *
 * When a phase runs out, {@link signal} aborts with a `SAMUS_ERR_TIMEOUT` whose `details.phase` names it; when the
 * caller aborts, with `SAMUS_ERR_ABORTED`. Use {@link toError} to turn whatever `fetch` or the body reader threw
 * into that error. Call {@link dispose} when the attempt is over.
 */
export class RequestDeadline {
  readonly #controller = new AbortController();
  readonly #timeouts: Partial<TimeoutConfig>;
  readonly #url: string | undefined;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #id: string;
  readonly #totalAt: number;
  #phase: Exclude<TimeoutPhase, 'total'> = 'connect';
  #phaseStartedAt: number;
  #lastActivity = 0;
  // One timer for all phases: it fires at or before the earliest deadline and re-arms itself for the rest, so a
  // phase change costs no timer operation (a short request sets one timer and clears it once).
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = Infinity;
  #untrack: (() => void) | undefined;
  #dispatched = false;
  #tracked = false;
  #written = false;
  #reused = false;
  #error: SamusError | undefined;
  readonly #onCallerAbort = (): void => {
    const reason: unknown = this.#callerSignal?.reason;
    if ((reason as { name?: unknown } | undefined)?.name === 'TimeoutError') {
      // The caller's own time limit (`AbortSignal.timeout`): a timeout, not a cancellation.
      this.#abort(
        new SamusError('SAMUS_ERR_TIMEOUT', `The request${this.#url ? ` to ${this.#url}` : ''} ran out of the caller's time limit`, {
          cause: reason,
          retryable: false,
          details: { phase: this.#phase, callerTimeout: true, ...(this.#url ? { url: this.#url } : {}) },
        }),
      );
      return;
    }
    this.#abort(
      new SamusError('SAMUS_ERR_ABORTED', `The request${this.#url ? ` to ${this.#url}` : ''} was aborted by the caller`, {
        cause: reason,
      }),
    );
  };

  constructor(options: RequestDeadlineOptions) {
    this.#timeouts = options.timeouts;
    this.#url = options.url;
    this.#callerSignal = options.signal;
    const now = performance.now();
    this.#phaseStartedAt = now;
    const totalMs = this.#timeouts.totalMs ?? 0;
    this.#totalAt = totalMs > 0 ? (options.startedAt ?? now) + totalMs : Infinity;
    deadlineCounter += 1;
    this.#id = `${processTag}-${deadlineCounter}`;
    if (this.#callerSignal?.aborted) {
      this.#onCallerAbort();
      return;
    }
    this.#callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    const connectMs = this.#timeouts.connectMs ?? 0;
    this.#tracked = options.trackConnect !== false;
    if (this.#tracked) this.#untrack = trackConnectPhase(this.#id, this);
    if (this.#tracked && connectMs > 0) this.#schedule();
    else this.#enter('first-byte');
  }

  /** Aborts on any phase timeout or caller abort. Pass it to `fetch`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The current phase. */
  get phase(): Exclude<TimeoutPhase, 'total'> {
    return this.#phase;
  }

  /** The header to send with the request so the connect phase can be observed (`[name, value]`). */
  get header(): readonly [string, string] {
    return [CORRELATION_HEADER, this.#id];
  }

  /** The error the signal was aborted with, if it was. */
  get error(): SamusError | undefined {
    return this.#error;
  }

  /** The HTTP client created the request (connect-phase tracking works here). @internal */
  dispatched(): void {
    this.#dispatched = true;
  }

  /** The request is on an open connection: the connect phase is over. @internal */
  connected(reused = false): void {
    this.#written = true;
    this.#reused = reused;
    this.#untrack?.();
    this.#untrack = undefined;
    if (this.#phase === 'connect') this.#enter('first-byte');
  }

  /** Whether the request went out on a kept-alive connection that had carried an earlier request. */
  get reusedConnection(): boolean {
    return this.#reused;
  }

  /**
   * Whether the request was written to a connection (so the server may have read it): `false` while it was not,
   * `undefined` when this runtime or a custom `fetch` cannot tell.
   */
  get requestWritten(): boolean | undefined {
    if (this.#written) return true;
    return this.#tracked && this.#dispatched ? false : undefined;
  }

  /** The first body bytes arrived: from now on only silence between reads counts. */
  firstByte(): void {
    if (this.#phase === 'idle') return;
    this.#lastActivity = performance.now();
    this.#enter('idle');
  }

  /** A read arrived (cheap: stores a timestamp). */
  activity(): void {
    this.#lastActivity = performance.now();
  }

  /**
   * The timeout / abort error when this deadline aborted the request (so whatever `fetch` or a body read threw
   * because of it can be replaced by it); otherwise `undefined`.
   */
  toError(_error?: unknown): SamusError | undefined {
    return this.#error;
  }

  /** Stops the timer and the caller-signal listener. Idempotent. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
    this.#untrack?.();
    this.#untrack = undefined;
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  #enter(phase: Exclude<TimeoutPhase, 'total'>): void {
    if (this.#error) return;
    this.#phase = phase;
    this.#phaseStartedAt = performance.now();
    this.#schedule();
  }

  /** When the current phase runs out (`Infinity` when it has no limit). */
  #phaseDeadline(): number {
    const limit = this.#phase === 'connect' ? this.#timeouts.connectMs : this.#phase === 'first-byte' ? this.#timeouts.firstByteMs : this.#timeouts.idleMs;
    if (limit === undefined || limit <= 0) return Infinity;
    return (this.#phase === 'idle' ? this.#lastActivity : this.#phaseStartedAt) + limit;
  }

  /** Makes sure the timer fires no later than the earliest deadline. */
  #schedule(): void {
    const at = Math.min(this.#phaseDeadline(), this.#totalAt);
    if (at === Infinity || at >= this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(1, at - performance.now()));
    this.#timer.unref?.();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    if (this.#error) return;
    const now = performance.now();
    if (now >= this.#totalAt) {
      this.#timeout('total', this.#timeouts.totalMs ?? 0);
      return;
    }
    if (now >= this.#phaseDeadline()) {
      if (this.#phase === 'connect' && !this.#dispatched) {
        // The HTTP client never reported the request: no diagnostics here, so connect and first byte are one phase
        // (the first-byte limit counts from the start of the request).
        this.#untrack?.();
        this.#untrack = undefined;
        this.#phase = 'first-byte';
        this.#schedule();
        return;
      }
      const limit = this.#phase === 'connect' ? this.#timeouts.connectMs : this.#phase === 'first-byte' ? this.#timeouts.firstByteMs : this.#timeouts.idleMs;
      this.#timeout(this.#phase, limit ?? 0);
      return;
    }
    this.#schedule();
  }

  #timeout(phase: TimeoutPhase, ms: number): void {
    const where = this.#url ? ` from ${this.#url}` : '';
    const messages: Record<TimeoutPhase, string> = {
      connect: `Could not connect${this.#url ? ` to ${this.#url}` : ''} within ${ms} ms (connect timeout)`,
      'first-byte': `No response${where} within ${ms} ms (first-byte timeout); a first request may be loading the model`,
      idle: `The stream${where} was silent for ${ms} ms (idle timeout)`,
      total: `The request${where} took longer than ${ms} ms (total timeout)`,
    };
    const option = phase === 'first-byte' ? 'firstByteMs' : `${phase}Ms`;
    this.#abort(
      new SamusError('SAMUS_ERR_TIMEOUT', messages[phase], {
        hint: `Raise timeouts.${option} (now ${ms} ms)${phase === 'first-byte' ? '; loading a large model can take minutes' : ''}.`,
        retryable: phase === 'connect',
        details: { phase, timeoutMs: ms, ...(this.#url ? { url: this.#url } : {}) },
      }),
    );
  }

  #abort(error: SamusError): void {
    if (this.#error) return;
    this.#error = error;
    this.dispose();
    this.#controller.abort(error);
  }
}
