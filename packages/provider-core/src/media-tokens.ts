import type { ContentListUnion } from '@samus/kernel';
import { normalizeContents } from './normalize-contents.js';

/**
 * Tokens `countTokens` adds per image for a server whose cost per image is unknown (OpenAI-compatible servers,
 * LM Studio): a fixed estimate, on the high side of what local vision models charge (LLaVA 1.5: 576,
 * Gemma 3: 256 + 4, Qwen2.5-VL: one token per 28×28 pixels, so ~1000 for a 1-megapixel image) and of OpenAI's
 * detail-`auto` cost of a 1024×1024 image (765).
 */
export const IMAGE_TOKEN_ESTIMATE = 1024;

/**
 * The media parts of `contents` that a request actually sends: `inlineData` with data in user turns (each becomes
 * one image input; see `toOpenAIMessages`). `fileData` (URIs) and media in model turns or system instructions are
 * not sent to local servers, so they cost nothing there.
 */
export function countSentMedia(contents: ContentListUnion | undefined): number {
  let count = 0;
  for (const content of normalizeContents(contents)) {
    const role = content.role ?? 'user';
    if (role === 'model' || role === 'assistant' || role === 'system') continue;
    for (const part of content.parts ?? []) {
      if (part.functionResponse === undefined && typeof part.inlineData?.data === 'string' && part.inlineData.data !== '') count += 1;
    }
  }
  return count;
}
