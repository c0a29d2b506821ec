import { performance } from 'node:perf_hooks';
import { promptText, type GateTicket } from './capacity-gate';
import { errorBody } from './error-bodies';
import {
  completionId,
  generationPause,
  rejectInvalidJson,
  rejectResponseFormat,
  unixNow,
  v0ModelInfo,
  v0Runtime,
  v0Stats,
} from './inference-common';
import { prepareReply, type PreparedReply } from './prepare-reply';

type PreparedModel = PreparedReply['model'];
import type { ReplyPlan } from './reply-planner';
import { bodyObject, errorShapeFor, type RequestContext } from './request-context';

function argumentPieces(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += 6) pieces.push(text.slice(i, i + 6));
  return pieces;
}

/**
 * `POST /v1/chat/completions` and `POST /api/v0/chat/completions` (`native`: adds `stats`, `model_info`, `runtime`
 * to non-streaming answers; streams carry no stats).
 */
export async function handleChatCompletions(context: RequestContext, native: boolean): Promise<void> {
  if (await rejectInvalidJson(context)) return;
  const body = bodyObject(context);
  if (!Array.isArray(body.messages)) {
    // api-facts 3.6: "'messages' field is required" ([inferred] 400).
    await context.channel.json(400, errorBody("'messages' field is required", errorShapeFor(context, 'string')));
    return;
  }
  if (await rejectResponseFormat(context)) return;
  const prepared = await prepareReply(context, 'chat', body);
  if (!prepared) return;
  const { model, requested, plan, stream } = prepared;
  let usage: Record<string, unknown> = prepared.usage;
  // Option `capacity`: wait for a slot and for the uncached prompt tokens, keep the slot until the answer is sent.
  const gate = context.state.capacity;
  let ticket: GateTicket | undefined;
  if (gate) {
    ticket = await gate.enter(promptText(body), plan.promptTokens, context.signal ?? new AbortController().signal);
    usage = { ...usage, prompt_tokens_details: { cached_tokens: ticket.cachedTokens } };
  }
  try {
    await answerChat(context, native, plan, { model, requested, stream, usage, body });
    ticket?.leave(plan.content);
  } finally {
    ticket?.leave('\u0000');
  }
}

async function answerChat(
  context: RequestContext,
  native: boolean,
  plan: ReplyPlan,
  { model, requested, stream, usage, body }: { model: PreparedModel; requested: string; stream: boolean; usage: Record<string, unknown>; body: Record<string, unknown> },
): Promise<void> {
  const id = completionId('chatcmpl');
  const created = unixNow();
  const behaviour = context.state.behaviour;

  if (!stream) {
    const firstTokenAt = performance.now();
    await generationPause(context, plan.completionTokens);
    const message: Record<string, unknown> = { role: 'assistant' };
    if (plan.reasoning) message[context.state.reasoningField] = plan.reasoning;
    if (plan.toolCalls.length > 0) {
      if (plan.content) message.content = plan.content;
      message.tool_calls = plan.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } }));
    } else {
      message.content = plan.content;
      if (!native && behaviour.emptyToolCallsArray) message.tool_calls = [];
    }
    const choice = { index: 0, logprobs: null, finish_reason: plan.finishReason, message };
    const response: Record<string, unknown> = { id, object: 'chat.completion', created, model: requested, choices: [choice], usage };
    if (native) {
      response.stats = v0Stats(context, firstTokenAt, plan);
      response.model_info = v0ModelInfo(model);
      response.runtime = v0Runtime(model);
    } else {
      if (behaviour.emptyStatsOnV1) response.stats = {};
      response.system_fingerprint = requested;
    }
    await context.channel.json(200, response);
    return;
  }

  await streamChat(context, plan, {
    id,
    created,
    model: requested,
    usage,
    includeUsage: wantsUsage(body) && behaviour.includeUsage,
    reasoningField: context.state.reasoningField,
  });
}

function wantsUsage(body: Record<string, unknown>): boolean {
  const options = body.stream_options;
  return options !== null && typeof options === 'object' && 'include_usage' in options && options.include_usage === true;
}

async function streamChat(
  context: RequestContext,
  plan: ReplyPlan,
  meta: { id: string; created: number; model: string; usage: Record<string, unknown>; includeUsage: boolean; reasoningField: string },
): Promise<void> {
  const { channel } = context;
  const base = { id: meta.id, object: 'chat.completion.chunk', created: meta.created, model: meta.model, system_fingerprint: meta.model };
  const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
    JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] });

  // [inferred] (api-facts 3.2) LM Studio sends no `:` keep-alive comments and no `event:` names on /v1 streams.
  await channel.startSse();
  let first = true;
  const withRole = (delta: Record<string, unknown>) => {
    if (!first) return delta;
    first = false;
    return { role: 'assistant', ...delta };
  };
  for (const piece of plan.reasoningPieces) {
    await channel.tokenPause();
    await channel.event(chunk(withRole({ [meta.reasoningField]: piece }), null));
  }
  for (const piece of plan.pieces) {
    await channel.tokenPause();
    await channel.event(chunk(withRole({ content: piece }), null));
  }
  // Tool calls stream in fragments (api-facts 3.2): id/type/name with empty arguments first, then argument pieces
  // keyed by index only. [inferred] `role` rides on the first fragment when no content came before.
  for (const [index, call] of plan.toolCalls.entries()) {
    await channel.tokenPause();
    await channel.event(chunk(withRole({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }] }), null));
    for (const piece of argumentPieces(call.arguments)) {
      await channel.tokenPause();
      await channel.event(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null));
    }
  }
  await channel.tokenPause();
  await channel.event(chunk({}, plan.finishReason));
  if (meta.includeUsage) await channel.event(JSON.stringify({ ...base, choices: [], usage: meta.usage }));
  await channel.event('[DONE]');
  channel.endSse();
}
