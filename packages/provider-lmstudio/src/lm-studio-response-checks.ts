import { SamusError } from '@samus/kernel';

/** The requested and the answering model of a response whose `model` names another model. */
export interface LMStudioModelMismatch {
  /** The model the request named. */
  requested: string;
  /** The model the response says answered (LM Studio's `model` field). */
  answered: string;
}

/** `publisher/name@variant:2` → `name` (lower case): the part two spellings of one model share. */
function baseName(model: string): string {
  let name = model.trim().toLowerCase();
  name = name.replace(/:\d+$/, ''); // second loaded instance (`model:2`)
  name = name.replace(/@[^/@]+$/, ''); // variant (`model@q4_k_m`)
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * Whether LM Studio answered with a different model than the one requested (a quirk of real servers: with one model
 * loaded, some versions ignore the requested name and the loaded model answers; api-facts 3.5, issue #13). Spellings
 * of the same model are not a mismatch: case, a `publisher/` prefix, an `@variant` suffix and a `:N` instance
 * suffix are ignored. `undefined` when either side is missing or both name the same model.
 */
export function lmStudioModelMismatch(requested: string | undefined, answered: unknown): LMStudioModelMismatch | undefined {
  if (!requested || typeof answered !== 'string' || answered === '') return undefined;
  if (baseName(requested) === baseName(answered)) return undefined;
  return { requested, answered };
}

/**
 * The error of the optional strict mode (`providerOptions.strictModel`, proposed): a response from another model than
 * the requested one. Code SAMUS_ERR_MODEL_NOT_LOADED: the requested model is not the one in memory.
 */
export function modelMismatchError(mismatch: LMStudioModelMismatch): SamusError {
  return new SamusError(
    'SAMUS_ERR_MODEL_NOT_LOADED',
    `LM Studio answered with "${mismatch.answered}" although "${mismatch.requested}" was requested`,
    {
      hint: `Load the requested model (\`lms load ${mismatch.requested}\`) or unload the other one, or turn Just-in-Time loading on in LM Studio's Developer settings.`,
      details: { provider: 'lm-studio', requestedModel: mismatch.requested, answeredModel: mismatch.answered },
    },
  );
}

/** What a finished stream showed, for {@link lmStudioEmptyStreamError}. */
export interface LMStudioStreamSummary {
  /** Data events seen (chunks), `[DONE]` excluded. */
  events: number;
  /** The finish reason the server sent (`stop`, `length`, `tool_calls`), if any. */
  finishReason: string | undefined;
  /** Answer text, reasoning text and tool calls seen. */
  textLength: number;
  reasoningLength: number;
  toolCalls: number;
  /** The model, for the message and the `lms load` hint. */
  model?: string;
  /** Loaded context length and an estimate of the prompt's tokens, when known (a sure sign when prompt > context). */
  loadedContextLength?: number;
  promptTokens?: number;
}

/**
 * LM Studio's GGUF context-overflow failure mode (api-facts 3.2, issue #13): a 200 stream of empty content deltas
 * that ends with `finish_reason: "stop"` — no text, no reasoning, no tool call. Returns SAMUS_ERR_CONTEXT_OVERFLOW
 * for such a stream when it had empty deltas besides the finish chunk (a plain empty answer is one finish chunk),
 * or when the prompt is known to exceed the loaded context; `undefined` for every other stream.
 */
export function lmStudioEmptyStreamError(summary: LMStudioStreamSummary): SamusError | undefined {
  if (summary.textLength > 0 || summary.reasoningLength > 0 || summary.toolCalls > 0) return undefined;
  if (summary.finishReason !== 'stop') return undefined;
  const knownTooLong =
    summary.promptTokens !== undefined && summary.loadedContextLength !== undefined && summary.promptTokens > summary.loadedContextLength;
  if (summary.events < 2 && !knownTooLong) return undefined;
  const model = summary.model;
  return new SamusError(
    'SAMUS_ERR_CONTEXT_OVERFLOW',
    `LM Studio streamed an empty answer${model ? ` from "${model}"` : ''}: the prompt most likely does not fit the loaded context`,
    {
      hint: `Shorten the prompt, or reload the model with a larger context: \`lms load ${model ?? '<model>'} --context-length <n>\`.`,
      details: {
        provider: 'lm-studio',
        emptyStream: true,
        events: summary.events,
        ...(summary.promptTokens === undefined ? {} : { promptTokens: summary.promptTokens }),
        ...(summary.loadedContextLength === undefined ? {} : { contextLength: summary.loadedContextLength }),
      },
    },
  );
}
