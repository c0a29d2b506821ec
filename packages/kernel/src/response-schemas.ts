import { z } from 'zod';
import { FinishReason } from './content-generator.js';
import { ERROR_CODE_LIST } from './error-codes.js';

/**
 * zod schemas of the normalised shapes every provider returns: the Gemini-shaped responses of a
 * `ContentGenerator`, and the small provider-admin shapes (`ModelInfo`, `ProviderHealth`, `PullProgress`).
 * The contract suites parse provider output with them; applications may use them to validate too.
 *
 * They are strict where a consumer relies on the value (roles, finish reasons, integer token counts, finite
 * vector components) and loose elsewhere (unknown extra fields are allowed, as in `@google/genai`).
 */

const nonNegativeInt = z.number().int().min(0);

/** Schema of a `FunctionCall` part: a name and an arguments object. */
export const functionCallSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  args: z.record(z.string(), z.unknown()),
});

/** Schema of one response `Part`. A part carries text (possibly a thought), a function call, or inline data. */
export const partSchema = z
  .looseObject({
    text: z.string().optional(),
    thought: z.boolean().optional(),
    thoughtSignature: z.string().optional(),
    functionCall: functionCallSchema.optional(),
    functionResponse: z.looseObject({ id: z.string().optional(), name: z.string().optional(), response: z.record(z.string(), z.unknown()).optional() }).optional(),
    inlineData: z.looseObject({ mimeType: z.string().optional(), data: z.string().optional() }).optional(),
  })
  .refine((part) => part.text !== undefined || part.functionCall !== undefined || part.functionResponse !== undefined || part.inlineData !== undefined, {
    message: 'a part must carry text, functionCall, functionResponse or inlineData',
  });

/** Schema of a response `Content`: always role `model`. */
export const responseContentSchema = z.looseObject({
  role: z.literal('model'),
  parts: z.array(partSchema),
});

/** Every `FinishReason` value (the kernel enum itself, so the two cannot drift apart). */
export const finishReasonSchema = z.enum(FinishReason);

/** Schema of `usageMetadata`: token counts are non-negative integers when present. */
export const usageMetadataSchema = z.looseObject({
  promptTokenCount: nonNegativeInt.optional(),
  candidatesTokenCount: nonNegativeInt.optional(),
  thoughtsTokenCount: nonNegativeInt.optional(),
  cachedContentTokenCount: nonNegativeInt.optional(),
  totalTokenCount: nonNegativeInt.optional(),
});

/** Schema of one `Candidate`. */
export const candidateSchema = z.looseObject({
  content: responseContentSchema,
  finishReason: finishReasonSchema.optional(),
  finishMessage: z.string().optional(),
  index: nonNegativeInt.optional(),
});

/**
 * Schema of a `GenerateContentResponse` (a whole answer, or one chunk of a stream). A chunk may carry only
 * `usageMetadata` (no candidates); otherwise exactly one candidate.
 */
export const generateContentResponseSchema = z.looseObject({
  candidates: z.array(candidateSchema).max(1).optional(),
  usageMetadata: usageMetadataSchema.optional(),
  modelVersion: z.string().optional(),
  responseId: z.string().optional(),
  createTime: z.string().optional(),
});

/** Schema of a `CountTokensResponse`: `totalTokens` is required. */
export const countTokensResponseSchema = z.looseObject({
  totalTokens: nonNegativeInt,
  cachedContentTokenCount: nonNegativeInt.optional(),
});

/** Schema of one embedding: a non-empty vector of finite numbers. */
export const contentEmbeddingSchema = z.looseObject({
  values: z.array(z.number().refine(Number.isFinite, 'must be finite')).min(1),
  statistics: z.looseObject({ tokenCount: nonNegativeInt.optional(), truncated: z.boolean().optional() }).optional(),
});

/** Schema of an `EmbedContentResponse`: one embedding per input content. */
export const embedContentResponseSchema = z.looseObject({
  embeddings: z.array(contentEmbeddingSchema),
});

/** What a model is for. `unknown` when the server does not say. */
export const modelKindSchema = z.enum(['chat', 'embedding', 'unknown']);

/** Schema of {@link ModelInfo}. */
export const modelInfoSchema = z.looseObject({
  /** The name to pass as `model` (canonical form, e.g. `llama3:latest`). */
  id: z.string().min(1),
  /** Other names the server resolves to this model (e.g. `llama3` for `llama3:latest`). */
  aliases: z.array(z.string().min(1)),
  kind: modelKindSchema,
  /** Capability names as the server reports them (`completion`, `tools`, `embedding`, `vision`, `thinking`, …). */
  capabilities: z.array(z.string()),
  /** Whether the model is loaded in memory now. */
  loaded: z.boolean(),
  /** Longest context the model was trained for, in tokens. */
  contextLength: z.number().int().positive().optional(),
  /** Context length of the loaded instance, in tokens (when loaded). */
  loadedContextLength: z.number().int().positive().optional(),
  family: z.string().optional(),
  parameterSize: z.string().optional(),
  quantization: z.string().optional(),
  sizeBytes: nonNegativeInt.optional(),
  digest: z.string().optional(),
  modifiedAt: z.string().optional(),
  /** When a loaded model will be unloaded (ISO 8601). */
  expiresAt: z.string().optional(),
});

/** One model a server has, normalised across providers. */
export type ModelInfo = z.infer<typeof modelInfoSchema>;

/** Schema of {@link ProviderHealth}. */
export const providerHealthSchema = z.looseObject({
  ok: z.boolean(),
  baseUrl: z.string().min(1),
  /** Server version, when the server reports one. */
  version: z.string().optional(),
  /** Round-trip time of the health probe. */
  latencyMs: z.number().min(0),
  /** Non-fatal problems (e.g. a server version below the tested range). */
  warnings: z.array(z.string()),
  /** Why the server is not healthy (set exactly when `ok` is false). */
  error: z.looseObject({ code: z.enum(ERROR_CODE_LIST as [string, ...string[]]), message: z.string(), hint: z.string() }).optional(),
}).refine((health) => health.ok === (health.error === undefined), { message: '`error` must be set exactly when `ok` is false' });

/** The result of a provider health check. A health check never throws: failures are described in `error`. */
export type ProviderHealth = z.infer<typeof providerHealthSchema>;

/** Schema of {@link PullProgress}. */
export const pullProgressSchema = z.looseObject({
  /** What the server is doing: `manifest`, `downloading`, `verifying`, `writing`, `cleanup`, `success`. */
  phase: z.enum(['manifest', 'downloading', 'verifying', 'writing', 'cleanup', 'success']),
  /** The server's own status text. */
  status: z.string(),
  completedBytes: nonNegativeInt,
  /** Total bytes over every layer seen so far (0 while unknown). */
  totalBytes: nonNegativeInt,
  /** 0–100, from the byte counts (100 on success). */
  percent: z.number().min(0).max(100),
});

/** One progress report of a model download. */
export type PullProgress = z.infer<typeof pullProgressSchema>;
