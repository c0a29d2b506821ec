import type { Kernel, ModelInfo } from '@samus/kernel';
import { authTypeOf, envForServer, type ServerRef } from './model-target.js';

/** The context window a chat request will run with, and where the number came from. */
export interface ContextWindowInfo {
  tokens: number;
  /** `loaded` (the loaded instance), `numCtx` (OLLAMA_CONTEXT_LENGTH), `modelfile`, `default` (the server's default), `trained`. */
  source: string;
  /** The longest context the model was trained for, when known. */
  trained?: number;
}

interface ContextWindowSource {
  getContextWindow?(model?: string, options?: { signal?: AbortSignal }): Promise<{ tokens: number; source: string; trained?: number } | undefined>;
}

/**
 * The window a chat request for `model` on `server` will use: a loaded instance's context, else what the plugin's
 * generator says it will run with (`getContextWindow`, e.g. Ollama's OLLAMA_CONTEXT_LENGTH / Modelfile `num_ctx` /
 * default 4096, LM Studio's default load context), else the trained length. Undefined for embedding models and when
 * nothing is known. Never throws (a lookup that fails falls back).
 */
export async function contextWindowOf(kernel: Kernel, server: ServerRef, model: ModelInfo, signal: AbortSignal): Promise<ContextWindowInfo | undefined> {
  const trained = model.contextLength;
  const known = trained === undefined ? {} : { trained };
  if (model.loaded && model.loadedContextLength !== undefined) return { tokens: model.loadedContextLength, source: 'loaded', ...known };
  if (model.kind !== 'chat') return trained === undefined ? undefined : { tokens: trained, source: 'trained', trained };
  try {
    const config = kernel.createContentGeneratorConfig(authTypeOf(kernel, server.kind), {
      env: envForServer(kernel.env, server, kernel.plugin(server.kind)),
      baseUrl: server.url,
      model: model.id,
      maxRetries: 0,
      timeouts: { connectMs: 2_000, firstByteMs: 3_000, idleMs: 3_000, totalMs: 3_000 },
    });
    const generator = (await kernel.createContentGenerator(config)) as ContextWindowSource;
    if (typeof generator.getContextWindow === 'function') {
      const window = await generator.getContextWindow(model.id, { signal });
      if (window && Number.isFinite(window.tokens) && window.tokens > 0) return { tokens: window.tokens, source: window.source, ...(window.trained ?? trained) !== undefined ? { trained: window.trained ?? trained } : {} };
    }
  } catch {
    // Fall back to what the model list says.
  }
  return trained === undefined ? undefined : { tokens: trained, source: 'trained', trained };
}

/** `4096 (max 32768)`, `32768`, `—`. */
export function formatContext(window: ContextWindowInfo | undefined): string {
  if (!window) return '—';
  return window.trained !== undefined && window.trained > window.tokens ? `${window.tokens} (max ${window.trained})` : String(window.tokens);
}
