import type { MockModel } from './mock-model';

/**
 * The default catalogue: a tool-capable llm (loaded, as after `lms load`), a vision model and an embeddings model
 * (not loaded; JIT loads them on first use).
 */
export const defaultMockModels: readonly MockModel[] = [
  {
    id: 'qwen2.5-7b-instruct',
    type: 'llm',
    publisher: 'lmstudio-community',
    arch: 'qwen2',
    quantization: 'Q4_K_M',
    compatibilityType: 'gguf',
    maxContextLength: 32768,
    loadedContextLength: 4096,
    loaded: true,
    capabilities: ['tool_use'],
    displayName: 'Qwen2.5 7B Instruct',
    sizeBytes: 4_683_073_952,
    paramsString: '7B',
  },
  {
    id: 'google/gemma-3-4b',
    type: 'vlm',
    publisher: 'google',
    arch: 'gemma3',
    quantization: 'Q4_K_M',
    compatibilityType: 'gguf',
    maxContextLength: 131072,
    displayName: 'Gemma 3 4B',
    sizeBytes: 3_341_081_088,
    paramsString: '4B',
  },
  {
    id: 'text-embedding-nomic-embed-text-v1.5',
    type: 'embeddings',
    publisher: 'nomic-ai',
    arch: 'nomic-bert',
    quantization: 'Q4_K_M',
    compatibilityType: 'gguf',
    maxContextLength: 2048,
    displayName: 'Nomic Embed Text v1.5',
    sizeBytes: 84_106_624,
    embeddingDimensions: 768,
  },
];
