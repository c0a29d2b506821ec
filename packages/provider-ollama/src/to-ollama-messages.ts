import { toOpenAIMessages } from '@samus/provider-core/internal/conversion';
import { SamusError, type ContentListUnion, type ContentUnion } from '@samus/kernel';
import type { OllamaMessage, OllamaToolCall } from './ollama-wire.js';

type OpenAIMessage = ReturnType<typeof toOpenAIMessages>[number];

function parseArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return {};
  }
}

function textAndImages(content: OpenAIMessage['content']): { content: string; images?: string[] } {
  if (typeof content === 'string') return { content };
  if (!Array.isArray(content)) return { content: '' };
  let text = '';
  const images: string[] = [];
  for (const part of content as { type: string; text?: string; image_url?: { url: string } }[]) {
    if (part.type === 'text' && typeof part.text === 'string') text += part.text;
    else if (part.type === 'image_url' && part.image_url) {
      const url = part.image_url.url;
      const comma = url.indexOf(',');
      if (!url.startsWith('data:') || comma < 0) {
        // Ollama takes image bytes only (base64), not URLs it would have to fetch.
        throw new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `An image given by URL (${url.slice(0, 80)}) cannot be sent to Ollama, which accepts image data only`, {
          hint: 'Inline the image (inlineData with base64 data) instead of a fileData URI.',
          details: { url: url.slice(0, 200) },
        });
      }
      images.push(url.slice(comma + 1));
    }
  }
  return images.length > 0 ? { content: text, images } : { content: text };
}

/**
 * Converts Gemini contents into Ollama native chat messages, through provider-core's `toOpenAIMessages` (one place
 * decides turn order, system handling and call/response pairing), then into the native wire form: tool-call
 * arguments as objects, tool results as `role: "tool"` with `tool_name`, images as bare base64, earlier thinking in
 * `thinking`. The repairs of `toOpenAIMessages` apply (results placed after their calls, orphans, merged turns,
 * media by MIME type: audio, documents and video are `SAMUS_ERR_CAPABILITY_MISSING`, image URLs too — Ollama takes
 * image bytes only).
 */
export function toOllamaMessages(contents: ContentListUnion, systemInstruction?: ContentUnion): OllamaMessage[] {
  const names = new Map<string, string>();
  const messages: OllamaMessage[] = [];
  for (const message of toOpenAIMessages(contents, systemInstruction, { includeThoughts: true })) {
    switch (message.role) {
      case 'system':
      case 'developer':
        messages.push({ role: 'system', ...textAndImages(message.content as OpenAIMessage['content']) });
        break;
      case 'user':
        messages.push({ role: 'user', ...textAndImages(message.content) });
        break;
      case 'assistant': {
        const toolCalls: OllamaToolCall[] = [];
        for (const call of message.tool_calls ?? []) {
          if (call.type !== 'function') continue;
          names.set(call.id, call.function.name);
          toolCalls.push({ function: { name: call.function.name, arguments: parseArguments(call.function.arguments) } });
        }
        const thinking = (message as { reasoning_content?: string }).reasoning_content;
        messages.push({
          role: 'assistant',
          content: typeof message.content === 'string' ? message.content : '',
          ...(thinking ? { thinking } : {}),
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        });
        break;
      }
      case 'tool': {
        const name = names.get(message.tool_call_id);
        messages.push({ role: 'tool', content: typeof message.content === 'string' ? message.content : '', ...(name ? { tool_name: name } : {}) });
        break;
      }
      default:
        break;
    }
  }
  return messages;
}
