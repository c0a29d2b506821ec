import { describe, expect, it } from 'vitest';
import { toUsageMetadata } from './to-usage-metadata.js';
import { usageTimings } from './usage-timings.js';

describe('usageTimings', () => {
  it('gives prompt, cached and output tokens of an OpenAI usage (cached_tokens from prompt_tokens_details)', () => {
    const usage = toUsageMetadata({ prompt_tokens: 526, completion_tokens: 8, total_tokens: 534, prompt_tokens_details: { cached_tokens: 502 } });
    expect(usageTimings(usage)).toEqual({ promptTokens: 526, cachedTokens: 502, evalTokens: 8 });
  });

  it('is undefined without token counts', () => {
    expect(usageTimings(undefined)).toBeUndefined();
    expect(usageTimings({})).toBeUndefined();
  });
});
