import type { CatalogueModel } from './catalogue-model.js';
import type { ServerHealthState } from './health-monitor.js';
import type { SamusError } from '@samus/kernel';

/** Events of a discovery instance (the kernel bus carries per-request events; this one carries fleet state). */
export interface DiscoveryEventMap {
  /** A server's health state changed (`unknown`, `healthy`, `degraded`, `unhealthy`, `recovering`). */
  'server:state': { url: string; from: ServerHealthState; to: ServerHealthState; error?: SamusError };
  /** A server joined the fleet (found by a probe or added by hand). */
  'server:added': { url: string; kind: string };
  /** A server left the fleet. */
  'server:removed': { url: string };
  /** The catalogue was refreshed. */
  'catalogue:updated': { models: readonly CatalogueModel[]; errors: readonly { url: string; error: SamusError }[] };
  /** A routing pool chose the servers for a request (first = where it goes unless that one fails before its first token). */
  'route:decision': RouteDecisionEvent;
  /** A routing pool gave up on a server before its first token and moves the request on to the next candidate. */
  'route:failover': RouteFailoverEvent;
}

/** One failover before the first token (emitted only while someone listens). */
export interface RouteFailoverEvent {
  model: string;
  /** The server given up on. */
  url: string;
  /** `deadline`: no first token within the failover deadline (the attempt was aborted); `error`: the attempt failed. */
  reason: 'deadline' | 'error';
  /** Code of the error the attempt ended with (`SAMUS_ERR_TIMEOUT` for the deadline), when it is a `SamusError`. */
  code: string | undefined;
  /** How long the attempt ran, ms. */
  waitedMs: number;
  /** The failover deadline that applied to the attempt, ms (undefined: none, it could wait the full `firstByteMs`). */
  failoverAfterMs: number | undefined;
}

/** Why the pool's first choice won. */
export type RouteReason = 'affinity' | 'load' | 'fastest' | 'explore' | 'strategy';

/** One routing decision (emitted only while someone listens). */
export interface RouteDecisionEvent {
  model: string;
  strategy: string;
  /** The conversation's session key (from the host's prompt id or a hash of the conversation prefix). */
  sessionKey: string | undefined;
  /** The chosen server. */
  url: string;
  /**
   * `affinity`: the server that holds the conversation's cached prefix; `load`: the conversation has a cached prefix
   * elsewhere, but that server was too busy (stickiness yielded to load); `fastest`: lowest expected completion time,
   * no affinity; `explore`: a server not measured yet; `strategy`: a strategy without estimates.
   */
  reason: RouteReason;
  /** Server holding the conversation's cached prefix, if any. */
  affinityUrl: string | undefined;
  /** Estimated prompt tokens of the request. */
  promptTokens: number;
  /** Every candidate in the order chosen, with what the estimate used. */
  candidates: readonly { url: string; inFlight: number; capacity: number | undefined; cachedTokens: number; expectedMs: number | undefined }[];
}

export type DiscoveryEventName = keyof DiscoveryEventMap;

/** A small synchronous typed emitter; a throwing listener is reported to `onListenerError` and never breaks the caller. */
export class DiscoveryEvents {
  readonly #listeners = new Map<DiscoveryEventName, Set<(event: never) => void>>();
  readonly #onListenerError: (error: unknown, name: DiscoveryEventName) => void;

  constructor(options: { onListenerError?: (error: unknown, name: DiscoveryEventName) => void } = {}) {
    this.#onListenerError =
      options.onListenerError ??
      ((error, name) => console.error(`[samus discovery] a listener of "${name}" threw: ${error instanceof Error ? error.message : String(error)}`));
  }

  /** Adds a listener; returns a function that removes it. */
  on<K extends DiscoveryEventName>(name: K, listener: (event: DiscoveryEventMap[K]) => void): () => void {
    let set = this.#listeners.get(name);
    if (!set) this.#listeners.set(name, (set = new Set()));
    set.add(listener as (event: never) => void);
    return () => set.delete(listener as (event: never) => void);
  }

  /** True when `name` has at least one listener (lets emitters skip building an event nobody reads). */
  has(name: DiscoveryEventName): boolean {
    return (this.#listeners.get(name)?.size ?? 0) > 0;
  }

  emit<K extends DiscoveryEventName>(name: K, event: DiscoveryEventMap[K]): void {
    for (const listener of this.#listeners.get(name) ?? []) {
      try {
        (listener as (event: DiscoveryEventMap[K]) => void)(event);
      } catch (error) {
        this.#onListenerError(error, name);
      }
    }
  }
}
