// Zod schemas of LM Studio's wire format, written from docs/api-facts.md section 3 (and LM Studio's public docs).
// Strict objects: an extra or missing key in a mock response fails the fidelity tests.
import { z } from 'zod';

const finishReason = z.enum(['stop', 'length', 'tool_calls']);
const usage = z.strictObject({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0), total_tokens: z.number().int().min(0) });
const chatId = z.string().regex(/^chatcmpl-[a-z0-9]{21}$/);
const cmplId = z.string().regex(/^cmpl-[a-z0-9]{21}$/);

export const greetingSchema = z.strictObject({ lmstudio: z.literal(true) });

export const stringErrorSchema = z.strictObject({ error: z.string().min(1) });
export const objectErrorSchema = z.strictObject({
  error: z.strictObject({ message: z.string().min(1), type: z.string(), param: z.string().nullable(), code: z.string().nullable() }),
});
export const authErrorSchema = z.strictObject({
  error: z.strictObject({ type: z.literal('invalid_request'), code: z.literal('invalid_api_key'), message: z.string().startsWith('An LM Studio API token is required') }),
});
export const v1ErrorSchema = z.strictObject({
  error: z.strictObject({
    type: z.enum(['invalid_request', 'model_not_found', 'job_not_found', 'internal_error', 'not_implemented', 'unknown', 'mcp_connection_error', 'plugin_connection_error']),
    message: z.string().min(1),
    code: z.string().optional(),
    param: z.string().optional(),
  }),
});

export const openAIModelListSchema = z.strictObject({
  data: z.array(z.strictObject({ id: z.string().min(1), object: z.literal('model'), owned_by: z.literal('organization_owner') })),
  object: z.literal('list'),
});

export const v0ModelSchema = z.strictObject({
  id: z.string().min(1),
  object: z.literal('model'),
  type: z.enum(['llm', 'vlm', 'embeddings']),
  publisher: z.string(),
  arch: z.string(),
  compatibility_type: z.enum(['gguf', 'mlx']),
  quantization: z.string(),
  state: z.enum(['loaded', 'not-loaded', 'loading']),
  max_context_length: z.number().int().positive(),
  loaded_context_length: z.number().int().positive().optional(),
  capabilities: z.array(z.string()).optional(),
});
export const v0ModelListSchema = z.strictObject({ object: z.literal('list'), data: z.array(v0ModelSchema) });

const toolCall = z.strictObject({ id: z.string().regex(/^\d+$/), type: z.literal('function'), function: z.strictObject({ name: z.string(), arguments: z.string() }) });

export const chatCompletionSchema = z.strictObject({
  id: chatId,
  object: z.literal('chat.completion'),
  created: z.number().int().positive(),
  model: z.string(),
  choices: z.array(
    z.strictObject({
      index: z.number().int(),
      logprobs: z.null(),
      finish_reason: finishReason,
      message: z.strictObject({
        role: z.literal('assistant'),
        content: z.string().optional(),
        reasoning_content: z.string().optional(),
        reasoning: z.string().optional(),
        tool_calls: z.array(toolCall).optional(),
      }),
    }),
  ),
  usage,
  stats: z.strictObject({}).optional(),
  system_fingerprint: z.string(),
});

export const v0StatsSchema = z.strictObject({
  tokens_per_second: z.number().positive(),
  time_to_first_token: z.number().nonnegative(),
  generation_time: z.number().nonnegative(),
  stop_reason: z.enum(['eosFound', 'stopStringFound', 'maxPredictedTokensReached', 'contextLengthReached', 'toolCalls', 'userStopped', 'modelUnloaded', 'failed']),
});
const modelInfo = z.strictObject({ arch: z.string(), quant: z.string(), format: z.enum(['gguf', 'mlx']), context_length: z.number().int().positive() });
const runtime = z.strictObject({ name: z.string(), version: z.string(), supported_formats: z.array(z.string()) });

export const v0ChatCompletionSchema = z.strictObject({
  id: chatId,
  object: z.literal('chat.completion'),
  created: z.number().int().positive(),
  model: z.string(),
  choices: chatCompletionSchema.shape.choices,
  usage,
  stats: v0StatsSchema,
  model_info: modelInfo,
  runtime,
});

const firstToolFragment = z.strictObject({
  index: z.number().int().min(0),
  id: z.string().regex(/^\d+$/),
  type: z.literal('function'),
  function: z.strictObject({ name: z.string().min(1), arguments: z.literal('') }),
});
const argumentFragment = z.strictObject({ index: z.number().int().min(0), function: z.strictObject({ arguments: z.string().min(1) }) });

export const chatChunkSchema = z.strictObject({
  id: chatId,
  object: z.literal('chat.completion.chunk'),
  created: z.number().int().positive(),
  model: z.string(),
  system_fingerprint: z.string(),
  choices: z.tuple([
    z.strictObject({
      index: z.literal(0),
      delta: z.strictObject({
        role: z.literal('assistant').optional(),
        content: z.string().optional(),
        reasoning_content: z.string().optional(),
        reasoning: z.string().optional(),
        tool_calls: z.tuple([z.union([firstToolFragment, argumentFragment])]).optional(),
      }),
      logprobs: z.null(),
      finish_reason: finishReason.nullable(),
    }),
  ]),
});
export const chatUsageChunkSchema = z.strictObject({
  id: chatId,
  object: z.literal('chat.completion.chunk'),
  created: z.number().int().positive(),
  model: z.string(),
  system_fingerprint: z.string(),
  choices: z.tuple([]),
  usage,
});
export const streamErrorSchema = z.strictObject({
  error: z.strictObject({ message: z.string().min(1), type: z.string(), param: z.string().nullable(), code: z.string().nullable() }),
});

const completionChoice = z.strictObject({ index: z.number().int(), text: z.string(), logprobs: z.null(), finish_reason: finishReason });
export const completionSchema = z.strictObject({
  id: cmplId,
  object: z.literal('text_completion'),
  created: z.number().int().positive(),
  model: z.string(),
  choices: z.array(completionChoice),
  usage,
  stats: z.strictObject({}).optional(),
  system_fingerprint: z.string(),
});
export const v0CompletionSchema = z.strictObject({
  id: cmplId,
  object: z.literal('text_completion'),
  created: z.number().int().positive(),
  model: z.string(),
  choices: z.array(completionChoice),
  usage,
  stats: v0StatsSchema,
  model_info: modelInfo,
  runtime,
});
export const completionChunkSchema = z.strictObject({
  id: cmplId,
  object: z.literal('text_completion'),
  created: z.number().int().positive(),
  model: z.string(),
  system_fingerprint: z.string(),
  choices: z.tuple([z.strictObject({ index: z.literal(0), text: z.string(), logprobs: z.null(), finish_reason: finishReason.nullable() })]),
});

export const embeddingsSchema = z.strictObject({
  object: z.literal('list'),
  data: z.array(z.strictObject({ object: z.literal('embedding'), embedding: z.array(z.number()).min(1), index: z.number().int().min(0) })),
  model: z.string(),
  usage: z.strictObject({ prompt_tokens: z.number().int(), total_tokens: z.number().int() }),
});

export const v1ModelsSchema = z.strictObject({
  models: z.array(
    z.strictObject({
      type: z.enum(['llm', 'embedding']),
      publisher: z.string(),
      key: z.string(),
      display_name: z.string(),
      architecture: z.string().nullable().optional(),
      quantization: z.strictObject({ name: z.string().nullable(), bits_per_weight: z.number().nullable() }).nullable(),
      size_bytes: z.number().int().positive(),
      params_string: z.string().nullable(),
      loaded_instances: z.array(
        z.strictObject({
          id: z.string(),
          config: z.strictObject({
            context_length: z.number().int().positive(),
            eval_batch_size: z.number().optional(),
            parallel: z.number().optional(),
            flash_attention: z.boolean().optional(),
            num_experts: z.number().optional(),
            offload_kv_cache_to_gpu: z.boolean().optional(),
          }),
        }),
      ),
      max_context_length: z.number().int().positive(),
      format: z.enum(['gguf', 'mlx']).nullable(),
      capabilities: z.strictObject({ vision: z.boolean(), trained_for_tool_use: z.boolean() }).optional(),
      description: z.string().nullable().optional(),
    }),
  ),
});

export const v1LoadSchema = z.strictObject({
  type: z.enum(['llm', 'embedding']),
  instance_id: z.string(),
  load_time_seconds: z.number().nonnegative(),
  status: z.literal('loaded'),
  load_config: z
    .strictObject({
      context_length: z.number().int().positive(),
      eval_batch_size: z.number().optional(),
      flash_attention: z.boolean().optional(),
      num_experts: z.number().optional(),
      offload_kv_cache_to_gpu: z.boolean().optional(),
    })
    .optional(),
});
export const v1UnloadSchema = z.strictObject({ instance_id: z.string() });

const isoDate = z.iso.datetime();
export const downloadJobSchema = z.strictObject({
  job_id: z.string().regex(/^job_[0-9a-f]{10}$/),
  status: z.enum(['downloading', 'paused', 'completed', 'failed']),
  total_size_bytes: z.number().int().positive(),
  downloaded_bytes: z.number().int().min(0),
  bytes_per_second: z.number().positive().optional(),
  estimated_completion: isoDate.optional(),
  started_at: isoDate,
  completed_at: isoDate.optional(),
});
export const downloadStartSchema = z.union([z.strictObject({ status: z.literal('already_downloaded') }), downloadJobSchema]);
export const downloadStatusListSchema = z.strictObject({
  downloading: z.array(downloadJobSchema),
  completed: z.array(downloadJobSchema),
  failed: z.array(downloadJobSchema),
  paused: z.array(downloadJobSchema),
});
