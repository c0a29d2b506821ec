import { conversionDebug } from '@samus/provider-core/internal';
import { generateToolCallId, parseArguments, type TextToolCallRecovery } from '@samus/provider-core/internal/conversion';
import {
  createGenerateContentResponse,
  FinishReason,
  type GenerateContentResponse,
  type GenerateContentResponseUsageMetadata,
  type Part,
} from '@samus/kernel';
import type { OllamaChatChunk } from './ollama-wire.js';

/** Maps Ollama's `done_reason` to a Gemini finish reason (`stop`, `load`, `unload` → STOP; `length` → MAX_TOKENS). */
export function toFinishReason(doneReason: string | undefined): FinishReason {
  switch (doneReason) {
    case 'stop':
    case 'load':
    case 'unload':
      return FinishReason.STOP;
    case 'length':
      return FinishReason.MAX_TOKENS;
    default:
      // Omitted when the client connection closed, or an unknown future value.
      return FinishReason.OTHER;
  }
}

/** Token usage of a final chunk. Missing counts are unknown, not 0 (a fully cached prompt omits prompt_eval_count). */
export function toUsageMetadata(chunk: OllamaChatChunk): GenerateContentResponseUsageMetadata | undefined {
  const prompt = chunk.prompt_eval_count;
  const output = chunk.eval_count;
  if (prompt === undefined && output === undefined) return undefined;
  return {
    ...(prompt === undefined ? {} : { promptTokenCount: prompt }),
    ...(output === undefined ? {} : { candidatesTokenCount: output }),
    totalTokenCount: (prompt ?? 0) + (output ?? 0),
  };
}

/**
 * The parts of one chunk's message: thinking (as a thought), text, then whole function calls (ids generated).
 * Calls without a name are dropped and names are trimmed; arguments sent as a JSON string are parsed, and a call
 * whose string arguments are not a JSON object is dropped (never run with guessed arguments; a `samus:conversion`
 * debug event names it). With `recovery` (the request declared tools), calls the model wrote into the text are
 * recovered as `functionCall` parts.
 */
export function toParts(message: OllamaChatChunk['message'], recovery?: TextToolCallRecovery, final = false): Part[] {
  const parts: Part[] = [];
  if (!message) return parts;
  if (message.thinking) parts.push({ text: message.thinking, thought: true });
  if (recovery) {
    const pieces = message.content ? recovery.push(message.content) : [];
    if (final) pieces.push(...recovery.flush());
    for (const piece of pieces) parts.push(piece.functionCall ? { functionCall: piece.functionCall } : { text: piece.text });
  } else if (message.content) parts.push({ text: message.content });
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      const name = typeof call?.function?.name === 'string' ? call.function.name.trim() : '';
      if (name === '') {
        conversionDebug('tool-call:nameless-dropped', { provider: 'ollama' });
        continue;
      }
      const raw: unknown = call.function.arguments;
      const args = typeof raw === 'string' ? (raw.trim() === '' ? {} : parseArguments(raw)) : raw === undefined || raw === null ? {} : (raw as Record<string, unknown>);
      if (args === undefined) {
        conversionDebug('tool-call:malformed-dropped', { provider: 'ollama', name, arguments: String(raw).slice(0, 200) });
        continue;
      }
      parts.push({ functionCall: { id: generateToolCallId(), name, args } });
    }
  }
  return parts;
}

/** Builds a Gemini response of one candidate (`responseId`: the id of the whole response, on every chunk). */
export function toResponse(model: string, parts: Part[], final?: { chunk: OllamaChatChunk; finishMessage?: string }, responseId?: string): GenerateContentResponse {
  if (final === undefined) {
    return createGenerateContentResponse({ candidates: [{ content: { role: 'model', parts }, index: 0 }], modelVersion: model, ...(responseId === undefined ? {} : { responseId }) });
  }
  const usageMetadata = toUsageMetadata(final.chunk);
  return createGenerateContentResponse({
    candidates: [
      {
        content: { role: 'model', parts },
        finishReason: toFinishReason(final.chunk.done_reason),
        ...(final.finishMessage === undefined ? {} : { finishMessage: final.finishMessage }),
        index: 0,
      },
    ],
    ...(usageMetadata === undefined ? {} : { usageMetadata }),
    modelVersion: model,
    ...(responseId === undefined ? {} : { responseId }),
    ...(final.chunk.created_at === undefined ? {} : { createTime: final.chunk.created_at }),
  });
}
