import { describe, expect, it } from 'vitest';
import { serverTimingsFromLMStudioStats } from './lm-studio-stats.js';

describe('serverTimingsFromLMStudioStats', () => {
  it('should convert /api/v0 stats from seconds to milliseconds', () => {
    expect(
      serverTimingsFromLMStudioStats(
        { tokens_per_second: 51.43, time_to_first_token: 0.111, generation_time: 0.954, stop_reason: 'eosFound' },
        { prompt_tokens: 24, completion_tokens: 3 },
      ),
    ).toEqual({ tokensPerSecond: 51.43, timeToFirstTokenMs: 111, evalMs: 954, totalMs: 1065, promptTokens: 24, evalTokens: 3 });
  });

  it('should read /api/v1/chat stats names', () => {
    expect(
      serverTimingsFromLMStudioStats({ input_tokens: 10, total_output_tokens: 5, tokens_per_second: 20, time_to_first_token_seconds: 0.5, model_load_time_seconds: 2.25 }),
    ).toEqual({ tokensPerSecond: 20, timeToFirstTokenMs: 500, loadMs: 2250, promptTokens: 10, evalTokens: 5 });
  });

  it('should return undefined for the empty stats of /v1 and for non-objects', () => {
    expect(serverTimingsFromLMStudioStats({}, { prompt_tokens: 3 })).toBeUndefined();
    expect(serverTimingsFromLMStudioStats(undefined)).toBeUndefined();
    expect(serverTimingsFromLMStudioStats({ tokens_per_second: 'fast', time_to_first_token: -1 })).toBeUndefined();
  });
});
