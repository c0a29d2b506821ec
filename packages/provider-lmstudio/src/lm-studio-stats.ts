import type { ServerTimings } from '@samus/kernel';

const seconds = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value * 1_000_000) / 1_000 : undefined;
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * Converts LM Studio's `stats` object (native `/api/v0` answers: `tokens_per_second`, `time_to_first_token` and
 * `generation_time` in **seconds**; `/api/v1/chat`: `time_to_first_token_seconds`, `model_load_time_seconds`,
 * token counts) into the kernel's {@link ServerTimings} in milliseconds. Returns undefined when nothing usable is
 * there (the `/v1` paths send `stats: {}`).
 */
export function serverTimingsFromLMStudioStats(stats: unknown, usage?: { prompt_tokens?: unknown; completion_tokens?: unknown }): ServerTimings | undefined {
  if (typeof stats !== 'object' || stats === null) return undefined;
  const record = stats as Record<string, unknown>;
  const timings: ServerTimings = {};
  const tokensPerSecond = typeof record.tokens_per_second === 'number' && Number.isFinite(record.tokens_per_second) ? record.tokens_per_second : undefined;
  const ttft = seconds(record.time_to_first_token) ?? seconds(record.time_to_first_token_seconds);
  const generation = seconds(record.generation_time);
  const load = seconds(record.model_load_time_seconds);
  const promptTokens = count(record.input_tokens) ?? count(usage?.prompt_tokens);
  const evalTokens = count(record.total_output_tokens) ?? count(usage?.completion_tokens);
  if (tokensPerSecond !== undefined) timings.tokensPerSecond = tokensPerSecond;
  if (ttft !== undefined) timings.timeToFirstTokenMs = ttft;
  if (generation !== undefined) timings.evalMs = generation;
  if (load !== undefined) timings.loadMs = load;
  if (ttft !== undefined && generation !== undefined) timings.totalMs = Math.round((ttft + generation) * 1000) / 1000;
  if (Object.keys(timings).length === 0) return undefined;
  if (promptTokens !== undefined) timings.promptTokens = promptTokens;
  if (evalTokens !== undefined) timings.evalTokens = evalTokens;
  return timings;
}
