import { modelInfoSchema } from '@samus/kernel/schemas';
import { describe, expect, it } from 'vitest';
import { dedupeModels, modelInfoFromOpenAI, modelInfoFromV0, modelInfoFromV1 } from './lm-studio-model-info.js';

describe('modelInfoFromV0', () => {
  it('should map a loaded llm row with context lengths and tool capability', () => {
    const info = modelInfoFromV0({
      id: 'meta-llama-3.1-8b-instruct',
      object: 'model',
      type: 'llm',
      publisher: 'lmstudio-community',
      arch: 'llama',
      compatibility_type: 'gguf',
      quantization: 'Q4_K_M',
      state: 'loaded',
      max_context_length: 131072,
      loaded_context_length: 8192,
      capabilities: ['tool_use'],
    } as object)!;
    expect(modelInfoSchema.parse(info)).toBeTruthy();
    expect(info).toMatchObject({
      id: 'meta-llama-3.1-8b-instruct',
      kind: 'chat',
      type: 'llm',
      state: 'loaded',
      loaded: true,
      contextLength: 131072,
      loadedContextLength: 8192,
      capabilities: ['completion', 'tools'],
      family: 'llama',
      quantization: 'Q4_K_M',
      format: 'gguf',
      loadedInstances: ['meta-llama-3.1-8b-instruct'],
    });
  });

  it('should map vlm and embeddings rows', () => {
    const vlm = modelInfoFromV0({ id: 'qwen2-vl', type: 'vlm', state: 'not-loaded', max_context_length: 32768 })!;
    const embedding = modelInfoFromV0({ id: 'text-embedding-nomic', type: 'embeddings', state: 'not-loaded', max_context_length: 2048 })!;
    expect(vlm).toMatchObject({ kind: 'chat', capabilities: ['completion', 'vision'], loaded: false, state: 'not-loaded' });
    expect(vlm.loadedContextLength).toBeUndefined();
    expect(embedding).toMatchObject({ kind: 'embedding', type: 'embeddings', capabilities: ['embedding'] });
    expect(modelInfoFromV0({ type: 'llm' })).toBeUndefined();
  });

  it('should keep the transient loading state and not count it as loaded', () => {
    expect(modelInfoFromV0({ id: 'm', type: 'llm', state: 'loading' })).toMatchObject({ state: 'loading', loaded: false });
  });
});

describe('modelInfoFromV1', () => {
  it('should map a loaded model with instances, quantisation object and capabilities', () => {
    const info = modelInfoFromV1({
      type: 'llm',
      publisher: 'qwen',
      key: 'qwen/qwen3-4b',
      display_name: 'Qwen3 4B',
      architecture: 'qwen3',
      quantization: { name: 'Q4_K_M', bits_per_weight: 4.8 },
      size_bytes: 2_497_280_256,
      params_string: '4B',
      loaded_instances: [
        { id: 'qwen/qwen3-4b', config: { context_length: 4096 } },
        { id: 'qwen/qwen3-4b:2', config: { context_length: 8192 } },
      ],
      max_context_length: 32768,
      format: 'gguf',
      capabilities: { vision: false, trained_for_tool_use: true, reasoning: { allowed_options: ['on', 'off'], default: 'on' } },
    })!;
    expect(modelInfoSchema.parse(info)).toBeTruthy();
    expect(info).toMatchObject({
      id: 'qwen/qwen3-4b',
      aliases: ['qwen/qwen3-4b:2'],
      kind: 'chat',
      type: 'llm',
      state: 'loaded',
      loaded: true,
      contextLength: 32768,
      loadedContextLength: 4096,
      capabilities: ['completion', 'tools', 'thinking'],
      quantization: 'Q4_K_M',
      sizeBytes: 2_497_280_256,
      parameterSize: '4B',
      loadedInstances: ['qwen/qwen3-4b', 'qwen/qwen3-4b:2'],
    });
  });

  it('should fold the v1 "embedding" spelling and vision flag into the v0 types', () => {
    expect(modelInfoFromV1({ key: 'e', type: 'embedding', loaded_instances: [] })).toMatchObject({ type: 'embeddings', kind: 'embedding', loaded: false });
    expect(modelInfoFromV1({ key: 'v', type: 'llm', capabilities: { vision: true } })).toMatchObject({ type: 'vlm', capabilities: ['completion', 'vision'] });
  });
});

describe('modelInfoFromOpenAI / dedupeModels', () => {
  it('should map an id-only row with unknown state', () => {
    expect(modelInfoFromOpenAI({ id: 'qwen3-4b' })).toMatchObject({ kind: 'unknown', state: 'unknown', loaded: false });
    expect(modelInfoFromOpenAI({ id: 'text-embedding-nomic-embed-text-v1.5' })).toMatchObject({ kind: 'embedding' });
  });

  it('should keep one row per id, preferring the loaded one', () => {
    const notLoaded = modelInfoFromV0({ id: 'm', type: 'llm', state: 'not-loaded' })!;
    const loaded = modelInfoFromV0({ id: 'm', type: 'llm', state: 'loaded' })!;
    expect(dedupeModels([notLoaded, loaded])).toEqual([loaded]);
    expect(dedupeModels([loaded, notLoaded])).toEqual([loaded]);
  });
});

describe('modelInfoFromV1: 0.4.x fields (issue #13)', () => {
  it('should read capabilities.reasoning, variants/selected_variant and the load config of the first instance', () => {
    const info = modelInfoFromV1({
      type: 'llm',
      key: 'openai/gpt-oss-20b',
      loaded_instances: [
        { id: 'openai/gpt-oss-20b', config: { context_length: 8192, eval_batch_size: 512, parallel: 4, flash_attention: true, num_experts: 4, offload_kv_cache_to_gpu: false } },
        { id: 'openai/gpt-oss-20b:2', config: { context_length: 4096 } },
      ],
      capabilities: { vision: false, trained_for_tool_use: true, reasoning: { allowed_options: ['low', 'medium', 'high'], default: 'medium' } },
      variants: ['openai/gpt-oss-20b@mxfp4', 7, 'openai/gpt-oss-20b@q8_0'],
      selected_variant: 'openai/gpt-oss-20b@q8_0',
    } as object)!;
    expect(modelInfoSchema.parse(info)).toBeTruthy();
    expect(info).toMatchObject({
      capabilities: ['completion', 'tools', 'thinking'],
      reasoning: { allowedOptions: ['low', 'medium', 'high'], default: 'medium' },
      variants: ['openai/gpt-oss-20b@mxfp4', 'openai/gpt-oss-20b@q8_0'],
      selectedVariant: 'openai/gpt-oss-20b@q8_0',
      loadConfig: { contextLength: 8192, evalBatchSize: 512, parallel: 4, flashAttention: true, numExperts: 4, offloadKvCacheToGpu: false },
      loadedInstances: ['openai/gpt-oss-20b', 'openai/gpt-oss-20b:2'],
      loadedContextLength: 8192,
    });
  });

  it('should leave the new fields out for a 0.4.0-style entry without them', () => {
    const info = modelInfoFromV1({ type: 'llm', key: 'm', loaded_instances: [], capabilities: { vision: false, trained_for_tool_use: false } } as object)!;
    expect(info).not.toHaveProperty('reasoning');
    expect(info).not.toHaveProperty('variants');
    expect(info).not.toHaveProperty('loadConfig');
  });
});
