import { estimateTokens, geminiSchemaToJsonSchema, MESSAGE_OVERHEAD_TOKENS, toOpenAITools } from '@samus/provider-core';
import { type GenerateContentParameters, type Schema } from '@samus/kernel';
import { type OllamaProviderOptions } from './ollama-provider-options.js';
import { toOllamaMessages } from './to-ollama-messages.js';
import { type OllamaChatRequest } from './ollama-wire.js';

/** Tokens counted per inlined image in the estimate. */
const IMAGE_TOKENS = 256;

/** What {@link toOllamaChatRequest} returns: the body, and what the context guard needs. */
export interface OllamaChatRequestPlan {
  body: OllamaChatRequest;
  /** Estimated prompt tokens (provider-core's `estimateTokens`: errs high; images count 256 each). */
  estimatedTokens: number;
}

/**
 * Builds a native `/api/chat` body from a Gemini request and the Ollama settings: sampling options in `options`
 * (`num_predict` = maxOutputTokens, `num_ctx`), `format` from responseMimeType / responseJsonSchema /
 * responseSchema, tools, `keep_alive`, `think` (only when asked for: models without thinking refuse it).
 */
export async function toOllamaChatRequest(request: GenerateContentParameters, settings: OllamaProviderOptions, stream: boolean): Promise<OllamaChatRequestPlan> {
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
    if (config.responseJsonSchema !== undefined && config.responseJsonSchema !== null && typeof config.responseJsonSchema === 'object') {
      body.format = config.responseJsonSchema as Record<string, unknown>;
    } else if (config.responseSchema !== undefined && config.responseSchema !== null && typeof config.responseSchema === 'object') {
      body.format = geminiSchemaToJsonSchema(config.responseSchema as Schema);
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
  const think = settings.think ?? (config.thinkingConfig?.thinkingBudget === 0 ? false : config.thinkingConfig?.includeThoughts === true ? true : undefined);
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
