import { performance } from 'node:perf_hooks';
import { errorBody, v1ErrorBody } from './error-bodies';
import { rejectInvalidJson, unixNow } from './inference-common';
import type { MockModelState } from './mock-model';
import { lastUserText, messageText, planReply, type ReplyPlan } from './reply-planner';
import { bodyObject, errorShapeFor, type RequestContext } from './request-context';
import { resolveInferenceModel, type ResolvedModel } from './resolve-inference-model';
import { randomLowerAlnum } from './seeded-random';

// The three newer inference APIs in their documented minimal forms (text, streaming, usage): `POST /v1/responses`
// (0.3.29+, OpenAI Responses shape), `POST /api/v1/chat` (0.4.0+, api-facts 3.4) and `POST /v1/messages` (0.4.1+,
// Anthropic Messages shape). Versions before them answer the 200 "Unexpected endpoint" body (router fallthrough).
// Function tools are emulated on `/v1/responses` and `/v1/messages` (the planner picks a tool as on chat
// completions); `/api/v1/chat` documents only MCP/plugin tools, which are not emulated, nor are images and
// server-side state (`previous_response_id` is echoed, not replayed). [inferred] error bodies of these endpoints for model-resolution failures (see each handler).

interface ChatLike {
  messages: { role: string; content: string }[];
  maxTokens: number | undefined;
  stream: boolean;
  /** Function tools in the chat-completions form, and `tool_choice` in that form. */
  tools?: unknown[];
  toolChoice?: unknown;
}

const chatTool = (name: unknown, description: unknown, parameters: unknown) => ({
  type: 'function',
  function: { name, ...(typeof description === 'string' ? { description } : {}), parameters: parameters ?? { type: 'object' } },
});

interface Prepared {
  model: MockModelState;
  requested: string;
  plan: ReplyPlan;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}

/** Resolves the model and plans the reply like chat completions do (scripted replies included, `raw` ignored). */
async function prepare(context: RequestContext, chat: ChatLike, model: unknown): Promise<Prepared | Extract<ResolvedModel, { ok: false }>> {
  const resolved = await resolveInferenceModel(context, model, 'llm');
  if (!resolved.ok) return resolved;
  const body: Record<string, unknown> = {
    model: resolved.requested,
    messages: chat.messages,
    ...(chat.maxTokens === undefined ? {} : { max_tokens: chat.maxTokens }),
    ...(chat.tools && chat.tools.length > 0 ? { tools: chat.tools } : {}),
    ...(chat.toolChoice === undefined ? {} : { tool_choice: chat.toolChoice }),
  };
  const scripted = context.state.nextReply({ kind: 'chat', path: context.path, model: resolved.model.id, body, lastUserText: lastUserText('chat', body) });
  const plan = planReply({ kind: 'chat', body, model: resolved.model.id, seed: context.state.seed, scripted });
  return { model: resolved.model, requested: resolved.requested, plan };
}

function errorMessage(body: Extract<ResolvedModel, { ok: false }>['body']): string {
  return typeof body.error === 'string' ? body.error : body.error.message;
}

// ---------------------------------------------------------------------------------------------------------------
// POST /v1/responses

function responsesInput(body: Record<string, unknown>): ChatLike['messages'] {
  const messages: ChatLike['messages'] = [];
  const instructions = text(body.instructions);
  if (instructions) messages.push({ role: 'system', content: instructions });
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) {
    for (const item of body.input as unknown[]) {
      if (item === null || typeof item !== 'object') continue;
      const record = item as Record<string, unknown>;
      if (record.type === 'function_call_output') {
        messages.push({ role: 'tool', content: typeof record.output === 'string' ? record.output : JSON.stringify(record.output) });
        continue;
      }
      if (record.type === 'function_call') {
        messages.push({ role: 'assistant', content: '' });
        continue;
      }
      const role = text(record.role) ?? 'user';
      const content = Array.isArray(record.content)
        ? (record.content as unknown[]).map((part) => (part !== null && typeof part === 'object' ? (text((part as Record<string, unknown>).text) ?? '') : '')).join('')
        : messageText(record.content);
      messages.push({ role: role === 'developer' ? 'system' : role, content });
    }
  }
  return messages;
}

function responsesTools(body: Record<string, unknown>): Pick<ChatLike, 'tools' | 'toolChoice'> {
  const tools = Array.isArray(body.tools)
    ? (body.tools as unknown[])
        .filter((tool): tool is Record<string, unknown> => tool !== null && typeof tool === 'object' && (tool as Record<string, unknown>).type === 'function')
        .map((tool) => chatTool(tool.name, tool.description, tool.parameters))
    : [];
  const choice = body.tool_choice;
  const toolChoice =
    choice !== null && typeof choice === 'object' && (choice as Record<string, unknown>).type === 'function'
      ? { type: 'function', function: { name: (choice as Record<string, unknown>).name } }
      : choice;
  return { tools, ...(toolChoice === undefined ? {} : { toolChoice }) };
}

/**
 * `POST /v1/responses` (0.3.29+, api-facts 3.2): OpenAI Responses shape (`id: "resp_…"`, `object: "response"`,
 * `status`, `output[]` with one `message` item of `output_text`), SSE with named events `response.created`,
 * `response.output_item.added`, `response.content_part.added`, `response.output_text.delta`,
 * `response.output_text.done`, `response.content_part.done`, `response.output_item.done`, `response.completed`.
 * Function `tools` (`{type:"function",name,parameters}`) → `function_call` output items (streamed with
 * `response.function_call_arguments.delta|done`); `function_call_output` input items are tool results.
 * Missing `input` → 400 `{"error":{"message":"Required","type":"invalid_request_error","param":"input","code":
 * "missing_required_parameter"}}` (api-facts 3.6 form of the schema errors).
 */
export async function handleResponses(context: RequestContext): Promise<void> {
  if (await rejectInvalidJson(context)) return;
  const body = bodyObject(context);
  if (body.input === undefined) {
    await context.channel.json(400, { error: { message: 'Required', type: 'invalid_request_error', param: 'input', code: 'missing_required_parameter' } });
    return;
  }
  const prepared = await prepare(
    context,
    { messages: responsesInput(body), maxTokens: positive(body.max_output_tokens), stream: body.stream === true, ...responsesTools(body) },
    body.model,
  );
  if ('ok' in prepared) {
    await context.channel.json(prepared.status, errorBody(errorMessage(prepared.body), errorShapeFor(context, 'object'), { param: 'model', code: 'model_not_found' }));
    return;
  }
  const { plan, requested } = prepared;
  const id = `resp_${randomLowerAlnum(24)}`;
  const messageId = `msg_${randomLowerAlnum(24)}`;
  const createdAt = unixNow();
  const usage = { input_tokens: plan.promptTokens, output_tokens: plan.completionTokens, total_tokens: plan.promptTokens + plan.completionTokens };
  const status = plan.finishReason === 'length' ? 'incomplete' : 'completed';
  const item = (textValue: string, itemStatus: string) => ({
    id: messageId,
    type: 'message',
    status: itemStatus,
    role: 'assistant',
    content: [{ type: 'output_text', text: textValue, annotations: [] }],
  });
  const response = (responseStatus: string, output: unknown[], withUsage: boolean) => ({
    id,
    object: 'response',
    created_at: createdAt,
    status: responseStatus,
    model: requested,
    output,
    previous_response_id: text(body.previous_response_id) ?? null,
    ...(responseStatus === 'incomplete' ? { incomplete_details: { reason: 'max_output_tokens' } } : {}),
    usage: withUsage ? usage : null,
  });

  // Function calls (Responses shape): `{id:"fc_…", type:"function_call", status, arguments, call_id, name}`.
  const calls = plan.toolCalls.map((call) => ({ id: `fc_${randomLowerAlnum(24)}`, type: 'function_call', status: 'completed', arguments: call.arguments, call_id: call.id, name: call.name }));
  const finalOutput = [...(plan.content !== '' || calls.length === 0 ? [item(plan.content, 'completed')] : []), ...calls];
  if (body.stream !== true) {
    await context.channel.json(200, response(status, finalOutput, true));
    return;
  }
  const { channel } = context;
  let sequence = 0;
  const send = (type: string, data: Record<string, unknown>) => channel.namedEvent(type, JSON.stringify({ type, sequence_number: sequence++, ...data }));
  await channel.startSse();
  await send('response.created', { response: response('in_progress', [], false) });
  let outputIndex = 0;
  if (plan.content !== '' || calls.length === 0) {
    await send('response.output_item.added', { output_index: outputIndex, item: { ...item('', 'in_progress'), content: [] } });
    await send('response.content_part.added', { item_id: messageId, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } });
    for (const piece of plan.pieces) {
      await channel.tokenPause();
      await send('response.output_text.delta', { item_id: messageId, output_index: outputIndex, content_index: 0, delta: piece });
    }
    await send('response.output_text.done', { item_id: messageId, output_index: outputIndex, content_index: 0, text: plan.content });
    await send('response.content_part.done', { item_id: messageId, output_index: outputIndex, content_index: 0, part: { type: 'output_text', text: plan.content, annotations: [] } });
    await send('response.output_item.done', { output_index: outputIndex, item: item(plan.content, 'completed') });
    outputIndex++;
  }
  for (const call of calls) {
    await send('response.output_item.added', { output_index: outputIndex, item: { ...call, status: 'in_progress', arguments: '' } });
    for (const piece of argumentPieces(call.arguments)) {
      await channel.tokenPause();
      await send('response.function_call_arguments.delta', { item_id: call.id, output_index: outputIndex, delta: piece });
    }
    await send('response.function_call_arguments.done', { item_id: call.id, output_index: outputIndex, arguments: call.arguments });
    await send('response.output_item.done', { output_index: outputIndex, item: call });
    outputIndex++;
  }
  await send(status === 'completed' ? 'response.completed' : 'response.incomplete', { response: response(status, finalOutput, true) });
  channel.endSse();
}

function argumentPieces(value: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < value.length; i += 8) pieces.push(value.slice(i, i + 8));
  return pieces;
}

// ---------------------------------------------------------------------------------------------------------------
// POST /api/v1/chat

function v1ChatInput(body: Record<string, unknown>): ChatLike['messages'] {
  const messages: ChatLike['messages'] = [];
  const system = text(body.system_prompt);
  if (system) messages.push({ role: 'system', content: system });
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) {
    const parts = (body.input as unknown[])
      .map((part) => (part !== null && typeof part === 'object' && (part as Record<string, unknown>).type === 'message' ? (text((part as Record<string, unknown>).content) ?? '') : ''))
      .filter((part) => part !== '');
    messages.push({ role: 'user', content: parts.join('\n') });
  }
  return messages;
}

/**
 * `POST /api/v1/chat` (0.4.0+, api-facts 3.4): `{model_instance_id, output:[{type:"message",content}], stats,
 * response_id}`; streaming with named events `chat.start`, `model_load.start|progress|end` (JIT load),
 * `prompt_processing.start|progress|end`,
 * `message.start|delta|end`, `chat.end` (whose `result` equals the non-stream body). Errors use the v1 error object
 * (`{"error":{"type","message","code"?,"param"?}}`); [inferred] statuses 400 (invalid request) and 404 (unknown model).
 */
export async function handleV1Chat(context: RequestContext): Promise<void> {
  if (context.bodyError !== undefined) {
    await context.channel.json(400, v1ErrorBody('invalid_request', `Invalid JSON in request body: ${context.bodyError}`));
    return;
  }
  const body = bodyObject(context);
  if (typeof body.model !== 'string' || body.model === '') {
    await context.channel.json(400, v1ErrorBody('invalid_request', "'model' is required", { code: 'missing_required_parameter', param: 'model' }));
    return;
  }
  if (body.input === undefined) {
    await context.channel.json(400, v1ErrorBody('invalid_request', "'input' is required", { code: 'missing_required_parameter', param: 'input' }));
    return;
  }
  const startedAt = performance.now();
  const { channel } = context;
  const send = (type: string, data: Record<string, unknown> = {}) => channel.namedEvent(type, JSON.stringify({ type, ...data }));
  // A streamed request for a model that JIT will load reports the load (api-facts 3.4/3.5: `model_load.*` events);
  // the stream then starts before the load, so a failure arrives as an `error` event.
  const toLoad = context.state.catalogue.find(body.model);
  const streamLoad = body.stream === true && context.state.jit && toLoad !== undefined && toLoad.state !== 'loaded' && toLoad.type !== 'embeddings';
  if (streamLoad) {
    await channel.startSse();
    await send('chat.start', { model_instance_id: toLoad.id });
    await send('model_load.start', { model_instance_id: toLoad.id });
  }
  const prepared = await prepare(context, { messages: v1ChatInput(body), maxTokens: positive(body.max_output_tokens), stream: body.stream === true }, body.model);
  if ('ok' in prepared && streamLoad) {
    await send('error', { error: { type: 'model_not_found', message: errorMessage(prepared.body) } });
    channel.endSse();
    return;
  }
  if (streamLoad) {
    await send('model_load.progress', { model_instance_id: toLoad.id, progress: 1 });
    await send('model_load.end', { model_instance_id: toLoad.id, load_time_seconds: Number(((performance.now() - startedAt) / 1000).toFixed(3)) });
  }
  if ('ok' in prepared) {
    const notFound = prepared.status === 404 || (typeof prepared.body.error !== 'string' && prepared.body.error.code === 'model_not_found');
    await context.channel.json(notFound ? 404 : 400, v1ErrorBody(notFound ? 'model_not_found' : 'invalid_request', errorMessage(prepared.body), { param: 'model' }));
    return;
  }
  const { plan, model } = prepared;
  const result = (ttft: number, generation: number) => ({
    model_instance_id: model.id,
    output: [{ type: 'message', content: plan.content }],
    stats: {
      input_tokens: plan.promptTokens,
      total_output_tokens: plan.completionTokens,
      reasoning_output_tokens: 0,
      tokens_per_second: Number((plan.completionTokens / Math.max(0.001, generation)).toFixed(2)),
      time_to_first_token_seconds: Number(Math.max(0.001, ttft).toFixed(3)),
    },
    response_id: `resp_${randomLowerAlnum(24)}`,
  });
  if (body.stream !== true) {
    const firstToken = performance.now();
    for (let i = 0; i < plan.completionTokens; i++) await context.channel.tokenPause(false);
    await context.channel.json(200, result((firstToken - startedAt) / 1000, Math.max(0.001, plan.completionTokens * 0.02)));
    return;
  }
  if (!streamLoad) {
    await channel.startSse();
    await send('chat.start', { model_instance_id: model.id });
  }
  await send('prompt_processing.start');
  await send('prompt_processing.progress', { progress: 1 });
  await send('prompt_processing.end');
  const firstToken = performance.now();
  await send('message.start');
  for (const piece of plan.pieces) {
    await channel.tokenPause();
    await send('message.delta', { content: piece });
  }
  await send('message.end');
  const generation = (performance.now() - firstToken) / 1000;
  await send('chat.end', { result: result((firstToken - startedAt) / 1000, generation > 0.005 ? generation : plan.completionTokens * 0.02) });
  channel.endSse();
}

// ---------------------------------------------------------------------------------------------------------------
// POST /v1/messages

function anthropicText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as unknown[])
    .map((block) => (block !== null && typeof block === 'object' && (block as Record<string, unknown>).type === 'text' ? (text((block as Record<string, unknown>).text) ?? '') : ''))
    .join('');
}

function anthropicError(type: string, message: string): Record<string, unknown> {
  return { type: 'error', error: { type, message } };
}

/**
 * `POST /v1/messages` (0.4.1+, Anthropic-compatible, api-facts 3.0/3.1): Anthropic Messages shape (`id: "msg_…"`,
 * `type: "message"`, `content: [{type:"text",text}]`, `stop_reason` `end_turn|max_tokens`, `usage` with
 * `input_tokens`/`output_tokens`; `tools` with `input_schema` → `tool_use` blocks and `stop_reason: "tool_use"`; a
 * user message with `tool_result` blocks is a tool result); SSE with named events `message_start`,
 * `content_block_start`, `ping`, `content_block_delta` (`text_delta`, `input_json_delta`), `content_block_stop`,
 * `message_delta`, `message_stop`. Accepts `x-api-key`
 * as well as `Authorization: Bearer` in token mode. [inferred] errors in Anthropic's `{"type":"error","error":{…}}`
 * form.
 */
export async function handleMessages(context: RequestContext): Promise<void> {
  if (context.bodyError !== undefined) {
    await context.channel.json(400, anthropicError('invalid_request_error', `Invalid JSON in request body: ${context.bodyError}`));
    return;
  }
  const body = bodyObject(context);
  if (!Array.isArray(body.messages)) {
    await context.channel.json(400, anthropicError('invalid_request_error', 'messages: Field required'));
    return;
  }
  const messages: ChatLike['messages'] = [];
  const system = typeof body.system === 'string' ? body.system : anthropicText(body.system);
  if (system) messages.push({ role: 'system', content: system });
  for (const message of body.messages as unknown[]) {
    if (message === null || typeof message !== 'object') continue;
    const record = message as Record<string, unknown>;
    const blocks = Array.isArray(record.content) ? (record.content as unknown[]).filter((block): block is Record<string, unknown> => block !== null && typeof block === 'object') : [];
    const results = blocks.filter((block) => block.type === 'tool_result');
    if (results.length > 0) {
      for (const result of results) messages.push({ role: 'tool', content: typeof result.content === 'string' ? result.content : anthropicText(result.content) });
      continue;
    }
    messages.push({ role: text(record.role) ?? 'user', content: anthropicText(record.content) });
  }
  const tools = Array.isArray(body.tools)
    ? (body.tools as unknown[])
        .filter((tool): tool is Record<string, unknown> => tool !== null && typeof tool === 'object' && typeof (tool as Record<string, unknown>).name === 'string')
        .map((tool) => chatTool(tool.name, tool.description, tool.input_schema))
    : [];
  const choice = body.tool_choice !== null && typeof body.tool_choice === 'object' ? (body.tool_choice as Record<string, unknown>) : undefined;
  const toolChoice =
    choice?.type === 'any' ? 'required' : choice?.type === 'none' ? 'none' : choice?.type === 'tool' ? { type: 'function', function: { name: choice.name } } : undefined;
  const prepared = await prepare(
    context,
    { messages, maxTokens: positive(body.max_tokens), stream: body.stream === true, tools, ...(toolChoice === undefined ? {} : { toolChoice }) },
    body.model,
  );
  if ('ok' in prepared) {
    const notFound = prepared.status === 404 || (typeof prepared.body.error !== 'string' && prepared.body.error.code === 'model_not_found');
    await context.channel.json(notFound ? 404 : 400, anthropicError(notFound ? 'not_found_error' : 'invalid_request_error', errorMessage(prepared.body)));
    return;
  }
  const { plan, requested } = prepared;
  const id = `msg_${randomLowerAlnum(24)}`;
  const stopReason = plan.toolCalls.length > 0 ? 'tool_use' : plan.finishReason === 'length' ? 'max_tokens' : 'end_turn';
  // Tool calls as Anthropic `tool_use` blocks (`input` is an object; invalid argument JSON becomes `{}`).
  const toolUses = plan.toolCalls.map((call) => {
    let input: unknown;
    try {
      input = JSON.parse(call.arguments) as unknown;
    } catch {
      input = {};
    }
    return { type: 'tool_use', id: `toolu_${randomLowerAlnum(24)}`, name: call.name, input, json: call.arguments };
  });
  const textBlocks = plan.content !== '' || toolUses.length === 0 ? [{ type: 'text', text: plan.content }] : [];
  if (body.stream !== true) {
    await context.channel.json(200, {
      id,
      type: 'message',
      role: 'assistant',
      model: requested,
      content: [...textBlocks, ...toolUses.map(({ json: _json, ...block }) => block)],
      stop_reason: stopReason,
      stop_sequence: null,
      usage: { input_tokens: plan.promptTokens, output_tokens: plan.completionTokens },
    });
    return;
  }
  const { channel } = context;
  const send = (type: string, data: Record<string, unknown> = {}) => channel.namedEvent(type, JSON.stringify({ type, ...data }));
  await channel.startSse();
  await send('message_start', {
    message: { id, type: 'message', role: 'assistant', model: requested, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: plan.promptTokens, output_tokens: 0 } },
  });
  let index = 0;
  if (textBlocks.length > 0) {
    await send('content_block_start', { index, content_block: { type: 'text', text: '' } });
    await send('ping');
    for (const piece of plan.pieces) {
      await channel.tokenPause();
      await send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    }
    await send('content_block_stop', { index });
    index++;
  }
  for (const { json, ...block } of toolUses) {
    await send('content_block_start', { index, content_block: { ...block, input: {} } });
    for (const piece of argumentPieces(json)) {
      await channel.tokenPause();
      await send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
    }
    await send('content_block_stop', { index });
    index++;
  }
  await send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: plan.completionTokens } });
  await send('message_stop');
  channel.endSse();
}
