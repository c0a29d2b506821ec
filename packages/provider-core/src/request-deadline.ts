import { SamusError, type TimeoutConfig } from '@samus/kernel';
import { CORRELATION_HEADER, trackConnectPhase } from './connect-phase-tracker.js';

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
  readonly #startedAt: number;
  readonly #url: string | undefined;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #id: string;
  #phase: Exclude<TimeoutPhase, 'total'> = 'connect';
  #phaseStartedAt: number;
  #lastActivity = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #totalTimer: ReturnType<typeof setTimeout> | undefined;
  #untrack: (() => void) | undefined;
  #dispatched = false;
  #error: SamusError | undefined;
  readonly #onCallerAbort = (): void => {
    const reason: unknown = this.#callerSignal?.reason;
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
    this.#startedAt = options.startedAt ?? now;
    this.#phaseStartedAt = now;
    deadlineCounter += 1;
    this.#id = `${processTag}-${deadlineCounter}`;
    if (this.#callerSignal?.aborted) {
      this.#onCallerAbort();
      return;
    }
    this.#callerSignal?.addEventListener('abort', this.#onCallerAbort, { once: true });
    const totalMs = this.#timeouts.totalMs ?? 0;
    if (totalMs > 0) {
      const remaining = Math.max(0, totalMs - (now - this.#startedAt));
      this.#totalTimer = setTimeout(() => this.#timeout('total', totalMs), remaining);
      this.#totalTimer.unref?.();
    }
    const connectMs = this.#timeouts.connectMs ?? 0;
    if (options.trackConnect !== false && connectMs > 0) {
      this.#untrack = trackConnectPhase(this.#id, {
        dispatched: () => {
          this.#dispatched = true;
        },
        connected: () => this.#enter('first-byte'),
      });
      this.#arm(connectMs);
    } else {
      this.#enter('first-byte');
    }
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
   * Maps what `fetch` or a body read threw: when this deadline aborted the request, the timeout / abort error
   * (with `error` as its cause when it is not already that error); otherwise `undefined`.
   */
  toError(_error?: unknown): SamusError | undefined {
    return this.#error;
  }

  /** Stops the timers and the caller-signal listener. Idempotent. */
  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#totalTimer !== undefined) clearTimeout(this.#totalTimer);
    this.#timer = undefined;
    this.#totalTimer = undefined;
    this.#untrack?.();
    this.#untrack = undefined;
    this.#callerSignal?.removeEventListener('abort', this.#onCallerAbort);
  }

  #enter(phase: Exclude<TimeoutPhase, 'total'>): void {
    if (this.#error) return;
    if (phase === 'first-byte') {
      this.#untrack?.();
      this.#untrack = undefined;
    }
    this.#phase = phase;
    this.#phaseStartedAt = performance.now();
    const limit = phase === 'first-byte' ? (this.#timeouts.firstByteMs ?? 0) : phase === 'idle' ? (this.#timeouts.idleMs ?? 0) : (this.#timeouts.connectMs ?? 0);
    this.#arm(limit);
  }

  #arm(ms: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (ms <= 0) return;
    this.#timer = setTimeout(() => this.#fire(), ms);
    this.#timer.unref?.();
  }

  #fire(): void {
    this.#timer = undefined;
    const now = performance.now();
    if (this.#phase === 'connect') {
      if (!this.#dispatched) {
        // The HTTP client never reported the request: no diagnostics here, so connect and first byte are one phase.
        this.#untrack?.();
        this.#untrack = undefined;
        this.#phase = 'first-byte';
        const firstByteMs = this.#timeouts.firstByteMs ?? 0;
        this.#arm(firstByteMs > 0 ? Math.max(1, firstByteMs - (now - this.#phaseStartedAt)) : 0);
        return;
      }
      this.#timeout('connect', this.#timeouts.connectMs ?? 0);
      return;
    }
    if (this.#phase === 'idle') {
      const idleMs = this.#timeouts.idleMs ?? 0;
      const silent = now - this.#lastActivity;
      if (silent < idleMs) {
        this.#arm(Math.max(1, idleMs - silent));
        return;
      }
      this.#timeout('idle', idleMs);
      return;
    }
    this.#timeout('first-byte', this.#timeouts.firstByteMs ?? 0);
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
