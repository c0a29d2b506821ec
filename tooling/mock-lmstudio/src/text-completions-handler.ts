import { performance } from 'node:perf_hooks';
import { errorBody } from './error-bodies';
import {
  completionId,
  generationPause,
  rejectInvalidJson,
  unixNow,
  v0ModelInfo,
  v0Runtime,
  v0Stats,
} from './inference-common';
import { prepareReply } from './prepare-reply';
import { bodyObject, errorShapeFor, type RequestContext } from './request-context';

/**
 * `POST /v1/completions` and `POST /api/v0/completions` (prompt → `choices[].text`; `native` adds `stats`,
 * `model_info`, `runtime`). [inferred] `/v1` extras (`stats: {}`, `system_fingerprint`) and the stream chunk shape
 * (`object: "text_completion"`, `text` pieces, final empty `text` with the finish reason) mirror chat completions.
 */
export async function handleTextCompletions(context: RequestContext, native: boolean): Promise<void> {
  if (await rejectInvalidJson(context)) return;
  const body = bodyObject(context);
  if (typeof body.prompt !== 'string' && !Array.isArray(body.prompt)) {
    await context.channel.json(400, errorBody("'prompt' field is required", errorShapeFor(context, 'string')));
    return;
  }
  const prepared = await prepareReply(context, 'completion', body);
  if (!prepared) return;
  const { model, requested, plan, stream, usage } = prepared;

  const id = completionId('cmpl');
  const created = unixNow();
  const behaviour = context.state.behaviour;
  const { channel } = context;

  if (!stream) {
    const firstTokenAt = performance.now();
    await generationPause(context, plan.completionTokens);
    const response: Record<string, unknown> = {
      id,
      object: 'text_completion',
      created,
      model: requested,
      choices: [{ index: 0, text: plan.content, logprobs: null, finish_reason: plan.finishReason }],
      usage,
    };
    if (native) {
      response.stats = v0Stats(context, firstTokenAt, plan);
      response.model_info = v0ModelInfo(model);
      response.runtime = v0Runtime(model);
    } else {
      if (behaviour.emptyStatsOnV1) response.stats = {};
      response.system_fingerprint = requested;
    }
    await channel.json(200, response);
    return;
  }

  const base = { id, object: 'text_completion', created, model: requested, system_fingerprint: requested };
  const chunk = (text: string, finishReason: string | null) =>
    JSON.stringify({ ...base, choices: [{ index: 0, text, logprobs: null, finish_reason: finishReason }] });
  await channel.startSse();
  for (const piece of plan.pieces) {
    await channel.tokenPause();
    await channel.event(chunk(piece, null));
  }
  await channel.tokenPause();
  await channel.event(chunk('', plan.finishReason === 'tool_calls' ? 'stop' : plan.finishReason));
  const options = body.stream_options;
  const includeUsage = options !== null && typeof options === 'object' && 'include_usage' in options && options.include_usage === true;
  if (includeUsage && behaviour.includeUsage) await channel.event(JSON.stringify({ ...base, choices: [], usage }));
  await channel.event('[DONE]');
  channel.endSse();
}
