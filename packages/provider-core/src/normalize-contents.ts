import { type Content, type ContentListUnion, type ContentUnion, type Part, type PartUnion } from '@samus/kernel';

function toPart(part: PartUnion): Part {
  return typeof part === 'string' ? { text: part } : part;
}

function isContent(value: unknown): value is Content {
  return typeof value === 'object' && value !== null && ('parts' in value || 'role' in value);
}

/**
 * Turns the `@google/genai` content unions into a `Content[]`, the way `@google/genai` does: a string or part
 * becomes one user message, an array of parts one user message, an array of contents stays as it is.
 */
export function normalizeContents(contents: ContentListUnion | undefined): Content[] {
  if (contents === undefined || contents === null) return [];
  if (Array.isArray(contents)) {
    if (contents.length === 0) return [];
    if (contents.every((item) => isContent(item))) return contents as Content[];
    const result: Content[] = [];
    let loose: Part[] = [];
    for (const item of contents as (Content | PartUnion)[]) {
      if (isContent(item)) {
        if (loose.length > 0) result.push({ role: 'user', parts: loose });
        loose = [];
        result.push(item);
      } else {
        loose.push(toPart(item));
      }
    }
    if (loose.length > 0) result.push({ role: 'user', parts: loose });
    return result;
  }
  if (isContent(contents)) return [contents];
  return [{ role: 'user', parts: [toPart(contents)] }];
}

/** Turns a `ContentUnion` (a system instruction) into one `Content`, or `undefined` when empty. */
export function normalizeContent(content: ContentUnion | undefined): Content | undefined {
  if (content === undefined || content === null) return undefined;
  if (Array.isArray(content)) return { parts: content.map((part) => toPart(part)) };
  if (isContent(content)) return content;
  return { parts: [toPart(content)] };
}

/** The concatenated text of a content's non-thought text parts. */
export function contentText(content: Content | undefined): string {
  let text = '';
  for (const part of content?.parts ?? []) if (typeof part.text === 'string' && part.thought !== true) text += part.text;
  return text;
}

/**
 * The texts to embed, one per input the way `@google/genai`'s `embedContent` reads `contents`: every element of
 * an array (string, part or content) is its own input; a single value is one input.
 */
export function embeddingTexts(contents: ContentListUnion): string[] {
  const items: (Content | PartUnion)[] = Array.isArray(contents) ? contents : [contents];
  return items.map((item) => {
    if (typeof item === 'string') return item;
    if (isContent(item)) return contentText(item);
    return typeof item.text === 'string' ? item.text : '';
  });
}

/** The text of each content after {@link normalizeContents} (non-thought text parts joined), e.g. for token estimates. */
export function contentsToTexts(contents: ContentListUnion): string[] {
  return normalizeContents(contents).map((content) => contentText(content));
}
