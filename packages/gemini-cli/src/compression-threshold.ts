/** The token limit gemini-cli-core 0.61.0 assumes for a model it does not know (`DEFAULT_TOKEN_LIMIT`). */
export const HOST_DEFAULT_TOKEN_LIMIT = 1_048_576;

/**
 * The `compressionThreshold` to give an unforked gemini-cli-core `Config` so that it compresses the chat when the
 * history reaches `fraction` of a local model's `contextWindow`. The host compares the history with
 * `compressionThreshold × tokenLimit(model)` and its `tokenLimit` is 1,048,576 for every model it does not know.
 */
export function compressionThresholdFor(contextWindow: number, fraction = 0.5): number {
  if (!Number.isFinite(contextWindow) || contextWindow <= 0) throw new RangeError(`contextWindow must be a positive number, got ${contextWindow}`);
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`fraction must be in (0, 1], got ${fraction}`);
  return (contextWindow * fraction) / HOST_DEFAULT_TOKEN_LIMIT;
}
