import type { GenerateContentResponseUsageMetadata } from '@samus/kernel';

/** OpenAI-style `usage` as servers send it (all fields optional). */
export interface OpenAIUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  /** Cached prompt tokens at the top level (llama.cpp-style servers and some gateways). */
  cached_tokens?: number | null;
}

/**
 * Maps OpenAI `usage` to Gemini `usageMetadata`. Reasoning tokens (`completion_tokens_details.reasoning_tokens`)
 * become `thoughtsTokenCount` and are taken out of `candidatesTokenCount`, as Gemini counts them separately. Cached
 * prompt tokens (`prompt_tokens_details.cached_tokens`, else a top-level `cached_tokens`) become
 * `cachedContentTokenCount`.
 */
export function toUsageMetadata(usage: OpenAIUsage | null | undefined): GenerateContentResponseUsageMetadata | undefined {
  if (!usage || typeof usage !== 'object') return undefined;
  const metadata: GenerateContentResponseUsageMetadata = {};
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? undefined;
  if (typeof usage.prompt_tokens === 'number') metadata.promptTokenCount = usage.prompt_tokens;
  if (typeof usage.completion_tokens === 'number') {
    metadata.candidatesTokenCount = reasoning && reasoning <= usage.completion_tokens ? usage.completion_tokens - reasoning : usage.completion_tokens;
  }
  if (typeof reasoning === 'number' && reasoning > 0) metadata.thoughtsTokenCount = reasoning;
  const cached = usage.prompt_tokens_details?.cached_tokens ?? usage.cached_tokens ?? undefined;
  if (typeof cached === 'number' && cached > 0) metadata.cachedContentTokenCount = cached;
  if (typeof usage.total_tokens === 'number') metadata.totalTokenCount = usage.total_tokens;
  else if (metadata.promptTokenCount !== undefined && usage.completion_tokens != null) metadata.totalTokenCount = metadata.promptTokenCount + usage.completion_tokens;
  return metadata;
}
