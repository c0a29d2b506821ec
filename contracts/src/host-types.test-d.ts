/**
 * Types exact against the real hosts (issue 9, item 3), checked by `pnpm typecheck` (root tsconfig) and by the
 * unit project's vitest typecheck. No hand-written copies of host types except Qwen Code's interface (its
 * package is not on npm): the host types come from the packages themselves, installed side by side as
 * devDependencies of `@samus/contracts`:
 *
 * - `@google/gemini-cli-core` 0.61.0: its `ContentGenerator` (and, through it, `@google/genai` 1.30.0, which it pins);
 * - `genai-1.30` = `@google/genai@1.30.0`, `genai-2` = `@google/genai@2.32.0` (Qwen Code's line), `genai-3` =
 *   `@google/genai@3.3.0` (current).
 *
 * The generators are imported from the providers' sources by relative path, not by package name: the providers
 * have `@samus/contracts` as a devDependency (they run its suites), so a dependency back would be a cycle in the
 * workspace graph (turbo refuses to build it).
 *
 * Which directions hold, per version (the tables below are the proof; a `false` is asserted too, so a change in
 * either direction shows up here):
 *
 * | kernel type                     | ours → 1.30 | 1.30 → ours | ours → 2.x | 2.x → ours | ours → 3.x | 3.x → ours |
 * | ------------------------------- | ----------- | ----------- | ---------- | ---------- | ---------- | ---------- |
 * | data, unions, Type, requests    | yes         | yes         | yes        | yes        | yes        | yes        |
 * | FinishReason                    | yes         | yes         | yes        | no (1)     | yes        | no (1)     |
 * | Candidate                       | yes         | yes         | yes        | no (1)     | yes        | no (1)     |
 * | GenerateContentResponse         | yes         | no (2)      | yes        | no (1)     | yes        | no (1)     |
 * | ContentGenerator (our classes)  | yes (0.61)  | n/a (3)     | yes (Qwen) | n/a (3)    | yes        | n/a (3)    |
 *
 * (1) TypeScript relates two enums only when every member of the source enum exists (same name, same value) in
 *     the target. `FinishReason` has exactly genai 1.30's 15 members; 2.x has 19 and 3.x 24, so their enum (and
 *     every type holding it: `Candidate`, the response) cannot be assigned to ours, while ours goes into all three.
 *     Adding their members to ours would break ours → 1.30, the direction gemini-cli-core 0.61.0 needs.
 * (2) genai 2.x/3.x responses have an `initialPromptTokenCount` getter (1.30 has none). Ours has it, required,
 *     because a required target member accepts no optional source member: an optional one would break ours → 2.x
 *     and ours → 3.x (mandatory). With it required, a 1.30 response lacks it and cannot be assigned to ours. No
 *     declaration satisfies both; ours → every host wins. (Nothing in the `ContentGenerator` API takes a response
 *     from the host, so the missing reverse direction costs a host nothing.)
 * (3) A host never hands its generators to @samus; what matters in reverse is that the host's *arguments* fit our
 *     parameters, checked below per method (method parameters are bivariant in TypeScript, so the assignment of a
 *     whole generator alone would not prove it).
 */
import type { ContentGenerator as GeminiCliContentGenerator, LlmRole } from '@google/gemini-cli-core';
import * as samus from '@samus/kernel';
import type * as g130 from 'genai-1.30';
import type * as g2 from 'genai-2';
import type * as g3 from 'genai-3';
import { describe, expectTypeOf, test } from 'vitest';
import { createDiscovery, type RoutingPool } from '../../packages/discovery/src/index.js';
import { OpenAICompatibleContentGenerator } from '../../packages/provider-core/src/index.js';
import { createLMStudio, type LMStudioContentGenerator } from '../../packages/provider-lmstudio/src/index.js';
import { createOllama, type OllamaContentGenerator } from '../../packages/provider-ollama/src/index.js';

/** For each name both sides have: is `From[name]` assignable to `To[name]`? (`[…]` keeps unions whole.) */
type Assignability<From, To> = { [K in keyof From & keyof To]: [From[K]] extends [To[K]] ? true : false };

/** The kernel's Gemini-shaped types, by their `@google/genai` names. */
interface Samus {
  Blob: samus.Blob;
  FunctionCall: samus.FunctionCall;
  FunctionResponse: samus.FunctionResponse;
  Part: samus.Part;
  Content: samus.Content;
  PartUnion: samus.PartUnion;
  PartListUnion: samus.PartListUnion;
  ContentUnion: samus.ContentUnion;
  ContentListUnion: samus.ContentListUnion;
  Type: samus.Type;
  Schema: samus.Schema;
  FunctionDeclaration: samus.FunctionDeclaration;
  Tool: samus.Tool;
  CallableTool: samus.CallableTool;
  ToolUnion: samus.ToolUnion;
  ToolListUnion: samus.ToolListUnion;
  ThinkingConfig: samus.ThinkingConfig;
  GenerateContentConfig: samus.GenerateContentConfig;
  GenerateContentParameters: samus.GenerateContentParameters;
  CountTokensConfig: samus.CountTokensConfig;
  CountTokensParameters: samus.CountTokensParameters;
  CountTokensResponse: samus.CountTokensResponse;
  EmbedContentConfig: samus.EmbedContentConfig;
  EmbedContentParameters: samus.EmbedContentParameters;
  ContentEmbedding: samus.ContentEmbedding;
  EmbedContentResponse: samus.EmbedContentResponse;
  GenerateContentResponseUsageMetadata: samus.GenerateContentResponseUsageMetadata;
  FinishReason: samus.FinishReason;
  Candidate: samus.Candidate;
  GenerateContentResponse: samus.GenerateContentResponse;
}

/** The same names in `@google/genai` 1.30.0 (gemini-cli-core 0.61.0). */
interface Genai130 {
  Blob: g130.Blob;
  FunctionCall: g130.FunctionCall;
  FunctionResponse: g130.FunctionResponse;
  Part: g130.Part;
  Content: g130.Content;
  PartUnion: g130.PartUnion;
  PartListUnion: g130.PartListUnion;
  ContentUnion: g130.ContentUnion;
  ContentListUnion: g130.ContentListUnion;
  Type: g130.Type;
  Schema: g130.Schema;
  FunctionDeclaration: g130.FunctionDeclaration;
  Tool: g130.Tool;
  CallableTool: g130.CallableTool;
  ToolUnion: g130.ToolUnion;
  ToolListUnion: g130.ToolListUnion;
  ThinkingConfig: g130.ThinkingConfig;
  GenerateContentConfig: g130.GenerateContentConfig;
  GenerateContentParameters: g130.GenerateContentParameters;
  CountTokensConfig: g130.CountTokensConfig;
  CountTokensParameters: g130.CountTokensParameters;
  CountTokensResponse: g130.CountTokensResponse;
  EmbedContentConfig: g130.EmbedContentConfig;
  EmbedContentParameters: g130.EmbedContentParameters;
  ContentEmbedding: g130.ContentEmbedding;
  EmbedContentResponse: g130.EmbedContentResponse;
  GenerateContentResponseUsageMetadata: g130.GenerateContentResponseUsageMetadata;
  FinishReason: g130.FinishReason;
  Candidate: g130.Candidate;
  GenerateContentResponse: g130.GenerateContentResponse;
}

/** The same names in `@google/genai` 2.x (Qwen Code). */
interface Genai2 {
  Blob: g2.Blob;
  FunctionCall: g2.FunctionCall;
  FunctionResponse: g2.FunctionResponse;
  Part: g2.Part;
  Content: g2.Content;
  PartUnion: g2.PartUnion;
  PartListUnion: g2.PartListUnion;
  ContentUnion: g2.ContentUnion;
  ContentListUnion: g2.ContentListUnion;
  Type: g2.Type;
  Schema: g2.Schema;
  FunctionDeclaration: g2.FunctionDeclaration;
  Tool: g2.Tool;
  CallableTool: g2.CallableTool;
  ToolUnion: g2.ToolUnion;
  ToolListUnion: g2.ToolListUnion;
  ThinkingConfig: g2.ThinkingConfig;
  GenerateContentConfig: g2.GenerateContentConfig;
  GenerateContentParameters: g2.GenerateContentParameters;
  CountTokensConfig: g2.CountTokensConfig;
  CountTokensParameters: g2.CountTokensParameters;
  CountTokensResponse: g2.CountTokensResponse;
  EmbedContentConfig: g2.EmbedContentConfig;
  EmbedContentParameters: g2.EmbedContentParameters;
  ContentEmbedding: g2.ContentEmbedding;
  EmbedContentResponse: g2.EmbedContentResponse;
  GenerateContentResponseUsageMetadata: g2.GenerateContentResponseUsageMetadata;
  FinishReason: g2.FinishReason;
  Candidate: g2.Candidate;
  GenerateContentResponse: g2.GenerateContentResponse;
}

/** The same names in `@google/genai` 3.x (current). */
interface Genai3 {
  Blob: g3.Blob;
  FunctionCall: g3.FunctionCall;
  FunctionResponse: g3.FunctionResponse;
  Part: g3.Part;
  Content: g3.Content;
  PartUnion: g3.PartUnion;
  PartListUnion: g3.PartListUnion;
  ContentUnion: g3.ContentUnion;
  ContentListUnion: g3.ContentListUnion;
  Type: g3.Type;
  Schema: g3.Schema;
  FunctionDeclaration: g3.FunctionDeclaration;
  Tool: g3.Tool;
  CallableTool: g3.CallableTool;
  ToolUnion: g3.ToolUnion;
  ToolListUnion: g3.ToolListUnion;
  ThinkingConfig: g3.ThinkingConfig;
  GenerateContentConfig: g3.GenerateContentConfig;
  GenerateContentParameters: g3.GenerateContentParameters;
  CountTokensConfig: g3.CountTokensConfig;
  CountTokensParameters: g3.CountTokensParameters;
  CountTokensResponse: g3.CountTokensResponse;
  EmbedContentConfig: g3.EmbedContentConfig;
  EmbedContentParameters: g3.EmbedContentParameters;
  ContentEmbedding: g3.ContentEmbedding;
  EmbedContentResponse: g3.EmbedContentResponse;
  GenerateContentResponseUsageMetadata: g3.GenerateContentResponseUsageMetadata;
  FinishReason: g3.FinishReason;
  Candidate: g3.Candidate;
  GenerateContentResponse: g3.GenerateContentResponse;
}

/** Every kernel type assignable except `Except`: the expected row of a table. */
type Holds<Except extends keyof Samus = never> = { [K in keyof Samus]: K extends Except ? false : true };

/**
 * Qwen Code's `ContentGenerator` (packages/core/src/core/contentGenerator.ts in QwenLM/qwen-code), written from
 * its source because Qwen Code's core is not published: two-argument `generateContent` / `generateContentStream`
 * (no `LlmRole`), the stream in a promise, `countTokens` and `embedContent`, on `@google/genai` 2.x types. Its
 * optional `userTier?: UserTierId` is left out (optional, and our generators have no such member).
 */
interface QwenCodeContentGenerator {
  generateContent(request: g2.GenerateContentParameters, userPromptId: string): Promise<g2.GenerateContentResponse>;
  generateContentStream(request: g2.GenerateContentParameters, userPromptId: string): Promise<AsyncGenerator<g2.GenerateContentResponse>>;
  countTokens(request: g2.CountTokensParameters): Promise<g2.CountTokensResponse>;
  embedContent(request: g2.EmbedContentParameters): Promise<g2.EmbedContentResponse>;
}

/** gemini-cli-core 0.61.0's interface on the current `@google/genai` 3.x (a fork that moved to genai 3). */
interface Genai3ContentGenerator {
  generateContent(request: g3.GenerateContentParameters, userPromptId: string, role: LlmRole): Promise<g3.GenerateContentResponse>;
  generateContentStream(request: g3.GenerateContentParameters, userPromptId: string, role: LlmRole): Promise<AsyncGenerator<g3.GenerateContentResponse>>;
  countTokens(request: g3.CountTokensParameters): Promise<g3.CountTokensResponse>;
  embedContent(request: g3.EmbedContentParameters): Promise<g3.EmbedContentResponse>;
}

/** The @samus generator classes (and the kernel interface every plugin result has). */
type Generators = {
  kernel: samus.ContentGenerator;
  openai: OpenAICompatibleContentGenerator;
  ollama: OllamaContentGenerator;
  lmStudio: LMStudioContentGenerator;
  pool: RoutingPool;
};

/** The host's arguments fit our parameters, method by method (what bivariant method assignment does not prove). */
type HostArgumentsFit<Host, Ours> = {
  [M in keyof Host & keyof Ours]: Host[M] extends (...args: infer HostArgs) => unknown
    ? Ours[M] extends (...args: infer OurArgs) => unknown
      ? [HostArgs] extends [OurArgs]
        ? true
        : false
      : false
    : false;
};

type MethodsFit = { countTokens: true; embedContent: true; generateContent: true; generateContentStream: true };

describe('@samus generators are host ContentGenerators, no casts', () => {
  test("gemini-cli-core 0.61.0's real ContentGenerator takes every generator class and factory result", () => {
    const config = (authType: string) => samus.createContentGeneratorConfig(authType, { baseUrl: 'http://127.0.0.1:1', model: 'm', env: {} });
    const hosts: GeminiCliContentGenerator[] = [
      new OpenAICompatibleContentGenerator({ config: config('openai') }),
      createOllama({ baseUrl: 'http://127.0.0.1:11434', model: 'm', env: {} }),
      createLMStudio({ baseUrl: 'http://127.0.0.1:1234', model: 'm', env: {} }),
      createDiscovery({}).createPool({ defaultModel: 'm' }),
    ];
    // What a plugin returns through the kernel (`kernel.createContentGenerator(config)`).
    const fromKernel: Promise<GeminiCliContentGenerator> = samus.createKernel({ env: {} }).createContentGenerator(config('ollama'));
    expectTypeOf(hosts).toEqualTypeOf<GeminiCliContentGenerator[]>();
    expectTypeOf(fromKernel).resolves.toEqualTypeOf<GeminiCliContentGenerator>();
    expectTypeOf<Generators[keyof Generators]>().toExtend<GeminiCliContentGenerator>();
  });

  test('the host type is the real one: on genai 1.30, and refusing the old synchronous stream signature', () => {
    expectTypeOf<Parameters<GeminiCliContentGenerator['generateContent']>[0]>().toEqualTypeOf<g130.GenerateContentParameters>();
    expectTypeOf<Awaited<ReturnType<GeminiCliContentGenerator['generateContent']>>>().toEqualTypeOf<g130.GenerateContentResponse>();
    type SyncStream = Omit<samus.ContentGenerator, 'generateContentStream'> & {
      generateContentStream(request: samus.GenerateContentParameters): AsyncGenerator<samus.GenerateContentResponse>;
    };
    expectTypeOf<SyncStream>().not.toExtend<GeminiCliContentGenerator>();
    expectTypeOf<SyncStream>().not.toExtend<QwenCodeContentGenerator>();
  });

  test('the host calls each method with arguments our parameters accept (LlmRole included), and awaits the stream', () => {
    expectTypeOf<HostArgumentsFit<GeminiCliContentGenerator, samus.ContentGenerator>>().toEqualTypeOf<MethodsFit>();
    expectTypeOf<HostArgumentsFit<GeminiCliContentGenerator, OllamaContentGenerator>>().toEqualTypeOf<MethodsFit>();
    expectTypeOf<HostArgumentsFit<GeminiCliContentGenerator, LMStudioContentGenerator>>().toEqualTypeOf<MethodsFit>();
    expectTypeOf<HostArgumentsFit<GeminiCliContentGenerator, RoutingPool>>().toEqualTypeOf<MethodsFit>();
    expectTypeOf<ReturnType<samus.ContentGenerator['generateContentStream']>>().toExtend<ReturnType<GeminiCliContentGenerator['generateContentStream']>>();
    expectTypeOf<ReturnType<samus.ContentGenerator['generateContentStream']>>().resolves.toExtend<AsyncGenerator<g130.GenerateContentResponse>>();
  });

  test("Qwen Code's shape (genai 2.x, two arguments, no LlmRole) takes every generator", () => {
    expectTypeOf<Generators[keyof Generators]>().toExtend<QwenCodeContentGenerator>();
    expectTypeOf<HostArgumentsFit<QwenCodeContentGenerator, samus.ContentGenerator>>().toEqualTypeOf<MethodsFit>();
    expectTypeOf<HostArgumentsFit<QwenCodeContentGenerator, RoutingPool>>().toEqualTypeOf<MethodsFit>();
  });

  test('the same interface on genai 3.x takes every generator', () => {
    expectTypeOf<Generators[keyof Generators]>().toExtend<Genai3ContentGenerator>();
    expectTypeOf<HostArgumentsFit<Genai3ContentGenerator, samus.ContentGenerator>>().toEqualTypeOf<MethodsFit>();
  });
});

describe('kernel types against @google/genai 1.30.0 (gemini-cli-core 0.61.0)', () => {
  test('ours → 1.30: every type', () => {
    expectTypeOf<Assignability<Samus, Genai130>>().toEqualTypeOf<Holds>();
  });

  test('1.30 → ours: every type but the response, which lacks the getter 2.x/3.x need (see (2) above)', () => {
    expectTypeOf<Assignability<Genai130, Samus>>().toEqualTypeOf<Holds<'GenerateContentResponse'>>();
  });
});

describe('kernel types against @google/genai 2.x (Qwen Code)', () => {
  test('ours → 2.x: every type', () => {
    expectTypeOf<Assignability<Samus, Genai2>>().toEqualTypeOf<Holds>();
  });

  test('2.x → ours: every type but FinishReason and what holds it, 2.x having members 1.30 lacks (see (1) above)', () => {
    expectTypeOf<Assignability<Genai2, Samus>>().toEqualTypeOf<Holds<'FinishReason' | 'Candidate' | 'GenerateContentResponse'>>();
  });
});

describe('kernel types against @google/genai 3.x (current)', () => {
  test('ours → 3.x: every type', () => {
    expectTypeOf<Assignability<Samus, Genai3>>().toEqualTypeOf<Holds>();
  });

  test('3.x → ours: every type but FinishReason and what holds it (see (1) above)', () => {
    expectTypeOf<Assignability<Genai3, Samus>>().toEqualTypeOf<Holds<'FinishReason' | 'Candidate' | 'GenerateContentResponse'>>();
  });

  test('each FinishReason member is the same-named member of every version', () => {
    expectTypeOf<samus.FinishReason.STOP>().toExtend<g130.FinishReason.STOP>();
    expectTypeOf<samus.FinishReason.NO_IMAGE>().toExtend<g2.FinishReason.NO_IMAGE>();
    expectTypeOf<samus.FinishReason.MALFORMED_FUNCTION_CALL>().toExtend<g3.FinishReason.MALFORMED_FUNCTION_CALL>();
  });
});
