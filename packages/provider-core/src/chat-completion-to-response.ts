import { createGenerateContentResponse, FinishReason, type Candidate, type GenerateContentResponse, type Part } from '@samus/kernel';
import { mapFinishReason } from './map-finish-reason.js';
import { createResponseId } from './response-id.js';
import { mergeAdjacentThoughts } from './thought-coalescer.js';
import { ThinkTagSplitter, type ThinkTagSplitterOptions } from './think-tag-splitter.js';
import { ToolCallAccumulator, type ToolCallFragment } from './tool-call-accumulator.js';
import { toUsageMetadata, type OpenAIUsage } from './to-usage-metadata.js';

/** The fields of an OpenAI `chat.completion` the converter reads. */
export interface ChatCompletionLike {
  id?: string;
  model?: string;
  created?: number;
  choices?: Array<{
    index?: number;
    message?: {
      content?: string | null;
      reasoning_content?: string | null;
      reasoning?: string | null;
      refusal?: string | null;
      tool_calls?: ToolCallFragment[] | null;
    } | null;
    finish_reason?: string | null;
  }> | null;
  usage?: OpenAIUsage | null;
}

/** Options of {@link chatCompletionToResponse}. */
export interface ChatCompletionToResponseOptions {
  /** `false` drops reasoning. Default `true`. */
  includeThoughts?: boolean;
  thinkTags?: ThinkTagSplitterOptions;
}

/**
 * Converts a non-streamed `chat.completion` into a Gemini-shaped response: one candidate per choice with thought
 * parts (reasoning fields and `<think>` blocks, a missing opening tag included; adjacent ones merged into one
 * part per segment), the answer text, and
 * `functionCall` parts (ids generated where missing; arguments that are not a JSON object give `args: {}` and
 * finish reason `MALFORMED_FUNCTION_CALL`). `responseId` is the completion's `id`, or a generated one.
 */
export function chatCompletionToResponse(completion: ChatCompletionLike, options: ChatCompletionToResponseOptions = {}): GenerateContentResponse {
  const includeThoughts = options.includeThoughts ?? true;
  const candidates: Candidate[] = [];
  for (const choice of completion.choices ?? []) {
    const message = choice.message ?? {};
    const parts: Part[] = [];
    const reasoning = message.reasoning_content || message.reasoning;
    if (includeThoughts && typeof reasoning === 'string' && reasoning.length > 0) parts.push({ text: reasoning, thought: true });
    const content = typeof message.content === 'string' ? message.content : (message.refusal ?? '');
    if (content.length > 0) {
      for (const segment of ThinkTagSplitter.splitComplete(content, options.thinkTags)) {
        if (segment.thought) {
          if (includeThoughts) parts.push({ text: segment.text, thought: true });
        } else {
          parts.push({ text: segment.text });
        }
      }
    }
    let malformed = false;
    if (message.tool_calls && message.tool_calls.length > 0) {
      const accumulator = new ToolCallAccumulator();
      accumulator.push(message.tool_calls.map((call, position) => ({ ...call, index: call.index ?? position })));
      for (const call of accumulator.finish()) {
        parts.push({ functionCall: call.functionCall });
        if (!call.valid) malformed = true;
      }
    }
    const finishReason = malformed ? FinishReason.MALFORMED_FUNCTION_CALL : (mapFinishReason(choice.finish_reason) ?? FinishReason.STOP);
    candidates.push({ content: { role: 'model', parts: mergeAdjacentThoughts(parts) }, finishReason, index: choice.index ?? candidates.length });
  }
  const usageMetadata = toUsageMetadata(completion.usage);
  return createGenerateContentResponse({
    candidates,
    ...(usageMetadata ? { usageMetadata } : {}),
    ...(completion.model ? { modelVersion: completion.model } : {}),
    responseId: completion.id || createResponseId(),
    ...(typeof completion.created === 'number' ? { createTime: new Date(completion.created * 1000).toISOString() } : {}),
  });
}
