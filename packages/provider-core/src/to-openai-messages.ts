import { type ContentListUnion, type ContentUnion, type FunctionCall, type Part } from '@samus/kernel';
import type { ChatCompletionContentPart, ChatCompletionMessageFunctionToolCall, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { contentText, normalizeContent, normalizeContents } from './normalize-contents.js';
import { generateToolCallId } from './tool-call-accumulator.js';

/** Options of {@link toOpenAIMessages}. */
export interface ToOpenAIMessagesOptions {
  /** Send earlier reasoning (`thought` parts of model turns) back as `reasoning_content`. Default `false` (dropped). */
  includeThoughts?: boolean;
}

function stringifyResponse(response: Record<string, unknown> | undefined): string {
  if (response === undefined) return '';
  // Gemini-CLI wraps tool output as {output: "..."}; send the text itself when that is all there is.
  const keys = Object.keys(response);
  if (keys.length === 1 && typeof response['output'] === 'string') return response['output'];
  if (keys.length === 1 && typeof response['content'] === 'string') return response['content'];
  return JSON.stringify(response);
}

function imagePart(part: Part): ChatCompletionContentPart | undefined {
  const data = part.inlineData?.data;
  if (!data) return undefined;
  const mimeType = part.inlineData?.mimeType ?? 'application/octet-stream';
  return { type: 'image_url', image_url: { url: `data:${mimeType};base64,${data}` } };
}

/**
 * Converts Gemini contents (plus an optional system instruction) into OpenAI chat messages:
 *
 * - `systemInstruction` and `system` turns → `system` messages;
 * - `user` turns → `user` messages (text, or content parts when images are inlined);
 * - `model` turns → `assistant` messages with `content` and `tool_calls` (`functionCall` parts; missing ids are
 *   generated and reused for the matching `functionResponse`);
 * - `functionResponse` parts → one `tool` message each (`tool_call_id` = the call's id, matched by id, else by
 *   name in order), placed before any other text of the same turn;
 * - `thought` parts are dropped unless `includeThoughts`.
 */
export function toOpenAIMessages(
  contents: ContentListUnion,
  systemInstruction?: ContentUnion,
  options: ToOpenAIMessagesOptions = {},
): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  const system = normalizeContent(systemInstruction);
  const systemText = system ? contentText(system) : '';
  if (systemText !== '') messages.push({ role: 'system', content: systemText });
  // Ids of calls without one, by function name, waiting for their responses.
  let pendingIds: Map<string, string[]> | undefined;
  const assignId = (call: FunctionCall): string => {
    if (call.id) return call.id;
    const id = generateToolCallId();
    const name = call.name ?? '';
    pendingIds ??= new Map();
    const queue = pendingIds.get(name) ?? [];
    queue.push(id);
    pendingIds.set(name, queue);
    return id;
  };
  const responseId = (id: string | undefined, name: string | undefined): string => {
    if (id) return id;
    const queue = pendingIds?.get(name ?? '');
    return queue?.shift() ?? generateToolCallId();
  };

  for (const content of normalizeContents(contents)) {
    const parts = content.parts ?? [];
    const role = content.role ?? 'user';
    if (role === 'system') {
      const text = contentText(content);
      if (text !== '') messages.push({ role: 'system', content: text });
      continue;
    }
    if (role === 'model' || role === 'assistant') {
      messages.push(assistantMessage(parts, assignId, options));
      continue;
    }
    const userParts: ChatCompletionContentPart[] = [];
    let hasImage = false;
    for (const part of parts) {
      if (part.functionResponse) {
        messages.push({
          role: 'tool',
          tool_call_id: responseId(part.functionResponse.id, part.functionResponse.name),
          content: stringifyResponse(part.functionResponse.response),
        });
      } else if (part.inlineData) {
        const image = imagePart(part);
        if (image) {
          userParts.push(image);
          hasImage = true;
        }
      } else if (typeof part.text === 'string' && part.thought !== true) {
        userParts.push({ type: 'text', text: part.text });
      }
    }
    if (userParts.length === 0) continue;
    messages.push({
      role: 'user',
      content: hasImage ? userParts : userParts.map((part) => (part.type === 'text' ? part.text : '')).join(''),
    });
  }
  return messages;
}

function assistantMessage(
  parts: Part[],
  assignId: (call: FunctionCall) => string,
  options: ToOpenAIMessagesOptions,
): ChatCompletionMessageParam {
  let text = '';
  let reasoning = '';
  const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
  for (const part of parts) {
    if (part.functionCall) {
      toolCalls.push({
        id: assignId(part.functionCall),
        type: 'function',
        function: { name: part.functionCall.name ?? '', arguments: JSON.stringify(part.functionCall.args ?? {}) },
      });
    } else if (typeof part.text === 'string') {
      if (part.thought === true) reasoning += part.text;
      else text += part.text;
    }
  }
  const message: ChatCompletionMessageParam & { reasoning_content?: string } = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  if (options.includeThoughts && reasoning !== '') message.reasoning_content = reasoning;
  return message;
}
