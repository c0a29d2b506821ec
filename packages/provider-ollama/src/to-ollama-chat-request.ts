import { estimateTokens, MESSAGE_OVERHEAD_TOKENS } from '@samus/provider-core/internal';
import { geminiSchemaToJsonSchema, toJsonSchema, toOpenAITools } from '@samus/provider-core/internal/conversion';
import type { GenerateContentConfig, GenerateContentParameters, Schema } from '@samus/kernel';
import type { OllamaProviderOptions, OllamaThink } from './ollama-provider-options.js';
import { toOllamaMessages } from './to-ollama-messages.js';
import type { OllamaChatRequest } from './ollama-wire.js';

/** Tokens counted per inlined image in the estimate. */
const IMAGE_TOKENS = 256;

/** What {@link toOllamaChatRequest} returns: the body, and what the context guard needs. */
export interface OllamaChatRequestPlan {
  body: OllamaChatRequest;
  /** Estimated prompt tokens (provider-core's `estimateTokens`: errs high; images count 256 each). */
  estimatedTokens: number;
}

/**
 * What to send as Ollama's `think` for a request, or `undefined` for nothing. Ollama refuses `think: true` (and
 * gpt-oss's effort strings) with 400 "does not support thinking" for a model without the `thinking` capability,
 * while Gemini's `includeThoughts: true` (which gemini-cli sends on every request) only means "return thoughts if
 * the model produces any". So:
 *
 * 1. `providerOptions.think` (the generator's or the request's) is sent as is (an explicit choice; a model that cannot think fails).
 * 2. A model known to think (`modelThinks === true`, from `/api/show` `capabilities`): `thinkingBudget: 0` →
 *    `false`; `thinkingBudget > 0` or `-1`, a `thinkingLevel`, or `includeThoughts: true` → `true`; else nothing.
 * 3. A model known not to think (`false`): nothing, whatever the request asks (it returns no thoughts).
 * 4. Unknown (`undefined`: the lookup failed): `true` only for an explicit `thinkingBudget` ≠ 0 or a
 *    `thinkingLevel`; `includeThoughts` alone and `thinkingBudget: 0` send nothing.
 */
export function chooseThink(config: GenerateContentConfig, settings: OllamaProviderOptions, modelThinks: boolean | undefined): OllamaThink | undefined {
  if (settings.think !== undefined) return settings.think;
  if (modelThinks === false) return undefined;
  const thinking = config.thinkingConfig;
  if (thinking === undefined) return undefined;
  const budget = typeof thinking.thinkingBudget === 'number' ? thinking.thinkingBudget : undefined;
  const level = (thinking as { thinkingLevel?: unknown }).thinkingLevel;
  const levelSet = typeof level === 'string' && level !== '' && level !== 'THINKING_LEVEL_UNSPECIFIED';
  if (modelThinks === true) {
    if (budget === 0) return false;
    return budget !== undefined || levelSet || thinking.includeThoughts === true ? true : undefined;
  }
  return (budget !== undefined && budget !== 0) || levelSet ? true : undefined;
}

/** True when {@link chooseThink} depends on whether the model can think (so the capability is worth looking up). */
export function thinkDependsOnModel(config: GenerateContentConfig, settings: OllamaProviderOptions): boolean {
  const thinking = config.thinkingConfig;
  if (settings.think !== undefined || thinking === undefined) return false;
  return thinking.includeThoughts === true || thinking.thinkingBudget !== undefined || (thinking as { thinkingLevel?: unknown }).thinkingLevel !== undefined;
}

/**
 * Builds a native `/api/chat` body from a Gemini request and the Ollama settings: sampling options in `options`
 * (`num_predict` = maxOutputTokens, `num_ctx`), `format` from responseMimeType / responseJsonSchema /
 * responseSchema (lowered to JSON Schema: Gemini `Type` names are upper case), tools, `keep_alive`, and `think`
 * per {@link chooseThink} (`modelThinks`: whether the model has the `thinking` capability, `undefined` = unknown).
 */
export async function toOllamaChatRequest(request: GenerateContentParameters, settings: OllamaProviderOptions, stream: boolean, modelThinks?: boolean): Promise<OllamaChatRequestPlan> {
  const config = request.config ?? {};
  const messages = toOllamaMessages(request.contents, config.systemInstruction);
  const options: Record<string, unknown> = { ...settings.options };
  if (config.temperature !== undefined) options.temperature = config.temperature;
  if (config.topP !== undefined) options.top_p = config.topP;
  if (config.topK !== undefined) options.top_k = config.topK;
  if (config.maxOutputTokens !== undefined) options.num_predict = config.maxOutputTokens;
  if (config.stopSequences?.length) options.stop = config.stopSequences;
  if (config.seed !== undefined) options.seed = config.seed;
  if (config.presencePenalty !== undefined) options.presence_penalty = config.presencePenalty;
  if (config.frequencyPenalty !== undefined) options.frequency_penalty = config.frequencyPenalty;
  if (settings.numCtx !== undefined) options.num_ctx = settings.numCtx;
  const body: OllamaChatRequest = { model: request.model, messages, stream };
  if (Object.keys(options).length > 0) body.options = options;
  if (config.responseMimeType === 'application/json' || config.responseJsonSchema !== undefined || config.responseSchema !== undefined) {
    if (config.responseJsonSchema !== undefined && config.responseJsonSchema !== null) {
      body.format = toJsonSchema(config.responseJsonSchema, 'responseJsonSchema');
    } else if (config.responseSchema !== undefined && config.responseSchema !== null) {
      body.format = geminiSchemaToJsonSchema(config.responseSchema as Schema, 'responseSchema');
    } else {
      body.format = 'json';
    }
  }
  const tools = await toOpenAITools(config.tools);
  if (tools?.length) {
    body.tools = tools.map((tool) => ({
      type: 'function' as const,
      function: {
        name: tool.function.name,
        ...(tool.function.description === undefined ? {} : { description: tool.function.description }),
        parameters: tool.function.parameters ?? { type: 'object', properties: {} },
      },
    }));
  }
  if (settings.keepAlive !== undefined) body.keep_alive = settings.keepAlive;
  const think = chooseThink(config, settings, modelThinks);
  if (think !== undefined) body.think = think;
  let estimatedTokens = 0;
  for (const message of messages) {
    estimatedTokens += MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content) + (message.thinking ? estimateTokens(message.thinking) : 0);
    estimatedTokens += (message.images?.length ?? 0) * IMAGE_TOKENS;
    for (const call of message.tool_calls ?? []) estimatedTokens += estimateTokens(`${call.function.name} ${JSON.stringify(call.function.arguments)}`);
  }
  if (body.tools) estimatedTokens += estimateTokens(JSON.stringify(body.tools));
  return { body, estimatedTokens };
}
