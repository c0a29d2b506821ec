/**
 * Answers of a real llama-server (llama.cpp vendored in llama-cpp-python 0.3.36, build `b1-0c1e570`), recorded from
 * the server @samus/test-llamacpp builds, trimmed to the fields this package reads. Where they disagree with
 * llama.cpp's README, these win (each such fact has a test).
 */

/** `GET /health` while the model loads (single-model mode): 503 with an OpenAI-style error body. */
export const HEALTH_LOADING = { status: 503, body: { error: { message: 'Loading model', type: 'unavailable_error', code: 503 } } } as const;

/** `GET /health` when ready. */
export const HEALTH_OK = { status: 200, body: { status: 'ok' } } as const;

/** Router-mode `GET /props` without `?model=`: the router's own props (`n_ctx` 0, no template). */
export const ROUTER_PROPS = {
  role: 'router',
  max_instances: 4,
  models_autoload: true,
  model_alias: 'llama-server',
  model_path: 'none',
  default_generation_settings: { params: null, n_ctx: 0 },
  ui_settings: {},
  build_info: 'b1-0c1e570',
  cors_proxy_enabled: false,
} as const;

const NO_TOOL_CAPS = {
  supports_object_arguments: false,
  supports_parallel_tool_calls: false,
  supports_preserve_reasoning: false,
  supports_reasoning_effort: false,
  supports_string_content: true,
  supports_system_role: true,
  supports_tool_calls: false,
  supports_tools: false,
  supports_typed_content: false,
} as const;

/** `GET /props?model=smollm2-135m-instruct` (router) — also the shape of a single-model server's `/props`. */
export const SMOLLM2_PROPS = {
  default_generation_settings: { n_ctx: 4096, params: { seed: 4294967295, n_predict: -1 } },
  total_slots: 1,
  model_alias: 'smollm2-135m-instruct',
  model_ftype: 'Q4_1',
  model_path: '/cache/models/files/smollm2_135m/SmolLM2-135M-Instruct.Q4_1.gguf',
  modalities: { vision: false, video: false, audio: false },
  endpoint_slots: true,
  endpoint_props: false,
  endpoint_metrics: false,
  chat_template: "{% for message in messages %}{% if loop.first and messages[0]['role'] != 'system' %}…",
  chat_template_caps: NO_TOOL_CAPS,
  bos_token: '<|im_start|>',
  eos_token: '<|im_end|>',
  build_info: 'b1-0c1e570',
  is_sleeping: false,
} as const;

/** `GET /props?model=all-minilm-l6-v2`: an embedding model has a (ChatML fallback) template too, and no embedding flag. */
export const MINILM_PROPS = {
  ...SMOLLM2_PROPS,
  default_generation_settings: { n_ctx: 512, params: { seed: 4294967295 } },
  model_alias: 'all-minilm-l6-v2',
  model_ftype: 'F16',
  model_path: '/cache/llama-cpp/models/all-minilm-l6-v2-f16-ollama-0.11.4.gguf',
  chat_template: "{%- for message in messages -%}\n  {{- '<|im_start|>' …",
  bos_token: '[CLS]',
  eos_token: '',
} as const;

/** Router-mode `GET /v1/models` (the same list as `GET /models`): status and the instance's arguments per model. */
export const ROUTER_MODELS = {
  object: 'list',
  data: [
    {
      id: 'all-minilm-l6-v2',
      aliases: [],
      tags: [],
      object: 'model',
      owned_by: 'llamacpp',
      status: { value: 'loaded', args: ['llama-server', '--embeddings', '--ctx-size', '512', '--model', '/cache/llama-cpp/models/all-minilm-l6-v2-f16-ollama-0.11.4.gguf'] },
      source: 'preset',
      meta: { vocab_type: 3, n_vocab: 30522, n_ctx: 512, n_ctx_train: 512, n_embd: 384, n_params: 22565376, size: 45193728, ftype: 'F16' },
    },
    {
      id: 'smollm2-135m-instruct',
      aliases: [],
      tags: [],
      object: 'model',
      owned_by: 'llamacpp',
      status: { value: 'loaded', args: ['llama-server', '--jinja', '--alias', 'smollm2-135m-instruct', '--ctx-size', '4096', '--model', '/cache/models/files/smollm2_135m/SmolLM2-135M-Instruct.Q4_1.gguf'] },
      source: 'preset',
      meta: { vocab_type: 2, n_vocab: 49152, n_ctx: 4096, n_ctx_train: 8192, n_embd: 576, n_params: 134515008, size: 96576768, ftype: 'Q4_1' },
    },
    { id: 'not-started', aliases: [], tags: [], object: 'model', owned_by: 'llamacpp', status: { value: 'unloaded' }, source: 'preset' },
  ],
} as const;

/** Single-model `GET /v1/models`: the id is the `-m` path (or `--alias`); no status. */
export const SINGLE_MODELS = {
  object: 'list',
  data: [
    {
      id: '/models/SmolLM2-135M-Instruct.Q4_1.gguf',
      aliases: ['/models/SmolLM2-135M-Instruct.Q4_1.gguf'],
      tags: [],
      object: 'model',
      owned_by: 'llamacpp',
      meta: { vocab_type: 2, n_vocab: 49152, n_ctx: 2048, n_ctx_train: 8192, n_embd: 576, n_params: 134515008, size: 96576768, ftype: 'Q4_1' },
    },
  ],
} as const;

/** `POST /v1/chat/completions` whose prompt does not fit: 400 with both numbers. */
export const CONTEXT_EXCEEDED = {
  status: 400,
  body: {
    error: {
      code: 400,
      message: 'request (5031 tokens) exceeds the available context size (4096 tokens), try increasing it',
      type: 'exceed_context_size_error',
      n_prompt_tokens: 5031,
      n_ctx: 4096,
    },
  },
} as const;

/** Router mode, a model it does not have: 400 (not 404) `invalid_request_error`. */
export const ROUTER_MODEL_NOT_FOUND = { status: 400, body: { error: { code: 400, message: "model 'nope' not found", type: 'invalid_request_error' } } } as const;

/** Chat on an embedding model (router): 500. */
export const CHAT_ON_EMBEDDING_MODEL = { status: 500, body: { error: { code: 500, message: 'the current context does not support logits computation. skipping', type: 'server_error' } } } as const;

/** Embeddings on a model started without `--embeddings`: 501. */
export const EMBEDDINGS_NOT_ENABLED = { status: 501, body: { error: { code: 501, message: 'This server does not support embeddings. Start it with `--embeddings`', type: 'not_supported_error' } } } as const;

/** `POST /models/load` on a single-model server: 404 `File Not Found`. */
export const SINGLE_MODE_LOAD = { status: 404, body: { error: { message: 'File Not Found', type: 'not_found_error', code: 404 } } } as const;

/** The `timings` of a streamed completion's last chunk (3 prompt tokens came from the slot's cache). */
export const STREAM_TIMINGS = {
  cache_n: 3,
  prompt_n: 28,
  prompt_ms: 106.328,
  prompt_per_token_ms: 3.7974285714285716,
  prompt_per_second: 263.33609209239336,
  predicted_n: 3,
  predicted_ms: 17.833,
  predicted_per_token_ms: 8.9165,
  predicted_per_second: 112.15162900241127,
} as const;

/**
 * `POST /apply-template` of a request with tools for SmolLM2 (whose template has no tools): the tools are not in the
 * prompt. llama-server drops them without a word (and `chat_template_caps.supports_tools` is false).
 */
export const APPLY_TEMPLATE_TOOLS_DROPPED = {
  prompt: '<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nWhat is the weather in Paris?<|im_end|>\n<|im_start|>assistant\n',
} as const;
