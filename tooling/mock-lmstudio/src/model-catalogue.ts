import { abortableSleep } from './abortable-sleep';
import type { MockModel, MockModelLoadState, MockModelState } from './mock-model';
import { hashString } from './seeded-random';

interface Entry {
  model: MutableModelState;
  loadPromise: Promise<void> | undefined;
  ttlTimer: NodeJS.Timeout | undefined;
}

type MutableModelState = { -readonly [K in keyof MockModelState]: MockModelState[K] };

/** Settings the catalogue needs from the server options. */
export interface ModelCatalogueSettings {
  jit: boolean;
  autoEvict: boolean;
  loadDelayMs: number;
  ttlDefaultSec: number;
  /** Model ids whose loads fail after the load delay. */
  failingLoads: readonly string[];
  /** Aborted when the server closes: pending loads stop and no timer survives. */
  signal: AbortSignal;
}

function titleCase(id: string): string {
  const base = id.split('/').pop() ?? id;
  return base
    .split(/[-_]/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/** Fills the defaults of a {@link MockModel}. */
export function normaliseModel(model: MockModel): MockModelState {
  const embeddings = model.type === 'embeddings';
  const maxContextLength = model.maxContextLength ?? (embeddings ? 2048 : 32768);
  return {
    id: model.id,
    type: model.type,
    publisher: model.publisher ?? 'lmstudio-community',
    arch: model.arch ?? (embeddings ? 'nomic-bert' : 'llama'),
    quantization: model.quantization ?? 'Q4_K_M',
    compatibilityType: model.compatibilityType ?? 'gguf',
    maxContextLength,
    loadedContextLength: model.loadedContextLength ?? Math.min(4096, maxContextLength),
    capabilities: [...(model.capabilities ?? [])],
    displayName: model.displayName ?? titleCase(model.id),
    sizeBytes: model.sizeBytes ?? 200_000_000 + (hashString(model.id) % 4_000_000_000),
    paramsString: model.paramsString ?? null,
    embeddingDimensions: model.embeddingDimensions ?? 768,
    reasoning: model.reasoning,
    variants: model.variants,
    selectedVariant: model.selectedVariant ?? model.variants?.[0],
    instances: Math.max(1, Math.floor(model.instances ?? 1)),
    loadConfig: model.loadConfig,
    state: model.loaded ? 'loaded' : 'not-loaded',
    loadedBy: model.loaded ? 'manual' : undefined,
    ttlSec: undefined,
    loadCount: model.loaded ? 1 : 0,
  };
}

/** A load that failed (model listed in `failingLoads`). */
export class ModelLoadError extends Error {
  constructor(readonly modelId: string) {
    // [inferred] wording, after load failures reported in LM Studio's bug tracker (not in api-facts).
    super(`Failed to load model "${modelId}". Error: Model loading aborted due to insufficient system resources.`);
    this.name = 'ModelLoadError';
  }
}

/**
 * The downloaded models and their load state: JIT loads (with delay), idle TTL eviction and "only keep last JIT
 * loaded model" (api-facts 3.5).
 */
export class ModelCatalogue {
  private entries: Entry[] = [];

  constructor(
    models: readonly MockModel[],
    readonly settings: ModelCatalogueSettings,
  ) {
    this.replace(models);
  }

  /** Replaces every entry (clearing their timers). */
  replace(models: readonly MockModel[]): void {
    this.dispose();
    this.entries = models.map((model) => ({ model: { ...normaliseModel(model) }, loadPromise: undefined, ttlTimer: undefined }));
  }

  /** Adds an entry (after a finished download); no-op when the id exists. */
  add(model: MockModel): void {
    if (this.entries.some((entry) => entry.model.id === model.id)) return;
    this.entries.push({ model: { ...normaliseModel(model) }, loadPromise: undefined, ttlTimer: undefined });
  }

  /** Snapshot of every entry. */
  list(): MockModelState[] {
    return this.entries.map((entry) => ({ ...entry.model, capabilities: [...entry.model.capabilities] }));
  }

  /** Entries currently loaded. */
  loaded(): MockModelState[] {
    return this.list().filter((model) => model.state === 'loaded');
  }

  /**
   * Finds a model by the identifier a client sent: the exact id, `publisher/id` (as in LM Studio's tool docs,
   * `lmstudio-community/qwen2.5-7b-instruct`), or `id@quantization` ([inferred] case-insensitive variant match).
   */
  find(identifier: string): MockModelState | undefined {
    const entry = this.findEntry(identifier);
    return entry ? { ...entry.model } : undefined;
  }

  private findEntry(identifier: string): Entry | undefined {
    const exact = this.entries.find((entry) => entry.model.id === identifier);
    if (exact) return exact;
    const lower = identifier.toLowerCase();
    return this.entries.find((entry) => {
      const m = entry.model;
      const id = m.id.toLowerCase();
      if (id === lower) return true;
      if (`${m.publisher}/${m.id}`.toLowerCase() === lower) return true;
      // A second (third…) loaded instance is addressed as `<id>:2` (api-facts 3.2).
      const instance = /^(.*):(\d+)$/.exec(lower);
      if (instance && instance[1] === id && m.state === 'loaded' && Number(instance[2]) >= 2 && Number(instance[2]) <= m.instances) return true;
      const at = lower.lastIndexOf('@');
      if (at > 0) {
        const base = lower.slice(0, at);
        const variant = lower.slice(at + 1);
        return (base === id || base === `${m.publisher}/${m.id}`.toLowerCase()) && variant === m.quantization.toLowerCase();
      }
      return false;
    });
  }

  /** Loads a model (waiting the load delay unless `instant`); concurrent loads of one model share one promise. */
  async load(id: string, options: { jit: boolean; ttlSec?: number; contextLength?: number; instant?: boolean }): Promise<MockModelState> {
    const entry = this.findEntry(id);
    if (!entry) throw new Error(`mock-lmstudio: no model "${id}" in the catalogue`);
    if (entry.model.state === 'loaded') {
      if (!options.jit) {
        // A manual load of an already loaded model pins it: manual loads have no TTL unless asked.
        entry.model.loadedBy = 'manual';
        entry.model.ttlSec = options.ttlSec;
        if (options.contextLength !== undefined) entry.model.loadedContextLength = options.contextLength;
      }
      this.touch(entry.model.id);
      return { ...entry.model };
    }
    if (!entry.loadPromise) {
      if (options.jit && this.settings.autoEvict) {
        // Only Keep Last JIT Loaded Model: a new JIT load evicts the previous JIT-loaded model(s).
        for (const other of this.entries) {
          if (other !== entry && other.model.loadedBy === 'jit' && other.model.state === 'loaded') this.unloadEntry(other);
        }
      }
      entry.model.state = 'loading';
      const delay = options.instant ? 0 : this.settings.loadDelayMs;
      entry.loadPromise = abortableSleep(delay, this.settings.signal)
        .then(() => {
          if (this.settings.failingLoads.includes(entry.model.id)) throw new ModelLoadError(entry.model.id);
          entry.model.state = 'loaded';
          entry.model.loadedBy = options.jit ? 'jit' : 'manual';
          entry.model.ttlSec = options.ttlSec ?? (options.jit ? this.settings.ttlDefaultSec : undefined);
          if (options.contextLength !== undefined) entry.model.loadedContextLength = options.contextLength;
          entry.model.loadCount++;
          this.touch(entry.model.id);
        })
        .catch((error: unknown) => {
          entry.model.state = 'not-loaded';
          throw error;
        })
        .finally(() => {
          entry.loadPromise = undefined;
        });
    }
    await entry.loadPromise;
    return { ...entry.model };
  }

  /** Unloads a model; `false` when it was not loaded. */
  unload(id: string): boolean {
    const entry = this.findEntry(id);
    if (!entry || entry.model.state !== 'loaded') return false;
    this.unloadEntry(entry);
    return true;
  }

  /** Marks activity on a loaded model: restarts its idle TTL timer. */
  touch(id: string): void {
    const entry = this.findEntry(id);
    if (!entry) return;
    clearTimeout(entry.ttlTimer);
    entry.ttlTimer = undefined;
    const ttl = entry.model.ttlSec;
    if (entry.model.state !== 'loaded' || ttl === undefined || this.settings.signal.aborted) return;
    entry.ttlTimer = setTimeout(() => {
      entry.ttlTimer = undefined;
      if (entry.model.state === 'loaded') this.unloadEntry(entry);
    }, ttl * 1000);
    entry.ttlTimer.unref();
  }

  /** Clears every timer. */
  dispose(): void {
    for (const entry of this.entries) {
      clearTimeout(entry.ttlTimer);
      entry.ttlTimer = undefined;
    }
  }

  private unloadEntry(entry: Entry): void {
    clearTimeout(entry.ttlTimer);
    entry.ttlTimer = undefined;
    const state: MockModelLoadState = 'not-loaded';
    entry.model.state = state;
    entry.model.loadedBy = undefined;
    entry.model.ttlSec = undefined;
  }
}
