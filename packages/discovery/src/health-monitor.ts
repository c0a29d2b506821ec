import { SamusError } from '@samus/kernel';
import { CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker.js';
import type { DiscoveredServer } from './discovered-server.js';
import type { DiscoveryEvents } from './discovery-events.js';

/**
 * `unknown`: not checked yet; `healthy`: takes traffic; `degraded`: still takes traffic, but its last checks or
 * requests failed (fewer than the breaker's threshold); `unhealthy`: breaker open, no traffic; `recovering`: breaker
 * half-open, the next probe decides.
 */
export type ServerHealthState = 'unknown' | 'healthy' | 'degraded' | 'unhealthy' | 'recovering';

/** Checks one server; resolves when healthy, rejects (ideally with a SamusError) when not. */
export type HealthCheck = (server: DiscoveredServer, signal: AbortSignal) => Promise<void>;

/** Options of {@link HealthMonitor}. */
export interface HealthMonitorOptions {
  check: HealthCheck;
  /** Bus for `server:state` events. */
  events?: DiscoveryEvents;
  /** Interval between checks of a healthy server, ms (default 10 000). */
  intervalMs?: number;
  /** Timeout of one check, ms (default 2 000). */
  checkTimeoutMs?: number;
  /** First retry delay after a failed check, ms (default 1 000); doubles per failure up to `maxBackoffMs`. */
  backoffMs?: number;
  /** Longest delay between checks of a failing server, ms (default 30 000). */
  maxBackoffMs?: number;
  /** Breaker settings, per server. */
  breaker?: CircuitBreakerOptions;
}

/** Health of one server as the monitor sees it. */
export interface ServerHealth {
  url: string;
  state: ServerHealthState;
  breaker: 'closed' | 'open' | 'half-open';
  consecutiveFailures: number;
  lastError?: SamusError;
  lastCheckedAt?: number;
}

interface Entry {
  server: DiscoveredServer;
  breaker: CircuitBreaker;
  state: ServerHealthState;
  checkFailures: number;
  lastError?: SamusError;
  lastCheckedAt?: number;
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<ServerHealthState>;
}

function toSamusError(error: unknown, server: DiscoveredServer): SamusError {
  if (SamusError.is(error)) return error;
  return new SamusError('SAMUS_ERR_SERVER_NOT_RUNNING', `Health check of ${server.url} failed: ${error instanceof Error ? error.message : String(error)}`, {
    cause: error,
    details: { url: server.url },
  });
}

/**
 * Watches servers: interval checks (with exponential backoff while a server fails), a circuit breaker per
 * server fed by both checks and real request outcomes, and `server:state` events. A server whose breaker is
 * open is probed when the cooldown ends; one good probe closes the breaker and the server rejoins.
 * Timers are unref'd and stop with {@link HealthMonitor.stop}.
 */
export class HealthMonitor {
  readonly #entries = new Map<string, Entry>();
  readonly #options: Required<Omit<HealthMonitorOptions, 'events' | 'breaker'>> & Pick<HealthMonitorOptions, 'events' | 'breaker'>;
  #running = false;

  constructor(options: HealthMonitorOptions) {
    this.#options = {
      intervalMs: 10_000,
      checkTimeoutMs: 2_000,
      backoffMs: 1_000,
      maxBackoffMs: 30_000,
      ...options,
    };
  }

  /** Starts interval checks for all servers (and every server added later). */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    for (const entry of this.#entries.values()) this.#schedule(entry, 0);
  }

  /** Stops all timers; in-flight checks finish on their own (bounded by the check timeout). */
  stop(): void {
    this.#running = false;
    for (const entry of this.#entries.values()) {
      if (entry.timer) clearTimeout(entry.timer);
      delete entry.timer;
    }
  }

  /** Adds a server (no-op when present: the known entry keeps its breaker). */
  add(server: DiscoveredServer, initialState: ServerHealthState = 'unknown'): void {
    const known = this.#entries.get(server.url);
    if (known) {
      known.server = server;
      return;
    }
    const entry: Entry = { server, breaker: new CircuitBreaker(this.#options.breaker), state: initialState, checkFailures: 0 };
    this.#entries.set(server.url, entry);
    if (this.#running) this.#schedule(entry, initialState === 'healthy' ? this.#options.intervalMs : 0);
  }

  remove(url: string): void {
    const entry = this.#entries.get(url);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.#entries.delete(url);
  }

  has(url: string): boolean {
    return this.#entries.has(url);
  }

  /** True when normal traffic may go to `url` (breaker closed). Unknown servers count as available. */
  isAvailable(url: string): boolean {
    return this.#entries.get(url)?.breaker.allowsTraffic() ?? false;
  }

  state(url: string): ServerHealthState {
    const entry = this.#entries.get(url);
    return entry ? this.#refresh(entry) : 'unknown';
  }

  /** Health of every watched server. */
  snapshot(): ServerHealth[] {
    return [...this.#entries.values()].map((entry) => ({
      url: entry.server.url,
      state: this.#refresh(entry),
      breaker: entry.breaker.state,
      consecutiveFailures: entry.breaker.failures,
      ...(entry.lastError ? { lastError: entry.lastError } : {}),
      ...(entry.lastCheckedAt === undefined ? {} : { lastCheckedAt: entry.lastCheckedAt }),
    }));
  }

  /** A request to `url` got an answer: counts as a success for the breaker. */
  reportSuccess(url: string): void {
    const entry = this.#entries.get(url);
    if (!entry) return;
    entry.breaker.recordSuccess();
    entry.checkFailures = 0;
    delete entry.lastError;
    this.#refresh(entry, true);
  }

  /** A request to `url` failed because of the server (refused, timeout, 5xx, broken stream). */
  reportFailure(url: string, error: unknown): void {
    const entry = this.#entries.get(url);
    if (!entry) return;
    const wasClosed = entry.breaker.allowsTraffic();
    entry.breaker.recordFailure();
    entry.lastError = toSamusError(error, entry.server);
    this.#refresh(entry);
    // The breaker just opened: probe when the cooldown ends instead of waiting for the healthy interval.
    if (wasClosed && !entry.breaker.allowsTraffic() && this.#running) this.#schedule(entry, entry.breaker.msUntilHalfOpen());
  }

  /** Checks one server now (or every server without `url`); concurrent calls share one check. */
  async checkNow(url?: string): Promise<void> {
    const entries = url === undefined ? [...this.#entries.values()] : [this.#entries.get(url)].filter((e): e is Entry => e !== undefined);
    await Promise.all(entries.map((entry) => this.#check(entry)));
  }

  #check(entry: Entry): Promise<ServerHealthState> {
    if (entry.running) return entry.running;
    // A probe after the cooldown is the half-open trial: report `recovering` for as long as it runs.
    if (entry.breaker.beginTrial()) this.#refresh(entry);
    const run = (async (): Promise<ServerHealthState> => {
      try {
        await this.#options.check(entry.server, AbortSignal.timeout(this.#options.checkTimeoutMs));
        entry.breaker.recordSuccess();
        entry.checkFailures = 0;
        delete entry.lastError;
      } catch (error) {
        // While open the breaker is not probed: only a half-open or closed breaker counts the failure.
        if (entry.breaker.state !== 'open') entry.breaker.recordFailure();
        entry.checkFailures += 1;
        entry.lastError = toSamusError(error, entry.server);
      } finally {
        entry.lastCheckedAt = Date.now();
        delete entry.running;
      }
      const state = this.#refresh(entry, true);
      if (this.#running && this.#entries.get(entry.server.url) === entry) this.#schedule(entry, this.#nextDelay(entry));
      return state;
    })();
    entry.running = run;
    return run;
  }

  #nextDelay(entry: Entry): number {
    if (entry.checkFailures === 0 && entry.breaker.allowsTraffic()) return this.#options.intervalMs;
    const backoff = Math.min(this.#options.maxBackoffMs, this.#options.backoffMs * 2 ** Math.max(0, entry.checkFailures - 1));
    return Math.max(backoff, entry.breaker.msUntilHalfOpen());
  }

  #schedule(entry: Entry, delayMs: number): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => {
      delete entry.timer;
      void this.#check(entry);
    }, delayMs);
    entry.timer.unref();
  }

  /** Recomputes the state from the breaker and emits `server:state` when it changed. */
  #refresh(entry: Entry, checked = false): ServerHealthState {
    const breaker = entry.breaker.state;
    let next: ServerHealthState;
    if (breaker === 'open') next = 'unhealthy';
    else if (breaker === 'half-open') next = 'recovering';
    else if (entry.breaker.failures > 0) next = 'degraded';
    else if (entry.state === 'unknown' && !checked && entry.lastCheckedAt === undefined) next = 'unknown';
    else next = 'healthy';
    if (next !== entry.state) {
      const from = entry.state;
      entry.state = next;
      this.#options.events?.emit('server:state', { url: entry.server.url, from, to: next, ...(entry.lastError ? { error: entry.lastError } : {}) });
    }
    return next;
  }
}
