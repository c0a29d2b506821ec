/** Model type as reported by `/api/v0/models` (`/api/v1/models` folds `vlm` into `llm` and spells `embedding`). */
export type MockModelType = 'llm' | 'vlm' | 'embeddings';

/** One downloaded model in the mock's catalogue. Only `id` and `type` are required; the rest has realistic defaults. */
export interface MockModel {
  /** Model identifier as LM Studio reports it, e.g. `qwen2.5-7b-instruct` or `google/gemma-3-4b`. */
  id: string;
  /** `llm`, `vlm` (vision) or `embeddings`. */
  type: MockModelType;
  /** Publisher, e.g. `lmstudio-community`. Default `lmstudio-community`. */
  publisher?: string;
  /** Architecture, e.g. `qwen2`, `gemma3`, `nomic-bert`. Default `llama`. */
  arch?: string;
  /** Quantisation name, e.g. `Q4_K_M`, `Q4_0`, `4bit`. Default `Q4_K_M`. */
  quantization?: string;
  /** Weight format (`compatibility_type` in `/api/v0`). Default `gguf`. */
  compatibilityType?: 'gguf' | 'mlx';
  /** Largest context the model supports (`max_context_length`). Default 32768 (2048 for embeddings). */
  maxContextLength?: number;
  /** Context length used when the model gets loaded (`loaded_context_length`). Default `min(4096, maxContextLength)`. */
  loadedContextLength?: number;
  /** Initial state: `true` = loaded as if by `lms load` (no idle TTL). Default `false`. */
  loaded?: boolean;
  /** `/api/v0` capabilities, e.g. `['tool_use']`. Default `[]`. */
  capabilities?: readonly string[];
  /** `/api/v1` display name. Default derived from the id. */
  displayName?: string;
  /** `/api/v1` size on disk. Default derived from the id (deterministic). */
  sizeBytes?: number;
  /** `/api/v1` parameter count string such as `7B`, or `null`. Default `null`. */
  paramsString?: string | null;
  /** Vector length produced by an embeddings model. Default 768. */
  embeddingDimensions?: number;
  /**
   * `/api/v1/models` `capabilities.reasoning` (0.4.x, api-facts 3.4), e.g. `{ allowedOptions: ['off', 'on'], default:
   * 'on' }`. Default: absent (not a reasoning model).
   */
  reasoning?: { allowedOptions: readonly string[]; default: string };
  /** `/api/v1/models` `variants` (e.g. `['qwen3-4b@q4_k_m', 'qwen3-4b@q8_0']`) and `selected_variant`. Default absent. */
  variants?: readonly string[];
  /** `/api/v1/models` `selected_variant`; default the first of `variants`. */
  selectedVariant?: string;
  /** Loaded instances when `loaded` (`id`, `id:2`, …; api-facts 3.2 "second loaded instance"). Default 1. */
  instances?: number;
  /**
   * Load config reported per loaded instance in `/api/v1/models` (api-facts 3.4: `eval_batch_size`, `parallel`,
   * `flash_attention`, `num_experts`, `offload_kv_cache_to_gpu`). Default: only `context_length`.
   */
  loadConfig?: MockLoadConfig;
}

/** Load config fields of a loaded instance (`/api/v1/models` `loaded_instances[].config`). */
export interface MockLoadConfig {
  evalBatchSize?: number;
  parallel?: number;
  flashAttention?: boolean;
  numExperts?: number;
  offloadKvCacheToGpu?: boolean;
}

/** Load state of a catalogue entry (`loading` is the transient state seen while a JIT load runs). */
export type MockModelLoadState = 'loaded' | 'not-loaded' | 'loading';

/** A catalogue entry with every default filled in, plus its current load state. */
export interface MockModelState {
  readonly id: string;
  readonly type: MockModelType;
  readonly publisher: string;
  readonly arch: string;
  readonly quantization: string;
  readonly compatibilityType: 'gguf' | 'mlx';
  readonly maxContextLength: number;
  readonly loadedContextLength: number;
  readonly capabilities: readonly string[];
  readonly displayName: string;
  readonly sizeBytes: number;
  readonly paramsString: string | null;
  readonly embeddingDimensions: number;
  readonly reasoning: { allowedOptions: readonly string[]; default: string } | undefined;
  readonly variants: readonly string[] | undefined;
  readonly selectedVariant: string | undefined;
  /** Loaded instances while loaded (1 = just `id`). */
  readonly instances: number;
  readonly loadConfig: MockLoadConfig | undefined;
  /** Current state. */
  readonly state: MockModelLoadState;
  /** How the model got loaded: by a JIT request or manually (`lms load`, `/api/v1/models/load`, handle). */
  readonly loadedBy: 'jit' | 'manual' | undefined;
  /** Idle TTL in seconds for this load, if any. */
  readonly ttlSec: number | undefined;
  /** How many times the model has been loaded since the server started. */
  readonly loadCount: number;
}
