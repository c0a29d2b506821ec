import { errorBody } from './error-bodies';
import type { MockModelState } from './mock-model';
import { errorShapeFor, type RequestContext } from './request-context';

/** `GET /v1/models` (api-facts 3.2): every downloaded model with JIT on, only loaded ones with JIT off. */
export async function handleOpenAIModels(context: RequestContext): Promise<void> {
  const { catalogue, jit } = context.state;
  const models = jit ? catalogue.list() : catalogue.loaded();
  await context.channel.json(200, {
    data: models.map((model) => ({ id: model.id, object: 'model', owned_by: 'organization_owner' })),
    object: 'list',
  });
}

/** One `/api/v0/models` row (api-facts 3.3; `loaded_context_length` on loaded rows, `capabilities` when non-empty). */
export function v0ModelRow(model: MockModelState, withCapabilities: boolean): Record<string, unknown> {
  const row: Record<string, unknown> = {
    id: model.id,
    object: 'model',
    type: model.type,
    publisher: model.publisher,
    arch: model.arch,
    compatibility_type: model.compatibilityType,
    quantization: model.quantization,
    state: model.state,
    max_context_length: model.maxContextLength,
  };
  if (model.state === 'loaded') row.loaded_context_length = model.loadedContextLength;
  if (withCapabilities && model.capabilities.length > 0) row.capabilities = [...model.capabilities];
  return row;
}

/** `GET /api/v0/models`. */
export async function handleV0Models(context: RequestContext): Promise<void> {
  const { catalogue, behaviour, duplicateLoadedRows, jit } = context.state;
  // [issue] 0.3.17+ with JIT off lists only loaded models (lmstudio-bug-tracker reports on 0.3.17 and 0.3.20).
  const models = !jit && behaviour.v0ModelsHonourJit ? catalogue.loaded() : catalogue.list();
  const rows = models.flatMap((model) => {
    const row = v0ModelRow(model, behaviour.v0Capabilities);
    if (!duplicateLoadedRows || model.state !== 'loaded') return [row];
    return [row, v0ModelRow({ ...model, state: 'not-loaded' }, behaviour.v0Capabilities)];
  });
  await context.channel.json(200, { object: 'list', data: rows });
}

/** `GET /api/v0/models/{id}`; unknown id → [inferred] 404 with a `model_not_found` error body. */
export async function handleV0Model(context: RequestContext, id: string): Promise<void> {
  const { catalogue, behaviour } = context.state;
  const model = catalogue.find(id);
  if (!model) {
    await context.channel.json(404, errorBody(`Model "${id}" not found`, errorShapeFor(context, 'object'), { param: 'model', code: 'model_not_found' }));
    return;
  }
  await context.channel.json(200, v0ModelRow(model, behaviour.v0Capabilities));
}

function bitsPerWeight(quantization: string): number | null {
  const match = /(\d+)/.exec(quantization);
  return match ? Number(match[1]) : null;
}

/** One `/api/v1/models` entry (api-facts 3.4; shape from LM Studio's "List your models" docs). */
export function v1ModelEntry(model: MockModelState, rich = true): Record<string, unknown> {
  const embedding = model.type === 'embeddings';
  const entry: Record<string, unknown> = {
    type: embedding ? 'embedding' : 'llm',
    publisher: model.publisher,
    key: model.id,
    display_name: model.displayName,
  };
  if (!embedding) entry.architecture = model.arch;
  entry.quantization = { name: model.quantization, bits_per_weight: bitsPerWeight(model.quantization) };
  entry.size_bytes = model.sizeBytes;
  entry.params_string = model.paramsString;
  // api-facts 3.2/3.4: a second loaded instance has the id `<key>:2`; each instance reports its load config.
  entry.loaded_instances =
    model.state === 'loaded'
      ? Array.from({ length: model.instances }, (_, i) => ({ id: i === 0 ? model.id : `${model.id}:${i + 1}`, config: instanceConfig(model, rich) }))
      : [];
  entry.max_context_length = model.maxContextLength;
  entry.format = model.compatibilityType;
  if (!embedding) {
    const capabilities: Record<string, unknown> = { vision: model.type === 'vlm', trained_for_tool_use: model.capabilities.includes('tool_use') };
    if (rich && model.reasoning) capabilities.reasoning = { allowed_options: [...model.reasoning.allowedOptions], default: model.reasoning.default };
    entry.capabilities = capabilities;
    entry.description = null;
  }
  if (rich && model.variants) {
    entry.variants = [...model.variants];
    entry.selected_variant = model.selectedVariant ?? model.variants[0] ?? null;
  }
  return entry;
}

function instanceConfig(model: MockModelState, rich: boolean): Record<string, unknown> {
  const config: Record<string, unknown> = { context_length: model.loadedContextLength };
  const load = rich ? model.loadConfig : undefined;
  if (!load) return config;
  if (load.evalBatchSize !== undefined) config.eval_batch_size = load.evalBatchSize;
  if (load.parallel !== undefined) config.parallel = load.parallel;
  if (load.flashAttention !== undefined) config.flash_attention = load.flashAttention;
  if (load.numExperts !== undefined) config.num_experts = load.numExperts;
  if (load.offloadKvCacheToGpu !== undefined) config.offload_kv_cache_to_gpu = load.offloadKvCacheToGpu;
  return config;
}

/** `GET /api/v1/models`. */
export async function handleV1Models(context: RequestContext): Promise<void> {
  const rich = context.state.behaviour.richV1Models;
  await context.channel.json(200, { models: context.state.catalogue.list().map((model) => v1ModelEntry(model, rich)) });
}
