import { jsonSchemaInstance } from './json-schema-instance';
import type { MockReply } from './mock-reply';
import { hashString, randomNumericId, seededRandom } from './seeded-random';

/** A tool call ready for the wire (arguments already a string). */
export interface PlannedToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
}

/** Everything needed to write one answer, streamed or not. */
export interface ReplyPlan {
  readonly content: string;
  /** Scripted reasoning text ('' when none) and its streaming pieces. */
  readonly reasoning: string;
  readonly reasoningPieces: readonly string[];
  /** Streaming pieces of `content` (one per token event). */
  readonly pieces: readonly string[];
  readonly toolCalls: readonly PlannedToolCall[];
  readonly finishReason: 'stop' | 'length' | 'tool_calls';
  /** `/api/v0` `stats.stop_reason` (SDK enum). */
  readonly stopReason: 'eosFound' | 'stopStringFound' | 'maxPredictedTokensReached' | 'toolCalls';
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/** Input of {@link planReply}. */
export interface ReplyPlanInput {
  readonly kind: 'chat' | 'completion';
  readonly body: Readonly<Record<string, unknown>>;
  readonly model: string;
  readonly seed: number;
  readonly scripted: MockReply | undefined;
}

const vocabulary = [
  'local', 'models', 'answer', 'quickly', 'and', 'keep', 'your', 'data', 'on', 'this', 'machine', 'the', 'server',
  'streams', 'tokens', 'as', 'they', 'are', 'generated', 'a', 'small', 'context', 'window', 'fits', 'short',
  'questions', 'well', 'while', 'larger', 'prompts', 'need', 'more', 'memory', 'every', 'reply', 'is', 'deterministic',
  'for', 'tests', 'with', 'seeded', 'text', 'that', 'reads', 'like', 'an', 'assistant', 'message',
];

/** Splits text into word-like tokens (leading whitespace kept, long words cut into 8-character pieces). */
export function tokenize(text: string): string[] {
  return text.match(/\s*\S{1,8}|\s+/gu) ?? [];
}

/** Rough token count of a prompt text (4 characters per token). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Text of a chat message `content` (string or array of parts). */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        part !== null && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
      )
      .join('');
  }
  return '';
}

function messagesOf(body: Readonly<Record<string, unknown>>): Record<string, unknown>[] {
  return Array.isArray(body.messages) ? body.messages.filter((m): m is Record<string, unknown> => m !== null && typeof m === 'object') : [];
}

/** Text of the last user message (chat) or the prompt (completion). */
export function lastUserText(kind: 'chat' | 'completion', body: Readonly<Record<string, unknown>>): string {
  if (kind === 'completion') return typeof body.prompt === 'string' ? body.prompt : Array.isArray(body.prompt) ? String(body.prompt[0] ?? '') : '';
  const users = messagesOf(body).filter((message) => message.role === 'user');
  return messageText(users.at(-1)?.content);
}

/** Prompt token estimate: message texts + 4 per message + tool definitions. */
export function promptTokens(kind: 'chat' | 'completion', body: Readonly<Record<string, unknown>>): number {
  if (kind === 'completion') return estimateTokens(lastUserText('completion', body));
  let total = 0;
  for (const message of messagesOf(body)) total += estimateTokens(messageText(message.content)) + 4;
  if (Array.isArray(body.tools)) total += estimateTokens(JSON.stringify(body.tools));
  return total;
}

function keyword(text: string): string {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}_.-]*/gu) ?? [];
  return words.at(-1)?.replace(/[.]+$/, '') ?? 'example';
}

function echoRequest(text: string): string | undefined {
  const match = /\b(?:say|reply with|respond with|answer with|repeat)\b[:\s]+(?:(?:exactly|only|just|the word|the words)[:\s]+)*["'“]?([^"'”\n]+?)["'”]?\s*[.!?]?\s*$/iu.exec(text);
  return match?.[1]?.trim() || undefined;
}

function sentence(random: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => vocabulary[Math.floor(random() * vocabulary.length)] ?? 'text');
  const text = picked.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

interface ToolDefinition {
  name: string;
  description: string;
  parameters: unknown;
}

function toolDefinitions(body: Readonly<Record<string, unknown>>): ToolDefinition[] {
  if (!Array.isArray(body.tools)) return [];
  const out: ToolDefinition[] = [];
  for (const tool of body.tools as unknown[]) {
    if (tool === null || typeof tool !== 'object' || !('function' in tool)) continue;
    const fn = tool.function;
    if (fn === null || typeof fn !== 'object' || !('name' in fn) || typeof fn.name !== 'string') continue;
    out.push({
      name: fn.name,
      description: 'description' in fn && typeof fn.description === 'string' ? fn.description : '',
      parameters: 'parameters' in fn ? fn.parameters : undefined,
    });
  }
  return out;
}

function chooseTool(body: Readonly<Record<string, unknown>>, tools: ToolDefinition[], userText: string): ToolDefinition | undefined {
  const choice = body.tool_choice;
  if (choice !== null && typeof choice === 'object' && 'function' in choice) {
    const fn = choice.function;
    const name = fn !== null && typeof fn === 'object' && 'name' in fn ? fn.name : undefined;
    return tools.find((tool) => tool.name === name);
  }
  const words = new Set(userText.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  let best: ToolDefinition | undefined;
  let bestScore = -1;
  for (const tool of tools) {
    const toolWords = `${tool.name.replace(/_/g, ' ')} ${tool.description}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const score = toolWords.filter((word) => words.has(word)).length;
    if (score > bestScore) {
      best = tool;
      bestScore = score;
    }
  }
  return best;
}

function stopStrings(body: Readonly<Record<string, unknown>>): string[] {
  if (typeof body.stop === 'string') return [body.stop];
  if (Array.isArray(body.stop)) return body.stop.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}

function maxTokens(body: Readonly<Record<string, unknown>>): number | undefined {
  const value = body.max_tokens ?? body.max_completion_tokens;
  return typeof value === 'number' && value > 0 ? Math.floor(value) : undefined;
}

/**
 * Decides what the mock model answers: a scripted reply when given; otherwise, deterministically from the request
 * and seed: a schema instance for `json_schema`, a tool call when tools are offered and the last message is from the
 * user (tool picked by word overlap, string arguments filled with the last word of the user message), an echo for
 * "say X" prompts, or seeded filler text. `stop` and `max_tokens` are applied to text.
 */
export function planReply(input: ReplyPlanInput): ReplyPlan {
  const { body, kind, scripted } = input;
  const prompt = promptTokens(kind, body);
  const userText = lastUserText(kind, body);
  const messages = messagesOf(body);
  const random = seededRandom(hashString(`${input.model}\u0000${JSON.stringify(body.messages ?? body.prompt ?? '')}`, input.seed));

  let toolCalls: PlannedToolCall[] = [];
  let content: string | undefined;
  let pieces: string[] | undefined;

  if (scripted && (scripted.content !== undefined || scripted.toolCalls !== undefined || scripted.reasoning !== undefined)) {
    content = scripted.content ?? '';
    pieces = scripted.chunks ? [...scripted.chunks] : undefined;
    toolCalls = (scripted.toolCalls ?? []).map((call) => ({
      id: call.id ?? randomNumericId(),
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
    }));
  } else {
    const format = body.response_format;
    const tools = kind === 'chat' ? toolDefinitions(body) : [];
    const lastRole = messages.at(-1)?.role;
    const wantsTool =
      tools.length > 0 && body.tool_choice !== 'none' && (lastRole === 'user' || body.tool_choice === 'required');
    if (format !== null && typeof format === 'object' && 'type' in format && format.type === 'json_schema') {
      const jsonSchema = 'json_schema' in format && format.json_schema !== null && typeof format.json_schema === 'object' ? format.json_schema : {};
      const schema = 'schema' in jsonSchema ? jsonSchema.schema : {};
      content = JSON.stringify(jsonSchemaInstance(schema, { text: keyword(userText) }));
    } else if (wantsTool) {
      const tool = chooseTool(body, tools, userText);
      if (tool) {
        const args = jsonSchemaInstance(tool.parameters ?? { type: 'object' }, { text: keyword(userText) });
        toolCalls = [{ id: randomNumericId(), name: tool.name, arguments: JSON.stringify(args ?? {}) }];
        content = '';
      }
    }
    if (content === undefined) {
      if (kind === 'chat' && lastRole === 'tool') {
        const result = messageText(messages.at(-1)?.content).slice(0, 200);
        content = `The tool returned: ${result}`;
      } else {
        const echo = echoRequest(userText);
        content = echo ?? (kind === 'completion' ? ` ${sentence(random, 8 + Math.floor(random() * 8)).toLowerCase()}` : sentence(random, 8 + Math.floor(random() * 8)));
      }
    }
  }

  let finishReason: ReplyPlan['finishReason'] = toolCalls.length > 0 ? 'tool_calls' : 'stop';
  let stopReason: ReplyPlan['stopReason'] = toolCalls.length > 0 ? 'toolCalls' : 'eosFound';

  if (toolCalls.length === 0) {
    for (const stop of stopStrings(body)) {
      const at = content.indexOf(stop);
      if (at >= 0) {
        content = content.slice(0, at);
        pieces = undefined;
        stopReason = 'stopStringFound';
      }
    }
    let tokens = pieces ?? tokenize(content);
    const limit = maxTokens(body);
    if (limit !== undefined && tokens.length > limit) {
      tokens = tokens.slice(0, limit);
      content = tokens.join('');
      finishReason = 'length';
      stopReason = 'maxPredictedTokensReached';
    }
    pieces = tokens;
  } else {
    pieces = content ? (pieces ?? tokenize(content)) : [];
  }
  if (scripted?.finishReason) finishReason = scripted.finishReason;

  const reasoning = scripted?.reasoning ?? '';
  const reasoningPieces = tokenize(reasoning);
  const argumentTokens = toolCalls.reduce((sum, call) => sum + Math.max(1, estimateTokens(call.arguments)) + 2, 0);
  return {
    content,
    reasoning,
    reasoningPieces,
    pieces,
    toolCalls,
    finishReason,
    stopReason,
    promptTokens: prompt,
    completionTokens: reasoningPieces.length + pieces.length + argumentTokens,
  };
}
