/** `closed`: requests flow; `open`: none until the cooldown ends; `half-open`: one trial decides. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker (default 3). */
  failureThreshold?: number;
  /** First open period in milliseconds (default 5 000); doubles after each failed trial. */
  cooldownMs?: number;
  /** Longest open period (default 60 000). */
  maxCooldownMs?: number;
  /** Clock, for tests. */
  now?: () => number;
}

/**
 * A per-server circuit breaker: opens after N consecutive failures, turns half-open when the cooldown
 * has passed, closes again on one successful trial, and reopens with a doubled cooldown when the trial fails.
 * {@link CircuitBreaker.beginTrial} makes the half-open state explicit for as long as the trial runs (and reports
 * the `open → half-open` transition), so it can be observed instead of lasting only the instant of the trial's result.
 */
export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly #baseCooldownMs: number;
  readonly #maxCooldownMs: number;
  readonly #now: () => number;
  #state: BreakerState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #cooldownMs: number;
  #listeners = new Set<(from: BreakerState, to: BreakerState) => void>();

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = Math.max(1, options.failureThreshold ?? 3);
    this.#baseCooldownMs = Math.max(0, options.cooldownMs ?? 5_000);
    this.#maxCooldownMs = Math.max(this.#baseCooldownMs, options.maxCooldownMs ?? 60_000);
    this.#cooldownMs = this.#baseCooldownMs;
    this.#now = options.now ?? Date.now;
  }

  /** The current state (`open` becomes `half-open` by itself once the cooldown has passed). */
  get state(): BreakerState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.#cooldownMs) return 'half-open';
    return this.#state;
  }

  /** Consecutive failures counted so far. */
  get failures(): number {
    return this.#failures;
  }

  /** Milliseconds until an open breaker turns half-open (0 when not open). */
  msUntilHalfOpen(): number {
    if (this.#state !== 'open') return 0;
    return Math.max(0, this.#openedAt + this.#cooldownMs - this.#now());
  }

  /**
   * Starts a trial when the cooldown has passed: the breaker is `half-open` from now until the trial's
   * {@link CircuitBreaker.recordSuccess} or {@link CircuitBreaker.recordFailure}. Returns true when the breaker is
   * half-open (a trial may run), false while it is closed or still cooling down.
   */
  beginTrial(): boolean {
    const from = this.state;
    if (from !== 'half-open') return false;
    if (this.#state === 'open') {
      this.#state = 'half-open';
      for (const listener of this.#listeners) listener('open', 'half-open');
    }
    return true;
  }

  /** True when normal traffic may go through (closed only: half-open trials are made by the health checker). */
  allowsTraffic(): boolean {
    return this.#state === 'closed';
  }

  /** Calls `listener(from, to)` on every transition it causes; returns a function that removes it. */
  onTransition(listener: (from: BreakerState, to: BreakerState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  recordSuccess(): void {
    const from = this.state;
    this.#failures = 0;
    if (this.#state !== 'closed') {
      this.#state = 'closed';
      this.#cooldownMs = this.#baseCooldownMs;
    }
    this.#notify(from);
  }

  recordFailure(): void {
    const from = this.state;
    this.#failures += 1;
    if (from === 'half-open') {
      this.#cooldownMs = Math.min(this.#maxCooldownMs, Math.max(1, this.#cooldownMs * 2));
      this.#openedAt = this.#now();
      this.#state = 'open';
    } else if (from === 'closed' && this.#failures >= this.failureThreshold) {
      this.#state = 'open';
      this.#openedAt = this.#now();
    }
    this.#notify(from);
  }

  #notify(from: BreakerState): void {
    const to = this.state;
    if (from === to) return;
    for (const listener of this.#listeners) listener(from, to);
  }
}
