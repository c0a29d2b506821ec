import { IMAGE_TOKEN_ESTIMATE } from '@samus/provider-core/internal';
import type { OllamaShowResponse } from './ollama-wire.js';

/** Tokens Gemma 3 (Ollama's own engine) adds around each image: `\n\n`, `<start_of_image>`, `<end_of_image>`, `\n\n`. */
const IMAGE_WRAPPER_TOKENS = 4;

/** LLaVA-1.6 "anyres" (`spatial_unpad`): the whole image plus up to four tiles, each at the base cost. */
const ANYRES_TILES = 5;

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * What Ollama v0.11.4 puts into the context for one image, from the model's `/api/show`:
 *
 * 1. a fixed count per image in the model (`<arch>.mm.tokens_per_image`, e.g. Gemma 3's 256) plus the 4 tokens
 *    Gemma 3 wraps each image in → 260;
 * 2. a CLIP projector (`projector_info`, LLaVA-style models on the llama.cpp runner): one token per patch,
 *    (`clip.vision.image_size` / `clip.vision.patch_size`)² (LLaVA 1.5: (336/14)² = 576), five times that for
 *    LLaVA-1.6 "anyres" (`clip.vision.mm_patch_merge_type: spatial_unpad`) → 2880;
 * 3. otherwise (models whose cost depends on the image size, such as Qwen2.5-VL or Mistral Small 3.1, an unknown
 *    model, a failed lookup): provider-core's fixed `IMAGE_TOKEN_ESTIMATE` (1024).
 */
export function ollamaImageTokens(show: OllamaShowResponse | undefined): number {
  const info = show?.model_info ?? {};
  const architecture = info['general.architecture'];
  if (typeof architecture === 'string') {
    const fixed = positive(info[`${architecture}.mm.tokens_per_image`]) ?? positive(info[`${architecture}.mm_tokens_per_image`]);
    if (fixed !== undefined) return Math.round(fixed) + IMAGE_WRAPPER_TOKENS;
  }
  const projector = show?.projector_info ?? {};
  const imageSize = positive(projector['clip.vision.image_size']);
  const patchSize = positive(projector['clip.vision.patch_size']);
  if (imageSize !== undefined && patchSize !== undefined) {
    const patches = Math.floor(imageSize / patchSize) ** 2;
    return projector['clip.vision.mm_patch_merge_type'] === 'spatial_unpad' ? patches * ANYRES_TILES : patches;
  }
  return IMAGE_TOKEN_ESTIMATE;
}
