import type { ServerTimings } from '@samus/kernel';

/** llama-server's `timings` object (on a completion, and on the last chunk of a stream). */
export interface LlamaCppTimings {
  cache_n?: number;
  prompt_n?: number;
  prompt_ms?: number;
  prompt_per_second?: number;
  predicted_n?: number;
  predicted_ms?: number;
  predicted_per_second?: number;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * The common {@link ServerTimings} from a llama-server completion or last stream chunk (`timings`: prompt and
 * generation token counts, milliseconds and tokens/s as the server measured them). `promptTokens` counts the whole
 * prompt (`prompt_n` evaluated now + `cache_n` reused from the slot's cache), `cachedTokens` the `cache_n` part.
 * `undefined` without `timings`.
 */
export function serverTimingsFromLlamaCpp(message: unknown): ServerTimings | undefined {
  if (message === null || typeof message !== 'object') return undefined;
  const timings = (message as { timings?: unknown }).timings;
  if (timings === null || typeof timings !== 'object') return undefined;
  const t = timings as Record<string, unknown>;
  const promptN = num(t['prompt_n']);
  const cacheN = num(t['cache_n']) ?? 0;
  const promptMs = num(t['prompt_ms']);
  const predictedMs = num(t['predicted_ms']);
  const result: ServerTimings = {};
  if (promptN !== undefined) result.promptTokens = promptN + cacheN;
  if (num(t['cache_n']) !== undefined) result.cachedTokens = cacheN;
  const evalTokens = num(t['predicted_n']);
  if (evalTokens !== undefined) result.evalTokens = evalTokens;
  if (promptMs !== undefined) result.promptEvalMs = promptMs;
  if (predictedMs !== undefined) result.evalMs = predictedMs;
  if (promptMs !== undefined || predictedMs !== undefined) result.totalMs = (promptMs ?? 0) + (predictedMs ?? 0);
  const perSecond = num(t['predicted_per_second']);
  if (perSecond !== undefined) result.tokensPerSecond = perSecond;
  if (promptMs !== undefined) result.timeToFirstTokenMs = promptMs;
  return Object.keys(result).length === 0 ? undefined : result;
}
