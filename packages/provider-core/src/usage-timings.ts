import type { GenerateContentResponseUsageMetadata, ServerTimings } from '@samus/kernel';

/**
 * The `server` figures of a `response:finish` event from an answer's usage, for a server without its own timings:
 * prompt tokens (cached ones included), of those the cached ones, and output tokens. `undefined` without any.
 */
export function usageTimings(usage: GenerateContentResponseUsageMetadata | undefined): ServerTimings | undefined {
  if (usage === undefined || (usage.promptTokenCount === undefined && usage.candidatesTokenCount === undefined)) return undefined;
  const server: ServerTimings = {};
  if (usage.promptTokenCount !== undefined) server.promptTokens = usage.promptTokenCount;
  if (usage.cachedContentTokenCount !== undefined) server.cachedTokens = usage.cachedContentTokenCount;
  if (usage.candidatesTokenCount !== undefined) server.evalTokens = usage.candidatesTokenCount;
  return server;
}
