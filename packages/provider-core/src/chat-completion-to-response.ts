import { createGenerateContentResponse, FinishReason, type Candidate, type GenerateContentResponse, type Part } from '@samus/kernel';
import { mapFinishReason } from './map-finish-reason.js';
import { thinkTagOptions, type OpenAICompatibleCapabilities } from './openai-compatible-capabilities.js';
import { recoveryToolsOf } from './recovery-tools-of.js';
import { createResponseId } from './response-id.js';
import { TextToolCallRecovery, type DeclaredTool, type RecoveredSegment } from './text-tool-call-recovery.js';
import { mergeAdjacentThoughts } from './thought-coalescer.js';
import { ThinkTagSplitter, type ThinkTagSplitterOptions } from './think-tag-splitter.js';
import { brokenCallsMessage, ToolCallAccumulator, type AccumulatedToolCall, type ToolCallFragment } from './tool-call-accumulator.js';
import { readTypedContent } from './typed-content.js';
import { toUsageMetadata, type OpenAIUsage } from './to-usage-metadata.js';

/** The fields of an OpenAI `chat.completion` the converter reads. */
export interface ChatCompletionLike {
  id?: string;
  model?: string;
  created?: number;
  choices?: Array<{
    index?: number;
    message?: {
      /** A string, or typed parts (`[{type:"text"}, {type:"thinking"}]`, Mistral / Magistral). */
      content?: string | unknown[] | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      refusal?: string | null;
      tool_calls?: ToolCallFragment[] | null;
    } | null;
    finish_reason?: string | null;
    usage?: OpenAIUsage | null;
  }> | null;
  usage?: OpenAIUsage | null;
}

/** Options of {@link chatCompletionToResponse}. */
export interface ChatCompletionToResponseOptions {
  /** `false` drops reasoning. Default `true`. */
  includeThoughts?: boolean;
  thinkTags?: ThinkTagSplitterOptions;
  /** The tools the request declared, for text tool-call recovery (see `TextToolCallRecovery`). */
  declaredTools?: readonly DeclaredTool[] | undefined;
  /**
   * The generator's capability flags: `thinkTags` / `reasoningStartsOpen` give the `<think>` options, `textToolCalls`
   * (with `providerOptions.textToolCalls` and the tools of `requestBody`) the declared tools. Explicit `thinkTags` /
   * `declaredTools` win.
   */
  capabilities?: Readonly<OpenAICompatibleCapabilities>;
  /** The generator's `config.providerOptions` (for `textToolCalls: false`). */
  providerOptions?: Record<string, unknown>;
  /** The chat request body that was sent (its `tools` are the declared tools). */
  requestBody?: unknown;
}

/**
 * Converts a non-streamed `chat.completion` into a Gemini-shaped response: one candidate per choice with thought
 * parts (reasoning fields, typed `thinking` parts and `<think>` blocks — a missing opening tag included; tags are
 * not parsed when the server sent structured reasoning; adjacent thoughts merged), the answer text, and
 * `functionCall` parts (ids generated where missing; calls written as text recovered when tools were declared).
 * A call whose arguments are not a whole JSON object is not emitted: the finish reason is `MAX_TOKENS` (the server
 * stopped at the token limit) or `MALFORMED_FUNCTION_CALL`, and `finishMessage` names it. `responseId` is the
 * completion's `id`, or a generated one.
 */
export function chatCompletionToResponse(completion: ChatCompletionLike, given: ChatCompletionToResponseOptions = {}): GenerateContentResponse {
  const capabilities = given.capabilities;
  const options: ChatCompletionToResponseOptions = capabilities
    ? { ...given, thinkTags: given.thinkTags ?? thinkTagOptions(capabilities, given.providerOptions), declaredTools: given.declaredTools ?? recoveryToolsOf(capabilities, given.providerOptions, given.requestBody) }
    : given;
  const includeThoughts = options.includeThoughts ?? true;
  const candidates: Candidate[] = [];
  let choiceUsage: OpenAIUsage | undefined;
  for (const choice of Array.isArray(completion.choices) ? completion.choices : []) {
    if (choice === null || typeof choice !== 'object') continue;
    choiceUsage ??= choice.usage ?? undefined;
    const message = choice.message ?? {};
    const parts: Part[] = [];
    const typed = readTypedContent(message.content);
    const structured = typeof message.reasoning_content === 'string' && message.reasoning_content !== '' ? message.reasoning_content : message.reasoning;
    const reasoning = (typeof structured === 'string' ? structured : '') + (typed?.thinking ?? '');
    if (includeThoughts && reasoning.length > 0) parts.push({ text: reasoning, thought: true });
    const content = typed !== undefined && typed.text !== '' ? typed.text : typeof message.refusal === 'string' ? message.refusal : '';
    const recovery = options.declaredTools && options.declaredTools.length > 0 ? new TextToolCallRecovery(options.declaredTools) : undefined;
    if (content.length > 0) {
      const thinkTags = reasoning.length > 0 ? { ...options.thinkTags, leadingOnly: true } : options.thinkTags;
      for (const segment of ThinkTagSplitter.splitComplete(content, thinkTags)) {
        if (segment.thought) {
          if (includeThoughts) parts.push({ text: segment.text, thought: true });
        } else if (recovery) {
          pushPieces(parts, recovery.push(segment.text));
        } else {
          parts.push({ text: segment.text });
        }
      }
      if (recovery) pushPieces(parts, recovery.flush());
    }
    const broken: AccumulatedToolCall[] = [];
    if (Array.isArray(message.tool_calls) && message.tool_calls.length > 0) {
      const accumulator = new ToolCallAccumulator();
      accumulator.push(message.tool_calls.filter((call) => call !== null && typeof call === 'object').map((call, position) => ({ ...call, index: call.index ?? position })));
      for (const call of accumulator.finish()) {
        if (call.valid) parts.push({ functionCall: call.functionCall });
        else broken.push(call);
      }
    }
    const mapped = mapFinishReason(choice.finish_reason) ?? FinishReason.STOP;
    const finishReason = broken.length === 0 ? mapped : mapped === FinishReason.MAX_TOKENS ? FinishReason.MAX_TOKENS : FinishReason.MALFORMED_FUNCTION_CALL;
    candidates.push({
      content: { role: 'model', parts: mergeAdjacentThoughts(parts) },
      finishReason,
      ...(broken.length > 0 ? { finishMessage: brokenCallsMessage(broken, finishReason === FinishReason.MAX_TOKENS) } : {}),
      index: typeof choice.index === 'number' ? choice.index : candidates.length,
    });
  }
  const usageMetadata = toUsageMetadata(completion.usage ?? choiceUsage);
  return createGenerateContentResponse({
    candidates,
    ...(usageMetadata ? { usageMetadata } : {}),
    ...(completion.model ? { modelVersion: completion.model } : {}),
    responseId: completion.id || createResponseId(),
    ...(typeof completion.created === 'number' ? { createTime: new Date(completion.created * 1000).toISOString() } : {}),
  });
}

function pushPieces(parts: Part[], pieces: RecoveredSegment[]): void {
  for (const piece of pieces) {
    if (piece.functionCall) parts.push({ functionCall: piece.functionCall });
    else if (piece.text !== '') parts.push({ text: piece.text });
  }
}
