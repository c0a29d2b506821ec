import { SamusError, type Content, type ContentListUnion, type ContentUnion, type FunctionCall, type Part } from '@samus/kernel';
import type { ChatCompletionContentPart, ChatCompletionMessageFunctionToolCall, ChatCompletionMessageParam } from './openai-wire-types.js';
import { conversionDebug } from './conversion-debug.js';
import { contentText, normalizeContent, validateContents } from './normalize-contents.js';
import { generateToolCallId } from './tool-call-accumulator.js';

/** Which media, besides images, the server accepts in messages. */
export interface MessageMediaSupport {
  /** `input_audio` parts for `audio/wav` and `audio/mpeg` (`audio/mp3`). Default `false`. */
  audio?: boolean;
  /** `file` parts (`file_data` as a data URL) for documents such as PDFs. Default `false`. */
  files?: boolean;
}

/** Options of {@link toOpenAIMessages}. */
export interface ToOpenAIMessagesOptions {
  /** Send earlier reasoning (`thought` parts of model turns) back as `reasoning_content`. Default `false` (dropped). */
  includeThoughts?: boolean;
  /** Media the server accepts besides images; other media is a `SAMUS_ERR_CAPABILITY_MISSING` naming the part. */
  media?: MessageMediaSupport;
}

/** The capability flags that decide the message form (a generator passes its `capabilities`). */
export interface MessageCapabilities {
  sendReasoning: boolean;
  audioInput: boolean;
  fileInput: boolean;
}

/** A Gemini part the server cannot receive: `SAMUS_ERR_CAPABILITY_MISSING` naming it. */
function unsupportedMedia(path: string, mimeType: string, what: string): SamusError {
  return new SamusError('SAMUS_ERR_CAPABILITY_MISSING', `${path} is ${what} (${mimeType}), which this server does not accept`, {
    hint: 'Only images (image/*) and text (text/*, application/json) are sent to this server: leave the part out, convert it to text or an image, or use a provider that accepts it.',
    details: { field: path, mimeType },
  });
}

const TEXT_MIME = /^(text\/|application\/(json|xml|yaml|x-yaml|javascript|typescript|x-sh|toml|csv|x-ndjson)\b)|\+json$|\+xml$/i;
const AUDIO_FORMATS: Record<string, 'wav' | 'mp3'> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3' };

/** The fields of a `fileData` part (a URI instead of inline bytes; `@google/genai` has it, the kernel type does not). */
interface FileData {
  fileUri?: string;
  mimeType?: string;
  displayName?: string;
}

/** What a media part becomes in an OpenAI message: a content part, or text. */
function mediaPart(part: Part, path: string, media: MessageMediaSupport): ChatCompletionContentPart | undefined {
  const fileData = (part as { fileData?: FileData }).fileData;
  if (part.inlineData) {
    const data = part.inlineData.data;
    if (!data) return undefined;
    const mimeType = (part.inlineData.mimeType ?? 'application/octet-stream').toLowerCase();
    const where = `${path}.inlineData`;
    if (mimeType.startsWith('image/')) return { type: 'image_url', image_url: { url: `data:${mimeType};base64,${data}` } };
    if (TEXT_MIME.test(mimeType)) return { type: 'text', text: Buffer.from(data, 'base64').toString('utf8') };
    const audio = AUDIO_FORMATS[mimeType];
    if (audio !== undefined) {
      if (media.audio) return { type: 'input_audio', input_audio: { data, format: audio } };
      throw unsupportedMedia(where, mimeType, 'audio');
    }
    if (mimeType.startsWith('audio/')) throw unsupportedMedia(where, mimeType, 'audio');
    if (mimeType.startsWith('video/')) throw unsupportedMedia(where, mimeType, 'video');
    if (media.files) {
      const filename = part.inlineData.displayName ?? `attachment.${mimeType.split('/')[1]?.split(/[+;]/)[0] ?? 'bin'}`;
      return { type: 'file', file: { file_data: `data:${mimeType};base64,${data}`, filename } };
    }
    throw unsupportedMedia(where, mimeType, 'a document');
  }
  if (fileData) {
    const uri = fileData.fileUri;
    if (!uri) return undefined;
    const mimeType = (fileData.mimeType ?? '').toLowerCase();
    const where = `${path}.fileData`;
    const fetchable = /^(https?:|data:)/i.test(uri);
    if ((mimeType.startsWith('image/') || (mimeType === '' && /^data:image\//i.test(uri))) && fetchable) return { type: 'image_url', image_url: { url: uri } };
    if (media.files && /^data:/i.test(uri)) return { type: 'file', file: { file_data: uri, ...(fileData.displayName ? { filename: fileData.displayName } : {}) } };
    throw unsupportedMedia(where, mimeType || 'unknown type', fetchable ? 'a file reference' : `a file reference the server cannot fetch (${uri.split(':')[0]}:)`);
  }
  return undefined;
}

function stringifyResponse(response: unknown): string {
  if (response === undefined || response === null) return '';
  if (typeof response !== 'object') return String(response);
  // Gemini-CLI wraps tool output as {output: "..."}; send the text itself when that is all there is.
  const record = response as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 0) return '';
  if (keys.length === 1 && typeof record['output'] === 'string') return record['output'];
  if (keys.length === 1 && typeof record['content'] === 'string') return record['content'];
  try {
    return JSON.stringify(response);
  } catch (error) {
    throw new SamusError('SAMUS_ERR_INVALID_REQUEST', `A functionResponse.response cannot be serialised: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** A tool result, before placement: its message and the media that must follow it in a user message. */
interface ToolResult {
  message: ChatCompletionMessageParam & { role: 'tool'; tool_call_id: string; content: string };
  name: string;
  attachments: ChatCompletionContentPart[];
}

type Item =
  | { kind: 'message'; message: ChatCompletionMessageParam }
  | { kind: 'assistant'; message: ChatCompletionMessageParam & { role: 'assistant'; tool_calls?: ChatCompletionMessageFunctionToolCall[]; reasoning_content?: string } }
  | { kind: 'tool'; result: ToolResult };

/**
 * Converts Gemini contents (plus an optional system instruction) into OpenAI chat messages:
 *
 * - `systemInstruction` and `system` turns → `system` messages;
 * - `user` turns → `user` messages: text, or content parts when media is present — images (`image/*` inline or a
 *   fetchable `fileData` URI) as `image_url`; text media (`text/*`, JSON, …) decoded as text; audio, documents
 *   and video only where {@link ToOpenAIMessagesOptions.media} says the server takes them, else
 *   `SAMUS_ERR_CAPABILITY_MISSING` naming the part — never sent as an image;
 * - `model` turns → `assistant` messages with `content` and `tool_calls` (`functionCall` parts; missing ids are
 *   generated and reused for the matching `functionResponse`; a call repeated with the same id, name and
 *   arguments in one turn is sent once, a different call reusing an id gets a fresh one);
 * - `functionResponse` parts → one `tool` message each (`tool_call_id` = the call's id, matched by id, else by
 *   name in order), placed directly after the assistant message with the call; the text of nested
 *   `functionResponse.parts` is appended to it, their media goes into a `user` message right after the tool
 *   messages (tool messages carry text only);
 * - repair for strict servers and alternation-enforcing templates: calls without a result are dropped, a result
 *   without its call becomes user text, consecutive user (or assistant) messages are merged, empty messages are
 *   left out (each repair publishes a `samus:conversion` debug event);
 * - `thought` parts are dropped unless `includeThoughts` (then `reasoning_content`).
 *
 * Malformed contents throw `SAMUS_ERR_INVALID_REQUEST` naming the path (see `validateContents`), and so do contents
 * that leave nothing but system messages to send (`[]`, `""`, only empty parts): never an empty conversation.
 */
export function toOpenAIMessages(
  contents: ContentListUnion,
  systemInstruction?: ContentUnion,
  given: ToOpenAIMessagesOptions | MessageCapabilities = {},
): ChatCompletionMessageParam[] {
  const options: ToOpenAIMessagesOptions =
    'sendReasoning' in given ? { includeThoughts: given.sendReasoning, media: { audio: given.audioInput, files: given.fileInput } } : given;
  const media = options.media ?? {};
  const items: Item[] = [];
  const system = normalizeContent(systemInstruction);
  const systemText = system ? contentText(system) : '';
  if (systemText !== '') items.push({ kind: 'message', message: { role: 'system', content: systemText } });
  // Ids of calls without one (or renamed duplicates), by function name, waiting for their responses.
  const pendingIds = new Map<string, string[]>();
  const renamed = new Map<string, string[]>();
  const queue = (map: Map<string, string[]>, key: string, id: string): void => {
    const list = map.get(key) ?? [];
    list.push(id);
    map.set(key, list);
  };
  const answered = new Set<string>();
  const responseId = (id: string | undefined, name: string | undefined): string => {
    if (id) {
      // The first result with an id answers the call that kept it; later ones the calls renamed in order.
      if (!answered.has(id)) {
        answered.add(id);
        return id;
      }
      return renamed.get(id)?.shift() ?? id;
    }
    return pendingIds.get(name ?? '')?.shift() ?? generateToolCallId();
  };

  const list = validateContents(contents);
  for (let turn = 0; turn < list.length; turn++) {
    const content: Content = list[turn]!;
    const parts = (content.parts ?? []).map((part) => (typeof part === 'string' ? { text: part } : part));
    const role = content.role ?? 'user';
    const path = Array.isArray(contents) ? `contents[${turn}].parts` : 'contents.parts';
    if (role === 'system') {
      const text = contentText({ parts });
      if (text !== '') items.push({ kind: 'message', message: { role: 'system', content: text } });
      continue;
    }
    if (role === 'model' || role === 'assistant') {
      items.push({ kind: 'assistant', message: assistantMessage(parts, options, pendingIds, renamed, queue) });
      continue;
    }
    const userParts: ChatCompletionContentPart[] = [];
    let hasMedia = false;
    for (let index = 0; index < parts.length; index++) {
      const part = parts[index]!;
      if (part.functionResponse) {
        items.push({ kind: 'tool', result: toolResult(part, `${path}[${index}]`, responseId(part.functionResponse.id, part.functionResponse.name), media) });
      } else if (part.inlineData || (part as { fileData?: unknown }).fileData) {
        const converted = mediaPart(part, `${path}[${index}]`, media);
        if (converted) {
          userParts.push(converted);
          if (converted.type !== 'text') hasMedia = true;
        }
      } else if (typeof part.text === 'string' && part.thought !== true && part.text !== '') {
        userParts.push({ type: 'text', text: part.text });
      }
    }
    if (userParts.length === 0) continue;
    items.push({ kind: 'message', message: { role: 'user', content: hasMedia ? userParts : joinText(userParts) } });
  }
  const messages = mergeTurns(placeToolResults(items));
  if (!messages.some((message) => message.role !== 'system')) {
    throw new SamusError('SAMUS_ERR_INVALID_REQUEST', 'Invalid request: contents has no message to send (no text, media, function call or function response)', {
      hint: 'Pass at least one user message, e.g. contents: "Hello" or [{ role: "user", parts: [{ text: "Hello" }] }].',
      details: { field: 'contents' },
    });
  }
  return messages;
}

function joinText(parts: ChatCompletionContentPart[]): string {
  return parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function toolResult(part: Part, path: string, id: string, media: MessageMediaSupport): ToolResult {
  const response = part.functionResponse!;
  let text = stringifyResponse(response.response);
  const attachments: ChatCompletionContentPart[] = [];
  const nested = (response as { parts?: unknown }).parts;
  if (Array.isArray(nested)) {
    for (let index = 0; index < nested.length; index++) {
      const inner = (typeof nested[index] === 'string' ? { text: nested[index] as string } : nested[index]) as Part;
      if (typeof inner.text === 'string' && inner.thought !== true) text += (text === '' ? '' : '\n') + inner.text;
      else {
        const converted = mediaPart(inner, `${path}.functionResponse.parts[${index}]`, media);
        if (converted?.type === 'text') text += (text === '' ? '' : '\n') + converted.text;
        else if (converted) attachments.push(converted);
      }
    }
  }
  return { message: { role: 'tool', tool_call_id: id, content: text }, name: response.name ?? '', attachments };
}

function assistantMessage(
  parts: Part[],
  options: ToOpenAIMessagesOptions,
  pendingIds: Map<string, string[]>,
  renamed: Map<string, string[]>,
  queue: (map: Map<string, string[]>, key: string, id: string) => void,
): ChatCompletionMessageParam & { role: 'assistant'; tool_calls?: ChatCompletionMessageFunctionToolCall[]; reasoning_content?: string } {
  let text = '';
  let reasoning = '';
  const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
  for (const part of parts) {
    if (part.functionCall) {
      const call: FunctionCall = part.functionCall;
      const name = (call.name ?? '').trim();
      const args = JSON.stringify(call.args ?? {});
      let id = call.id;
      if (id) {
        const existing = toolCalls.find((candidate) => candidate.id === id);
        if (existing) {
          if (existing.function.name === name && existing.function.arguments === args) {
            conversionDebug('history:duplicate-call-dropped', { id, name });
            continue;
          }
          const fresh = generateToolCallId();
          queue(renamed, id, fresh);
          conversionDebug('history:duplicate-call-id-renamed', { id, fresh, name });
          id = fresh;
        }
      } else {
        id = generateToolCallId();
        queue(pendingIds, call.name ?? '', id);
      }
      toolCalls.push({ id, type: 'function', function: { name, arguments: args } });
    } else if (typeof part.text === 'string') {
      if (part.thought === true) reasoning += part.text;
      else text += part.text;
    }
  }
  const message: ChatCompletionMessageParam & { role: 'assistant'; tool_calls?: ChatCompletionMessageFunctionToolCall[]; reasoning_content?: string } = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  if (options.includeThoughts && reasoning !== '') message.reasoning_content = reasoning;
  return message;
}

/**
 * Puts every tool result directly after the assistant message that made the call (its media in one user message
 * after the results), drops calls that never got a result, and turns results without a call into user text.
 */
function placeToolResults(items: Item[]): ChatCompletionMessageParam[] {
  const results = new Map<string, ToolResult>();
  for (const item of items) {
    if (item.kind !== 'tool') continue;
    const id = item.result.message.tool_call_id;
    if (results.has(id)) conversionDebug('history:duplicate-result-dropped', { id });
    else results.set(id, item.result);
  }
  const placed = new Set<ToolResult>();
  const out: ChatCompletionMessageParam[] = [];
  for (const item of items) {
    if (item.kind === 'message') {
      out.push(item.message);
      continue;
    }
    if (item.kind === 'tool') {
      if (placed.has(item.result) || results.get(item.result.message.tool_call_id) !== item.result) continue;
      // A result whose call is not in the history: keep what it says, as user text.
      const { message, name, attachments } = item.result;
      conversionDebug('history:orphan-result-as-text', { id: message.tool_call_id, name });
      const text = `Result of tool call ${name || 'unknown'} (${message.tool_call_id}):\n${message.content}`;
      out.push({ role: 'user', content: attachments.length > 0 ? [{ type: 'text', text }, ...attachments] : text });
      placed.add(item.result);
      continue;
    }
    const message = item.message;
    const calls = message.tool_calls as ChatCompletionMessageFunctionToolCall[] | undefined;
    if (calls === undefined) {
      out.push(message);
      continue;
    }
    const answered = calls.filter((call) => {
      const result = results.get(call.id);
      return result !== undefined && !placed.has(result);
    });
    if (answered.length < calls.length) {
      conversionDebug('history:unanswered-calls-dropped', { ids: calls.filter((call) => !answered.includes(call)).map((call) => call.id) });
    }
    const { tool_calls: _calls, ...rest } = message;
    const repaired = answered.length > 0 ? { ...rest, tool_calls: answered } : { ...rest, content: rest.content ?? '' };
    out.push(repaired);
    const attachments: ChatCompletionContentPart[] = [];
    for (const call of answered) {
      const result = results.get(call.id)!;
      placed.add(result);
      out.push(result.message);
      if (result.attachments.length > 0) {
        attachments.push({ type: 'text', text: `Attachments of tool call ${call.function.name} (${call.id}):` }, ...result.attachments);
      }
    }
    if (attachments.length > 0) out.push({ role: 'user', content: attachments });
  }
  return out;
}

/** Leaves out empty user / assistant messages and merges consecutive ones of the same role. */
function mergeTurns(messages: ChatCompletionMessageParam[]): ChatCompletionMessageParam[] {
  const out: ChatCompletionMessageParam[] = [];
  for (const message of messages) {
    if (message.role === 'user' && (message.content === '' || (Array.isArray(message.content) && message.content.length === 0))) continue;
    if (message.role === 'assistant') {
      const assistant = message as { content?: unknown; tool_calls?: unknown[]; reasoning_content?: string };
      if ((assistant.content === '' || assistant.content === null || assistant.content === undefined) && !assistant.tool_calls?.length && !assistant.reasoning_content) {
        conversionDebug('history:empty-assistant-dropped', {});
        continue;
      }
    }
    const previous = out.at(-1);
    if (previous && previous.role === message.role && (message.role === 'user' || message.role === 'assistant')) {
      conversionDebug('history:turns-merged', { role: message.role });
      out[out.length - 1] = message.role === 'user' ? mergeUser(previous as UserMessage, message as UserMessage) : mergeAssistant(previous as AssistantMessage, message as AssistantMessage);
      continue;
    }
    out.push(message);
  }
  return out;
}

type UserMessage = ChatCompletionMessageParam & { role: 'user'; content: string | ChatCompletionContentPart[] };
type AssistantMessage = ChatCompletionMessageParam & { role: 'assistant'; content?: string | null; tool_calls?: ChatCompletionMessageFunctionToolCall[]; reasoning_content?: string };

function mergeUser(first: UserMessage, second: UserMessage): UserMessage {
  if (typeof first.content === 'string' && typeof second.content === 'string') return { role: 'user', content: `${first.content}\n\n${second.content}` };
  const asParts = (content: UserMessage['content']): ChatCompletionContentPart[] => (typeof content === 'string' ? [{ type: 'text', text: content }] : content);
  return { role: 'user', content: [...asParts(first.content), ...asParts(second.content)] };
}

function mergeAssistant(first: AssistantMessage, second: AssistantMessage): AssistantMessage {
  const texts = [first.content, second.content].filter((text): text is string => typeof text === 'string' && text !== '');
  const calls = [...(first.tool_calls ?? []), ...(second.tool_calls ?? [])];
  const reasoning = (first.reasoning_content ?? '') + (second.reasoning_content ?? '');
  return {
    role: 'assistant',
    content: texts.length === 0 ? (calls.length > 0 ? null : '') : texts.join('\n\n'),
    ...(calls.length > 0 ? { tool_calls: calls } : {}),
    ...(reasoning !== '' ? { reasoning_content: reasoning } : {}),
  };
}
