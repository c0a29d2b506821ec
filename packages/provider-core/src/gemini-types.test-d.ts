import type * as genai from '@google/genai';
import type * as samus from '@samus/kernel';
import { describe, expectTypeOf, test } from 'vitest';

// Two-way assignability between the kernel's Gemini-shaped types and `@google/genai` (devDependency only).
// `@google/genai` responses are classes with getters; ours are objects with the same getters.

describe('data types are interchangeable with @google/genai in both directions', () => {
  test('Part, Content, FunctionCall, FunctionResponse, Blob', () => {
    expectTypeOf<samus.Part>().toExtend<genai.Part>();
    expectTypeOf<genai.Part>().toExtend<samus.Part>();
    expectTypeOf<samus.Content>().toExtend<genai.Content>();
    expectTypeOf<genai.Content>().toExtend<samus.Content>();
    expectTypeOf<samus.FunctionCall>().toExtend<genai.FunctionCall>();
    expectTypeOf<genai.FunctionCall>().toExtend<samus.FunctionCall>();
    expectTypeOf<samus.FunctionResponse>().toExtend<genai.FunctionResponse>();
    expectTypeOf<genai.FunctionResponse>().toExtend<samus.FunctionResponse>();
    expectTypeOf<samus.Blob>().toExtend<genai.Blob>();
    expectTypeOf<genai.Blob>().toExtend<samus.Blob>();
  });

  test('unions of contents and parts', () => {
    expectTypeOf<samus.ContentListUnion>().toExtend<genai.ContentListUnion>();
    expectTypeOf<genai.ContentListUnion>().toExtend<samus.ContentListUnion>();
    expectTypeOf<samus.ContentUnion>().toExtend<genai.ContentUnion>();
    expectTypeOf<genai.ContentUnion>().toExtend<samus.ContentUnion>();
    expectTypeOf<samus.PartListUnion>().toExtend<genai.PartListUnion>();
    expectTypeOf<genai.PartListUnion>().toExtend<samus.PartListUnion>();
  });

  test('enums FinishReason and Type', () => {
    expectTypeOf<samus.FinishReason>().toExtend<genai.FinishReason>();
    expectTypeOf<genai.FinishReason>().toExtend<samus.FinishReason>();
    expectTypeOf<samus.Type>().toExtend<genai.Type>();
    expectTypeOf<genai.Type>().toExtend<samus.Type>();
  });

  test('Schema, FunctionDeclaration, Tool, ThinkingConfig', () => {
    expectTypeOf<samus.Schema>().toExtend<genai.Schema>();
    expectTypeOf<genai.Schema>().toExtend<samus.Schema>();
    expectTypeOf<samus.FunctionDeclaration>().toExtend<genai.FunctionDeclaration>();
    expectTypeOf<genai.FunctionDeclaration>().toExtend<samus.FunctionDeclaration>();
    expectTypeOf<samus.Tool>().toExtend<genai.Tool>();
    expectTypeOf<genai.Tool>().toExtend<samus.Tool>();
    expectTypeOf<samus.ToolListUnion>().toExtend<genai.ToolListUnion>();
    expectTypeOf<genai.ToolListUnion>().toExtend<samus.ToolListUnion>();
    expectTypeOf<samus.ThinkingConfig>().toExtend<genai.ThinkingConfig>();
    expectTypeOf<genai.ThinkingConfig>().toExtend<samus.ThinkingConfig>();
  });

  test('Candidate, usage metadata, embeddings, token counts', () => {
    expectTypeOf<samus.Candidate>().toExtend<genai.Candidate>();
    expectTypeOf<genai.Candidate>().toExtend<samus.Candidate>();
    expectTypeOf<samus.GenerateContentResponseUsageMetadata>().toExtend<genai.GenerateContentResponseUsageMetadata>();
    expectTypeOf<genai.GenerateContentResponseUsageMetadata>().toExtend<samus.GenerateContentResponseUsageMetadata>();
    expectTypeOf<samus.ContentEmbedding>().toExtend<genai.ContentEmbedding>();
    expectTypeOf<genai.ContentEmbedding>().toExtend<samus.ContentEmbedding>();
    expectTypeOf<samus.EmbedContentResponse>().toExtend<genai.EmbedContentResponse>();
    expectTypeOf<genai.EmbedContentResponse>().toExtend<samus.EmbedContentResponse>();
    expectTypeOf<samus.CountTokensResponse>().toExtend<genai.CountTokensResponse>();
    expectTypeOf<genai.CountTokensResponse>().toExtend<samus.CountTokensResponse>();
  });
});

describe('requests and responses', () => {
  test('request parameters are interchangeable', () => {
    expectTypeOf<genai.GenerateContentParameters>().toExtend<samus.GenerateContentParameters>();
    expectTypeOf<samus.GenerateContentParameters>().toExtend<genai.GenerateContentParameters>();
    expectTypeOf<genai.GenerateContentConfig>().toExtend<samus.GenerateContentConfig>();
    expectTypeOf<samus.GenerateContentConfig>().toExtend<genai.GenerateContentConfig>();
    expectTypeOf<genai.CountTokensParameters>().toExtend<samus.CountTokensParameters>();
    expectTypeOf<samus.CountTokensParameters>().toExtend<genai.CountTokensParameters>();
    expectTypeOf<genai.EmbedContentParameters>().toExtend<samus.EmbedContentParameters>();
    expectTypeOf<samus.EmbedContentParameters>().toExtend<genai.EmbedContentParameters>();
  });

  test('responses are interchangeable, getters included', () => {
    expectTypeOf<samus.GenerateContentResponse>().toExtend<genai.GenerateContentResponse>();
    expectTypeOf<genai.GenerateContentResponse>().toExtend<samus.GenerateContentResponse>();
  });

  test('a generator fits a @google/genai-typed ContentGenerator interface (the Gemini-CLI shape)', () => {
    interface GeminiCliContentGenerator {
      generateContent(request: genai.GenerateContentParameters, userPromptId: string): Promise<genai.GenerateContentResponse>;
      generateContentStream(request: genai.GenerateContentParameters, userPromptId: string): AsyncGenerator<genai.GenerateContentResponse>;
      countTokens(request: genai.CountTokensParameters): Promise<genai.CountTokensResponse>;
      embedContent(request: genai.EmbedContentParameters): Promise<genai.EmbedContentResponse>;
    }
    expectTypeOf<samus.ContentGenerator>().toExtend<GeminiCliContentGenerator>();
  });
});
