import { describe, expect, it } from 'vitest';
import { createGenerateContentResponse } from './content-generator.js';
import { embedContentResponseSchema, generateContentResponseSchema, modelInfoSchema, providerHealthSchema, pullProgressSchema } from './response-schemas.js';

describe('response schemas', () => {
  it('should accept a response object built by createGenerateContentResponse, and usage-only chunks', () => {
    const response = createGenerateContentResponse({
      candidates: [{ content: { role: 'model', parts: [{ text: 'hi' }, { functionCall: { name: 'f', args: { a: 1 } } }] }, finishReason: 'STOP' as never, index: 0 }],
      usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 1, totalTokenCount: 4 },
    });
    expect(generateContentResponseSchema.safeParse(response).success).toBe(true);
    expect(generateContentResponseSchema.safeParse({ usageMetadata: { promptTokenCount: 1 } }).success).toBe(true);
  });

  it('should refuse a wrong role, an empty part, fractional token counts and unknown finish reasons', () => {
    const candidate = (patch: object) => ({ candidates: [{ content: { role: 'model', parts: [{ text: 'x' }] }, ...patch }] });
    expect(generateContentResponseSchema.safeParse({ candidates: [{ content: { role: 'user', parts: [] } }] }).success).toBe(false);
    expect(generateContentResponseSchema.safeParse({ candidates: [{ content: { role: 'model', parts: [{}] } }] }).success).toBe(false);
    expect(generateContentResponseSchema.safeParse({ ...candidate({}), usageMetadata: { promptTokenCount: 1.5 } }).success).toBe(false);
    expect(generateContentResponseSchema.safeParse(candidate({ finishReason: 'DONE' })).success).toBe(false);
    expect(embedContentResponseSchema.safeParse({ embeddings: [{ values: [Number.NaN] }] }).success).toBe(false);
  });

  it('should tie ProviderHealth.error to ok === false and validate ModelInfo / PullProgress', () => {
    expect(providerHealthSchema.safeParse({ ok: true, baseUrl: 'http://x', latencyMs: 1, warnings: [] }).success).toBe(true);
    expect(providerHealthSchema.safeParse({ ok: false, baseUrl: 'http://x', latencyMs: 1, warnings: [] }).success).toBe(false);
    expect(
      providerHealthSchema.safeParse({ ok: false, baseUrl: 'http://x', latencyMs: 1, warnings: [], error: { code: 'SAMUS_ERR_NOPE', message: 'm', hint: 'h' } }).success,
    ).toBe(false);
    expect(modelInfoSchema.safeParse({ id: 'a:latest', aliases: ['a'], kind: 'chat', capabilities: ['completion'], loaded: false }).success).toBe(true);
    expect(modelInfoSchema.safeParse({ id: 'a', aliases: [], kind: 'llm', capabilities: [], loaded: false }).success).toBe(false);
    expect(pullProgressSchema.safeParse({ phase: 'downloading', status: 's', completedBytes: 1, totalBytes: 2, percent: 150 }).success).toBe(false);
  });
});
