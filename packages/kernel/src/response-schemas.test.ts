import { describe, expect, it } from 'vitest';
import { createGenerateContentResponse, FinishReason } from './content-generator.js';
import { embedContentResponseSchema, finishReasonSchema, generateContentResponseSchema, modelInfoSchema, providerHealthSchema, pullProgressSchema } from './response-schemas.js';

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

  it("should accept exactly @google/genai 1.30.0's 15 finish reasons (the kernel enum), none added later", () => {
    const genai130 = ['FINISH_REASON_UNSPECIFIED', 'STOP', 'MAX_TOKENS', 'SAFETY', 'RECITATION', 'LANGUAGE', 'OTHER', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'MALFORMED_FUNCTION_CALL', 'IMAGE_SAFETY', 'UNEXPECTED_TOOL_CALL', 'IMAGE_PROHIBITED_CONTENT', 'NO_IMAGE'];
    expect(Object.values(FinishReason).sort()).toEqual([...genai130].sort());
    for (const reason of genai130) expect(finishReasonSchema.safeParse(reason).success).toBe(true);
    for (const later of ['TOO_MANY_TOOL_CALLS', 'IMAGE_OTHER', 'MALFORMED_RESPONSE', 'MODEL_ARMOR']) expect(finishReasonSchema.safeParse(later).success).toBe(false);
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
