/**
 * Reads an OpenAI-style message `content` that may be a string or typed parts, as Mistral / Magistral and some
 * gateways send it (streamed and not): `[{type:"text", text}, {type:"thinking", thinking:[{type:"text", text}]}]`.
 * Text parts (`text`, `output_text`) are answer text; `thinking` / `reasoning` parts are reasoning. Unknown part
 * types are ignored. Returns `undefined` for `null` / absent content.
 */
export function readTypedContent(content: unknown): { text: string; thinking: string; typed: boolean } | undefined {
  if (content === null || content === undefined) return undefined;
  if (typeof content === 'string') return { text: content, thinking: '', typed: false };
  const parts: unknown[] = Array.isArray(content) ? content : [content];
  let text = '';
  let thinking = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    if (part === null || typeof part !== 'object') continue;
    const record = part as { type?: unknown; text?: unknown; thinking?: unknown; reasoning?: unknown; content?: unknown };
    switch (record.type) {
      case 'text':
      case 'output_text':
        if (typeof record.text === 'string') text += record.text;
        break;
      case 'thinking':
      case 'reasoning':
        thinking += nestedText(record.thinking ?? record.reasoning ?? record.text ?? record.content);
        break;
      default:
        if (record.type === undefined && typeof record.text === 'string') text += record.text;
        break;
    }
  }
  return { text, thinking, typed: true };
}

function nestedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((item) => nestedText(item)).join('');
  if (value !== null && typeof value === 'object') {
    const text = (value as { text?: unknown }).text;
    return typeof text === 'string' ? text : '';
  }
  return '';
}
