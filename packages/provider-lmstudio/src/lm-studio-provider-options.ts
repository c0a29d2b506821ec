import { SamusError } from '@samus/kernel';
import type { ModelStateProbe } from './lm-studio-model-states.js';

/**
 * LM Studio options, read from `config.providerOptions` (e.g.
 * `kernel.createContentGeneratorConfig('lm-studio', { providerOptions: { ttl: 600 } })`).
 */
export interface LMStudioProviderOptions {
  /** Idle TTL in seconds for models this client's requests load just in time (LM Studio's `ttl` field). */
  ttl?: number;
  /** Draft model for speculative decoding (`draft_model`). */
  draftModel?: string;
  /**
   * Extra time allowed for the first byte when the model is not loaded and LM Studio will load it just in time,
   * in ms (default 240 000). A request that still times out fails with "Timed out while LM Studio was loading …"
   * (`details.phase: 'load'`).
   */
  jitLoadTimeoutMs?: number;
  /** When to ask the server for a model's load state before a request (default `auto`; see `LMStudioModelStates`). */
  modelStateProbe?: ModelStateProbe;
  /**
   * Send non-streaming chat requests to `/api/v0/chat/completions` (same request, plus server `stats`: tokens/s,
   * time to first token) instead of `/v1/chat/completions`. Default `true`; servers without `/api/v0` (before
   * 0.3.6) fall back to `/v1` by themselves.
   */
  nativeStats?: boolean;
}

/**
 * Reads and checks the LM Studio options in `providerOptions`: the generator's (source `config`; bad values are
 * `SAMUS_ERR_INVALID_CONFIG`) or one request's `config.providerOptions` (source `request`; `SAMUS_ERR_INVALID_REQUEST`,
 * and nothing is sent).
 */
export function parseLMStudioProviderOptions(providerOptions: Readonly<Record<string, unknown>>, source: 'config' | 'request' = 'config'): LMStudioProviderOptions {
  const invalid = (field: string, expected: string): SamusError =>
    source === 'config'
      ? new SamusError('SAMUS_ERR_INVALID_CONFIG', `providerOptions.${field} must be ${expected}`, {
          hint: `Fix providerOptions.${field} of the lm-studio configuration.`,
          details: { field: `providerOptions.${field}` },
        })
      : new SamusError('SAMUS_ERR_INVALID_REQUEST', `config.providerOptions.${field} of the request must be ${expected}`, {
          hint: `Fix config.providerOptions.${field} of the request (or leave it out to use the generator's).`,
          details: { field: `config.providerOptions.${field}` },
        });
  const options: LMStudioProviderOptions = {};
  const { ttl, draftModel, jitLoadTimeoutMs, modelStateProbe, nativeStats } = providerOptions;
  if (ttl !== undefined) {
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) throw invalid('ttl', 'a positive number of seconds');
    options.ttl = ttl;
  }
  if (draftModel !== undefined) {
    if (typeof draftModel !== 'string' || draftModel === '') throw invalid('draftModel', 'a model id');
    options.draftModel = draftModel;
  }
  if (jitLoadTimeoutMs !== undefined) {
    if (typeof jitLoadTimeoutMs !== 'number' || !Number.isInteger(jitLoadTimeoutMs) || jitLoadTimeoutMs < 0) {
      throw invalid('jitLoadTimeoutMs', 'a non-negative integer of milliseconds');
    }
    options.jitLoadTimeoutMs = jitLoadTimeoutMs;
  }
  if (modelStateProbe !== undefined) {
    if (modelStateProbe !== 'auto' && modelStateProbe !== 'always' && modelStateProbe !== 'never') throw invalid('modelStateProbe', '"auto", "always" or "never"');
    options.modelStateProbe = modelStateProbe;
  }
  if (nativeStats !== undefined) {
    if (typeof nativeStats !== 'boolean') throw invalid('nativeStats', 'a boolean');
    options.nativeStats = nativeStats;
  }
  return options;
}
