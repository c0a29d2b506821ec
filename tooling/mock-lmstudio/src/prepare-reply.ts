import { rejectContextOverflow } from './inference-common';
import type { MockModelState } from './mock-model';
import { lastUserText, planReply, type ReplyPlan } from './reply-planner';
import type { RequestContext } from './request-context';
import { resolveInferenceModel } from './resolve-inference-model';

/** What a chat or text completion answers with, once the model is resolved and the reply planned. */
export interface PreparedReply {
  model: MockModelState;
  /** The `model` string the client sent (echoed in responses). */
  requested: string;
  plan: ReplyPlan;
  stream: boolean;
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

/**
 * The steps chat and text completions share: resolve the model (JIT load, or the error response), play a scripted
 * raw reply, plan the reply, refuse a context overflow. Resolves to `undefined` when a response was already sent.
 */
export async function prepareReply(context: RequestContext, kind: 'chat' | 'completion', body: Readonly<Record<string, unknown>>): Promise<PreparedReply | undefined> {
  const resolved = await resolveInferenceModel(context, body.model, 'llm');
  if (!resolved.ok) {
    await context.channel.json(resolved.status, resolved.body);
    return undefined;
  }
  const { model, requested } = resolved;
  const scripted = context.state.nextReply({ kind, path: context.path, model: model.id, body, lastUserText: lastUserText(kind, body) });
  if (scripted?.raw !== undefined) {
    if (body.stream === true) await context.channel.rawSse(scripted.raw);
    else await context.channel.raw(200, 'application/json; charset=utf-8', scripted.raw);
    return undefined;
  }
  const plan = planReply({ kind, body, model: model.id, seed: context.state.seed, scripted });
  const stream = body.stream === true;
  if (await rejectContextOverflow(context, model, plan, stream)) return undefined;
  const usage = { prompt_tokens: plan.promptTokens, completion_tokens: plan.completionTokens, total_tokens: plan.promptTokens + plan.completionTokens };
  return { model, requested, plan, stream, usage };
}
