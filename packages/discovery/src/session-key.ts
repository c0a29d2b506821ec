import type { Content, ContentListUnion, GenerateContentParameters } from '@samus/kernel';

/** Characters of the conversation prefix hashed into a session key when the host gives no prompt id. */
const PREFIX_CHARS = 2_048;

function partText(part: unknown): string {
  if (typeof part === 'string') return part;
  if (!part || typeof part !== 'object') return '';
  const p = part as { text?: unknown; functionCall?: unknown; functionResponse?: unknown };
  if (typeof p.text === 'string') return p.text;
  if (p.functionCall !== undefined || p.functionResponse !== undefined) return JSON.stringify(p.functionCall ?? p.functionResponse);
  return '';
}

function contentsOf(contents: ContentListUnion | undefined): unknown[] {
  if (contents === undefined || contents === null) return [];
  return Array.isArray(contents) ? (contents as unknown[]) : [contents];
}

/** Text of one content entry (a Content, a Part, or a string). */
function contentText(entry: unknown): string {
  if (typeof entry === 'string') return entry;
  const parts = (entry as Content | undefined)?.parts;
  if (Array.isArray(parts)) {
    let text = '';
    for (const part of parts) text += partText(part);
    return text;
  }
  return partText(entry);
}

function systemText(request: GenerateContentParameters): string {
  const system = request.config?.systemInstruction as unknown;
  if (system === undefined || system === null) return '';
  return Array.isArray(system) ? system.map(contentText).join('') : contentText(system);
}

/** Characters of the prompt (system instruction and every content), the basis of the pool's token estimate. */
export function promptChars(request: GenerateContentParameters): number {
  let chars = systemText(request).length;
  for (const entry of contentsOf(request.contents)) chars += contentText(entry).length;
  return chars;
}

/** FNV-1a, 32 bit, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The conversation a request belongs to, for cache affinity. From the host's prompt id when there is one: Gemini CLI
 * and Qwen Code send `<sessionId>########<prompt count>`, so everything before the `#` run is the session (a prompt id
 * without one is used whole). Otherwise a hash of the conversation prefix: the system instruction and the first
 * content, which every later turn of the same conversation repeats. Undefined for an empty prompt.
 */
export function sessionKeyOf(request: GenerateContentParameters, userPromptId?: string): string | undefined {
  if (userPromptId) {
    const cut = userPromptId.search(/#{2,}/);
    const session = cut > 0 ? userPromptId.slice(0, cut) : userPromptId;
    return `id:${session}`;
  }
  const first = contentsOf(request.contents)[0];
  const prefix = `${systemText(request)}\u0000${first === undefined ? '' : contentText(first)}`.slice(0, PREFIX_CHARS);
  if (prefix === '\u0000') return undefined;
  return `prefix:${fnv1a(prefix)}`;
}
