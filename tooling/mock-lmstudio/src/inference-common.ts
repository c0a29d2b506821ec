import { performance } from 'node:perf_hooks';
import { errorBody } from './error-bodies';
import type { MockModelState } from './mock-model';
import type { ReplyPlan } from './reply-planner';
import { bodyObject, errorShapeFor, type RequestContext } from './request-context';
import { randomLowerAlnum } from './seeded-random';

/** `chatcmpl-`/`cmpl-` + 21 random `[a-z0-9]` (api-facts 3.2). */
export function completionId(prefix: 'chatcmpl' | 'cmpl'): string {
  return `${prefix}-${randomLowerAlnum(21)}`;
}

/** Unix seconds. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** Sends 400 for a body that is not valid JSON; returns `true` when it did. [inferred] status and wording. */
export async function rejectInvalidJson(context: RequestContext): Promise<boolean> {
  if (context.bodyError === undefined) return false;
  await context.channel.json(400, errorBody(`Invalid JSON in request body: ${context.bodyError}`, errorShapeFor(context, 'string')));
  return true;
}

/**
 * Rejects `response_format` types other than `json_schema`/`text` with LM Studio's 400 string error (api-facts 3.2);
 * returns `true` when it did.
 */
export async function rejectResponseFormat(context: RequestContext): Promise<boolean> {
  const format = bodyObject(context).response_format;
  if (format === undefined || format === null) return false;
  const type = typeof format === 'object' && 'type' in format ? format.type : undefined;
  if (type === 'json_schema' || type === 'text') return false;
  await context.channel.json(400, { error: "'response_format.type' must be 'json_schema' or 'text'" });
  return true;
}

/** How a context overflow is answered (option `contextOverflow`); `auto` follows the emulated version. */
export type MockContextOverflow = 'auto' | 'legacy' | 'n_keep' | 'cannot-truncate' | 'empty-deltas';

/** The overflow message of one wording (api-facts 3.6 for `legacy`; [issue] client reports against 0.4.x for the rest). */
export function contextOverflowMessage(wording: 'legacy' | 'n_keep' | 'cannot-truncate', promptTokens: number, contextLength: number): string {
  switch (wording) {
    case 'legacy':
      return (
        `Trying to keep the first ${promptTokens} tokens when context the overflows. However, the model is loaded with ` +
        `context length of only ${contextLength} tokens, which is not enough. Try to load the model with a larger ` +
        'context length, or provide a shorter input'
      );
    case 'n_keep':
      return (
        'The number of tokens to keep from the initial prompt is greater than the context length ' +
        `(n_keep: ${promptTokens} >= n_ctx: ${contextLength}). Try to load the model with a larger context length, or provide a shorter input.`
      );
    case 'cannot-truncate':
      return `Cannot truncate prompt with n_keep (${promptTokens}) >= n_ctx (${contextLength})`;
  }
}

/**
 * Context overflow (api-facts 3.6, issue #13): 0.3.x answers 400 with the llama.cpp "Trying to keep the first…"
 * message; 0.4.0–0.4.20 answer 400 with `{"error":"The number of tokens to keep … (n_keep: N >= n_ctx: M)…"}` (string
 * body); 0.4.21+ answer HTTP 200 with that error body (inside the stream for streaming requests, [inferred] form).
 * `contextOverflow: 'empty-deltas'` plays the GGUF failure mode instead: a 200 stream of empty content deltas that ends
 * with `finish_reason: "stop"` and `[DONE]` ([issue]; non-streaming: an empty answer). Returns `true` when it answered.
 */
export async function rejectContextOverflow(context: RequestContext, model: MockModelState, plan: ReplyPlan, stream: boolean): Promise<boolean> {
  if (plan.promptTokens <= model.loadedContextLength) return false;
  const { behaviour, contextOverflow } = context.state;
  const mode = contextOverflow ?? 'auto';
  if (mode === 'empty-deltas') {
    await emptyDeltaAnswer(context, model, stream);
    return true;
  }
  const wording = mode === 'auto' ? behaviour.overflowWording : mode;
  const message = contextOverflowMessage(wording, plan.promptTokens, model.loadedContextLength);
  // The 0.3.x message follows the version's error shape; the 0.4.x llama.cpp messages come as a string body.
  const shape = wording === 'legacy' ? errorShapeFor(context, 'version') : errorShapeFor(context, 'string');
  if (!behaviour.overflowAsOkWithError) {
    await context.channel.json(400, errorBody(message, shape));
    return true;
  }
  if (!stream) {
    await context.channel.json(200, errorBody(message, shape));
    return true;
  }
  await context.channel.startSse();
  await context.channel.event(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code: null } }));
  context.channel.endSse();
  return true;
}

async function emptyDeltaAnswer(context: RequestContext, model: MockModelState, stream: boolean): Promise<void> {
  const id = completionId('chatcmpl');
  const created = unixNow();
  const base = { id, object: 'chat.completion.chunk', created, model: model.id, system_fingerprint: model.id };
  if (!stream) {
    const message = { role: 'assistant', content: '' };
    await context.channel.json(200, {
      id,
      object: 'chat.completion',
      created,
      model: model.id,
      choices: [{ index: 0, logprobs: null, finish_reason: 'stop', message }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      stats: {},
      system_fingerprint: model.id,
    });
    return;
  }
  const chunk = (delta: Record<string, unknown>, finish: string | null) =>
    JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  await context.channel.startSse();
  await context.channel.event(chunk({ role: 'assistant', content: '' }, null));
  for (let i = 0; i < 3; i++) {
    await context.channel.tokenPause();
    await context.channel.event(chunk({ content: '' }, null));
  }
  await context.channel.event(chunk({}, 'stop'));
  await context.channel.event('[DONE]');
  context.channel.endSse();
}

/** `/api/v0` `stats` (seconds; measured, with 50 tokens/s assumed when generation took no measurable time). */
export function v0Stats(context: RequestContext, firstTokenAt: number, plan: ReplyPlan): Record<string, unknown> {
  const now = performance.now();
  const ttft = Math.max(0.001, (firstTokenAt - context.startedAt) / 1000);
  const measured = (now - firstTokenAt) / 1000;
  const generation = measured > 0.005 ? measured : Math.max(0.001, plan.completionTokens * 0.02);
  return {
    tokens_per_second: plan.completionTokens / generation,
    time_to_first_token: Number(ttft.toFixed(3)),
    generation_time: Number(generation.toFixed(3)),
    stop_reason: plan.stopReason,
  };
}

/** `/api/v0` `model_info` (context_length = the loaded context). */
export function v0ModelInfo(model: MockModelState): Record<string, unknown> {
  return { arch: model.arch, quant: model.quantization, format: model.compatibilityType, context_length: model.loadedContextLength };
}

/** `/api/v0` `runtime`. [inferred] runtime names for this platform (the docs show a macOS llama.cpp runtime). */
export function v0Runtime(model: MockModelState): Record<string, unknown> {
  return model.compatibilityType === 'mlx'
    ? { name: 'mlx-llm-mac-arm64-apple-metal-advsimd', version: '0.13.0', supported_formats: ['safetensors'] }
    : { name: 'llama.cpp-linux-x86_64-avx2', version: '1.3.0', supported_formats: ['gguf'] };
}

/** Waits as long as generating `tokens` tokens would take (non-streaming answers). */
export async function generationPause(context: RequestContext, tokens: number): Promise<void> {
  for (let i = 0; i < tokens; i++) await context.channel.tokenPause(false);
}
