import type { ModelInfo } from '@samus/kernel';

/** LM Studio's model type, in the v0 spelling. */
export type LMStudioModelType = 'llm' | 'vlm' | 'embeddings';

/** Load state of a model as LM Studio reports it (`unknown` when only `/v1/models` answered). */
export type LMStudioModelState = 'loaded' | 'not-loaded' | 'loading' | 'unknown';

/** Which endpoint a model list came from. */
export type LMStudioModelSource = '/api/v1/models' | '/api/v0/models' | '/v1/models';

/**
 * A {@link ModelInfo} with LM Studio's own details: the shared fields (`id`, `kind`, `loaded`, `contextLength`,
 * `loadedContextLength`, normalised `capabilities`…) plus `type`, `state`, `publisher`, `format` and the loaded
 * instance ids.
 */
export interface LMStudioModelInfo extends ModelInfo {
  /** `llm`, `vlm` or `embeddings`; absent when the server did not say (only `/v1/models` answered). */
  type?: LMStudioModelType;
  state: LMStudioModelState;
  publisher?: string;
  /** `gguf` or `mlx`. */
  format?: string;
  /** Ids of the loaded instances (what `unload` takes), e.g. `qwen3-4b` and `qwen3-4b:2`. */
  loadedInstances: string[];
  /** Capabilities in LM Studio's own words (`tool_use`, `vision`, `trained_for_tool_use`, `reasoning`). */
  serverCapabilities: string[];
  /** The endpoint this entry came from. */
  source: LMStudioModelSource;
  /**
   * Reasoning control of the model (`/api/v1/models` `capabilities.reasoning`, 0.4.x): the values `/api/v1/chat`'s
   * `reasoning` accepts (e.g. `off`, `low`, `medium`, `high`, `on`) and the default.
   */
  reasoning?: { allowedOptions: string[]; default?: string };
  /** Downloaded variants (`/api/v1/models` `variants`, e.g. `qwen3-4b@q4_k_m`) and the one selected by default. */
  variants?: string[];
  selectedVariant?: string;
  /** Load config of the first loaded instance (`/api/v1/models` `loaded_instances[0].config`), as the server sent it. */
  loadConfig?: LMStudioLoadConfig;
}

/** Load config of a loaded instance (0.4.x `/api/v1/models`). */
export interface LMStudioLoadConfig {
  contextLength?: number;
  evalBatchSize?: number;
  /** Parallel request slots ("Max concurrent predictions"). */
  parallel?: number;
  flashAttention?: boolean;
  numExperts?: number;
  offloadKvCacheToGpu?: boolean;
}

interface V0ModelRow {
  id?: unknown;
  type?: unknown;
  publisher?: unknown;
  arch?: unknown;
  compatibility_type?: unknown;
  quantization?: unknown;
  state?: unknown;
  max_context_length?: unknown;
  loaded_context_length?: unknown;
  capabilities?: unknown;
}

interface V1Model {
  type?: unknown;
  publisher?: unknown;
  key?: unknown;
  display_name?: unknown;
  architecture?: unknown;
  quantization?: unknown;
  size_bytes?: unknown;
  params_string?: unknown;
  loaded_instances?: unknown;
  max_context_length?: unknown;
  format?: unknown;
  capabilities?: unknown;
  variants?: unknown;
  selected_variant?: unknown;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const positiveInt = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
const nonNegativeInt = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;

function normalisedCapabilities(type: LMStudioModelType | undefined, server: readonly string[]): string[] {
  const capabilities = new Set<string>();
  if (type === 'embeddings') capabilities.add('embedding');
  else if (type === 'llm' || type === 'vlm') capabilities.add('completion');
  if (type === 'vlm' || server.includes('vision')) capabilities.add('vision');
  if (server.includes('tool_use') || server.includes('trained_for_tool_use')) capabilities.add('tools');
  if (server.includes('reasoning')) capabilities.add('thinking');
  return [...capabilities];
}

function kindOf(type: LMStudioModelType | undefined): ModelInfo['kind'] {
  if (type === 'embeddings') return 'embedding';
  if (type === 'llm' || type === 'vlm') return 'chat';
  return 'unknown';
}

function optional<T extends object>(entries: Record<string, unknown>): Partial<T> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Maps one `/api/v0/models` row; returns undefined for a row without an id. */
export function modelInfoFromV0(row: V0ModelRow): LMStudioModelInfo | undefined {
  const id = text(row.id);
  if (!id) return undefined;
  const rawType = text(row.type);
  const type: LMStudioModelType | undefined = rawType === 'llm' || rawType === 'vlm' || rawType === 'embeddings' ? rawType : undefined;
  const rawState = text(row.state);
  const state: LMStudioModelState = rawState === 'loaded' || rawState === 'not-loaded' || rawState === 'loading' ? rawState : 'unknown';
  const serverCapabilities = Array.isArray(row.capabilities) ? row.capabilities.filter((value): value is string => typeof value === 'string') : [];
  return {
    id,
    aliases: [],
    kind: kindOf(type),
    capabilities: normalisedCapabilities(type, serverCapabilities),
    loaded: state === 'loaded',
    state,
    loadedInstances: state === 'loaded' ? [id] : [],
    serverCapabilities,
    source: '/api/v0/models',
    ...optional<LMStudioModelInfo>({
      type,
      contextLength: positiveInt(row.max_context_length),
      loadedContextLength: state === 'loaded' ? positiveInt(row.loaded_context_length) : undefined,
      family: text(row.arch),
      quantization: text(row.quantization),
      publisher: text(row.publisher),
      format: text(row.compatibility_type),
    }),
  };
}

/** Maps one `/api/v1/models` entry (0.4+); returns undefined for an entry without a key. */
export function modelInfoFromV1(model: V1Model): LMStudioModelInfo | undefined {
  const id = text(model.key);
  if (!id) return undefined;
  const capabilityObject = typeof model.capabilities === 'object' && model.capabilities !== null ? (model.capabilities as Record<string, unknown>) : {};
  const serverCapabilities: string[] = [];
  if (capabilityObject.vision === true) serverCapabilities.push('vision');
  if (capabilityObject.trained_for_tool_use === true) serverCapabilities.push('trained_for_tool_use');
  if (capabilityObject.reasoning !== undefined && capabilityObject.reasoning !== null && capabilityObject.reasoning !== false) {
    serverCapabilities.push('reasoning');
  }
  const rawType = text(model.type);
  const type: LMStudioModelType | undefined =
    rawType === 'embedding' || rawType === 'embeddings' ? 'embeddings' : rawType === 'llm' ? (capabilityObject.vision === true ? 'vlm' : 'llm') : undefined;
  const instances = Array.isArray(model.loaded_instances) ? model.loaded_instances : [];
  const loadedInstances: string[] = [];
  let loadedContextLength: number | undefined;
  for (const instance of instances) {
    if (typeof instance !== 'object' || instance === null) continue;
    const record = instance as { id?: unknown; config?: { context_length?: unknown } };
    const instanceId = text(record.id);
    if (instanceId) loadedInstances.push(instanceId);
    loadedContextLength ??= positiveInt(record.config?.context_length);
  }
  const quantization =
    typeof model.quantization === 'object' && model.quantization !== null
      ? text((model.quantization as { name?: unknown }).name)
      : text(model.quantization);
  const loaded = loadedInstances.length > 0;
  const firstInstance = instances.find((instance): instance is { config?: unknown } => typeof instance === 'object' && instance !== null);
  const variants = Array.isArray(model.variants) ? model.variants.map(text).filter((name): name is string => name !== undefined) : undefined;
  return {
    id,
    aliases: loadedInstances.filter((instanceId) => instanceId !== id),
    kind: kindOf(type),
    capabilities: normalisedCapabilities(type, serverCapabilities),
    loaded,
    state: loaded ? 'loaded' : 'not-loaded',
    loadedInstances,
    serverCapabilities,
    source: '/api/v1/models',
    ...optional<LMStudioModelInfo>({
      type,
      contextLength: positiveInt(model.max_context_length),
      loadedContextLength,
      family: text(model.architecture),
      parameterSize: text(model.params_string),
      quantization,
      sizeBytes: nonNegativeInt(model.size_bytes),
      publisher: text(model.publisher),
      format: text(model.format),
      reasoning: reasoningOf(capabilityObject.reasoning),
      variants: variants && variants.length > 0 ? variants : undefined,
      selectedVariant: text(model.selected_variant),
      loadConfig: loadConfigOf(firstInstance?.config),
    }),
  };
}

function reasoningOf(value: unknown): LMStudioModelInfo['reasoning'] {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as { allowed_options?: unknown; default?: unknown };
  const allowedOptions = Array.isArray(record.allowed_options) ? record.allowed_options.map(text).filter((option): option is string => option !== undefined) : [];
  const defaultOption = text(record.default);
  return { allowedOptions, ...(defaultOption === undefined ? {} : { default: defaultOption }) };
}

function loadConfigOf(value: unknown): LMStudioLoadConfig | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const bool = (field: unknown) => (typeof field === 'boolean' ? field : undefined);
  const config = optional<LMStudioLoadConfig>({
    contextLength: positiveInt(record.context_length),
    evalBatchSize: positiveInt(record.eval_batch_size),
    parallel: positiveInt(record.parallel),
    flashAttention: bool(record.flash_attention),
    numExperts: nonNegativeInt(record.num_experts),
    offloadKvCacheToGpu: bool(record.offload_kv_cache_to_gpu),
  });
  return Object.keys(config).length > 0 ? config : undefined;
}

/** Maps one `/v1/models` row (id only: type and state unknown; `embed` in the id marks an embedding model). */
export function modelInfoFromOpenAI(row: { id?: unknown }): LMStudioModelInfo | undefined {
  const id = text(row.id);
  if (!id) return undefined;
  const embedding = /embed/i.test(id);
  return {
    id,
    aliases: [],
    kind: embedding ? 'embedding' : 'unknown',
    capabilities: embedding ? ['embedding'] : [],
    loaded: false,
    state: 'unknown',
    loadedInstances: [],
    serverCapabilities: [],
    source: '/v1/models',
  };
}

/** Merges duplicate rows (LM Studio can list a model once loaded and once not), keeping the loaded one. */
export function dedupeModels(models: readonly LMStudioModelInfo[]): LMStudioModelInfo[] {
  const byId = new Map<string, LMStudioModelInfo>();
  for (const model of models) {
    const previous = byId.get(model.id);
    if (!previous || (model.loaded && !previous.loaded)) byId.set(model.id, model);
  }
  return [...byId.values()];
}
