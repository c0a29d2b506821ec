import { type CatalogueModel } from './catalogue-model.js';
import { type ServerHealthState } from './health-monitor.js';
import { type SamusError } from '@samus/kernel';

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
