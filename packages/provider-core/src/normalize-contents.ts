import { SamusError, type Content, type ContentListUnion, type ContentUnion, type Part, type PartUnion } from '@samus/kernel';

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

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'string' ? 'a string' : `the ${typeof value} ${String(value)}`}`;
}

function invalid(path: string, problem: string): SamusError {
  return new SamusError('SAMUS_ERR_INVALID_REQUEST', `Invalid request: ${path} ${problem}`, {
    hint: 'Pass contents as a string, a part, a list of parts, or a list of { role, parts: [{ text }] } contents.',
    details: { field: path },
  });
}

const PART_OBJECT_FIELDS = ['functionCall', 'functionResponse', 'inlineData', 'fileData'] as const;

function checkPart(part: unknown, path: string): void {
  if (typeof part === 'string') return;
  if (part === null || typeof part !== 'object' || Array.isArray(part)) throw invalid(path, `must be a part (an object or a string), got ${describe(part)}`);
  const record = part as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined);
  if (keys.length === 0) throw invalid(path, 'is an empty part');
  if (record['text'] !== undefined && typeof record['text'] !== 'string') throw invalid(`${path}.text`, `must be a string, got ${describe(record['text'])}`);
  if (record['thought'] !== undefined && typeof record['thought'] !== 'boolean') throw invalid(`${path}.thought`, `must be a boolean, got ${describe(record['thought'])}`);
  for (const field of PART_OBJECT_FIELDS) {
    const value = record[field];
    if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) throw invalid(`${path}.${field}`, `must be an object, got ${describe(value)}`);
  }
  const inline = record['inlineData'] as { data?: unknown; mimeType?: unknown } | undefined;
  if (inline && inline.data !== undefined && typeof inline.data !== 'string') throw invalid(`${path}.inlineData.data`, `must be base64 text, got ${describe(inline.data)}`);
  if (inline && inline.mimeType !== undefined && typeof inline.mimeType !== 'string') throw invalid(`${path}.inlineData.mimeType`, `must be a string, got ${describe(inline.mimeType)}`);
  const call = record['functionCall'] as { name?: unknown; args?: unknown } | undefined;
  if (call && call.name !== undefined && typeof call.name !== 'string') throw invalid(`${path}.functionCall.name`, `must be a string, got ${describe(call.name)}`);
  if (call && call.args !== undefined && call.args !== null && (typeof call.args !== 'object' || Array.isArray(call.args))) throw invalid(`${path}.functionCall.args`, `must be an object, got ${describe(call.args)}`);
  const response = record['functionResponse'] as { name?: unknown; parts?: unknown } | undefined;
  if (response && response.name !== undefined && typeof response.name !== 'string') throw invalid(`${path}.functionResponse.name`, `must be a string, got ${describe(response.name)}`);
  if (response && response.parts !== undefined && response.parts !== null) {
    if (!Array.isArray(response.parts)) throw invalid(`${path}.functionResponse.parts`, `must be a list of parts, got ${describe(response.parts)}`);
    (response.parts as unknown[]).forEach((inner, index) => checkPart(inner, `${path}.functionResponse.parts[${index}]`));
  }
}

function checkContent(content: unknown, path: string): void {
  const record = content as { role?: unknown; parts?: unknown };
  if (record.role !== undefined && typeof record.role !== 'string') throw invalid(`${path}.role`, `must be a string, got ${describe(record.role)}`);
  if (record.parts === undefined) return;
  if (!Array.isArray(record.parts)) throw invalid(`${path}.parts`, `must be a list of parts, got ${describe(record.parts)}`);
  (record.parts as unknown[]).forEach((part, index) => checkPart(part, `${path}.parts[${index}]`));
}

/**
 * {@link normalizeContents} for a request that is about to be sent: checks the shape first (cheaply, once per
 * request) and throws `SAMUS_ERR_INVALID_REQUEST` naming the offending path (`contents`, `contents[0].parts`,
 * `contents[0].parts[1].text`, …) instead of letting a malformed prompt become an empty conversation:
 * `contents` must be a string, a part, a content or a list of those; a content needs `parts` as a list; a part is a
 * string or a non-empty object whose `text` is a string and whose `functionCall` / `functionResponse` /
 * `inlineData` / `fileData` are objects.
 */
export function validateContents(contents: unknown): Content[] {
  if (contents === undefined || contents === null) throw invalid('contents', `is required, got ${describe(contents)}`);
  if (typeof contents === 'string') return normalizeContents(contents);
  if (typeof contents !== 'object') throw invalid('contents', `must be a string, a part or a list of contents, got ${describe(contents)}`);
  if (Array.isArray(contents)) {
    contents.forEach((item: unknown, index) => {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && ('parts' in item || 'role' in item)) checkContent(item, `contents[${index}]`);
      else checkPart(item, `contents[${index}]`);
    });
  } else if ('parts' in contents || 'role' in contents) checkContent(contents, 'contents');
  else checkPart(contents, 'contents');
  return normalizeContents(contents as ContentListUnion);
}
